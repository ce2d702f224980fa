/**
 * The expression half of the Epitaph parser, plus the token cursor both
 * halves share. Precedence, loosest first: `or`, `and`, `not`, `== !=`,
 * `< <= > >=`, `+ -`, `* / %`, unary `-`, then postfix `.name`, `(args)` and
 * `[index]`. Outside brackets a line break ends the expression: an operator
 * or a postfix `(`/`[`/`.` at the start of a line is not glued to the line
 * before. Inside `( )`, `[ ]` and record braces line breaks are free.
 */
import type { BinaryOp, Expr } from "./ast.js";
import type { EpitaphDiagnostic } from "./errors.js";
import type { Token } from "./lexer.js";
import { exactInt } from "./numbers.js";

/** A parse problem; `fatal` stops the parse (used for end of file inside a block). */
export class ParseError extends Error {
  constructor(readonly diagnostic: EpitaphDiagnostic, readonly fatal: boolean) {
    super(diagnostic.message);
  }
}

/** Describes a token for "found ..." messages; `lineBreak` mentions a line break before it. */
export function describe(t: Token, lineBreak = false): string {
  switch (t.kind) {
    case "eof": return "end of file";
    case "text": return `text ${JSON.stringify(t.text)}`;
    case "num": return `number ${t.text}`;
    case "sym": return `symbol :${t.text}`;
    default: return lineBreak && t.nl ? `"${t.text}" on a new line` : `"${t.text}"`;
  }
}

/** `-literal`: floats keep their sign (`-0.0`), ints stay exact (`-9223372036854775808` is a BigInt). */
function negateLiteral(value: number | bigint, float: boolean): number | bigint {
  if (typeof value === "bigint") return exactInt(-value);
  return float ? -value : 0 - value;
}

const LEVELS: readonly (readonly string[])[] = [["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];

/** Token cursor and expression grammar; the statement parser extends it. */
export class ExprParser {
  protected pos = 0;
  /** How many brackets are open; line breaks only matter at depth 0. */
  protected depth = 0;
  /** Set while parsing the head of when/sustain/inspect, where a "{" outside brackets opens the body. */
  private inHead = false;

  constructor(protected readonly file: string, private readonly tokens: Token[]) {}

  protected peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)];
  }

  protected next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  protected isPunct(text: string): boolean {
    const t = this.peek();
    return t.kind === "punct" && t.text === text;
  }

  protected isWord(text: string): boolean {
    const t = this.peek();
    return t.kind === "keyword" && t.text === text;
  }

  /** True when the next token continues the current line (or brackets are open). */
  private sameLine(): boolean {
    return this.depth > 0 || !this.peek().nl;
  }

  protected fail(t: Token, message: string, fatal = false): never {
    throw new ParseError({ file: this.file, line: t.line, col: t.col, message }, fatal);
  }

  protected expectPunct(text: string, why: string, opener?: Token): Token {
    if (this.isPunct(text)) return this.next();
    const from = opener ? ` opened at ${opener.line}:${opener.col}` : "";
    return this.fail(this.peek(), `expected "${text}" ${why}${from}, found ${describe(this.peek(), true)}`);
  }

  protected expectIdent(what: string): string {
    const t = this.peek();
    if (t.kind === "ident") return this.next().text;
    if (t.nl && t.kind !== "eof") return this.fail(t, `expected ${what}, found a line break before ${describe(t)}`);
    const hint = t.kind === "keyword" ? ` ("${t.text}" is a keyword)` : "";
    return this.fail(t, `expected ${what}, found ${describe(t)}${hint}`);
  }

  /** Parses a full expression. */
  protected expr(): Expr {
    return this.logic("or");
  }

  /** Parses the head expression of when/sustain/inspect: a "{" at depth 0 is the body, never a record. */
  protected headExpr(): Expr {
    this.inHead = true;
    try {
      return this.expr();
    } finally {
      this.inHead = false;
    }
  }

  private logic(op: "or" | "and"): Expr {
    const sub = (): Expr => (op === "or" ? this.logic("and") : this.notExpr());
    let left = sub();
    while (this.isWord(op) && this.sameLine()) {
      const t = this.next();
      left = { kind: "logic", op, left, right: sub(), line: t.line, col: t.col };
    }
    return left;
  }

  private notExpr(): Expr {
    if (!this.isWord("not")) return this.binary(0);
    const t = this.next();
    return { kind: "unary", op: "not", operand: this.notExpr(), line: t.line, col: t.col };
  }

  private binary(level: number): Expr {
    if (level === LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    while (this.peek().kind === "punct" && LEVELS[level].includes(this.peek().text) && this.sameLine()) {
      const t = this.next();
      const right = this.binary(level + 1);
      left = { kind: "binary", op: t.text as BinaryOp, left, right, line: t.line, col: t.col };
    }
    return left;
  }

  protected unary(): Expr {
    if (!this.isPunct("-")) return this.postfix(this.primary());
    const t = this.next();
    const operand = this.unary();
    if (operand.kind === "num") return { ...operand, value: negateLiteral(operand.value, operand.float), line: t.line, col: t.col };
    return { kind: "unary", op: "-", operand, line: t.line, col: t.col };
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (!this.sameLine()) return e;
      if (this.isPunct(".")) {
        this.next();
        const t = this.peek();
        if (t.kind !== "ident" && t.kind !== "keyword") this.fail(t, `expected a field name after ".", found ${describe(t)}`);
        e = { kind: "member", object: e, name: this.next().text, line: t.line, col: t.col };
      } else if (this.isPunct("(")) {
        if (e.kind === "sym") this.fail(this.peek(), "symbols with a payload (:name(...)) are not supported");
        const open = this.next();
        const args = this.bracketed(")", open, () => this.expr());
        e = { kind: "call", callee: e, args, line: open.line, col: open.col };
      } else if (this.isPunct("[")) {
        const open = this.next();
        this.depth++;
        const index = this.expr();
        this.expectPunct("]", "to close the index", open);
        this.depth--;
        e = { kind: "index", object: e, index, line: open.line, col: open.col };
      } else {
        return e;
      }
    }
  }

  /** Parses `item, item, ...` up to `close` (a trailing comma is allowed). */
  private bracketed<T>(close: string, open: Token, item: () => T): T[] {
    const items: T[] = [];
    this.depth++;
    while (!this.isPunct(close)) {
      if (this.peek().kind === "eof") {
        this.fail(this.peek(), `expected "${close}" to close the "${open.text}" opened at ${open.line}:${open.col}, found end of file`, true);
      }
      items.push(item());
      if (!this.isPunct(close)) this.expectPunct(",", `or "${close}"`, open);
    }
    this.depth--;
    this.next();
    return items;
  }

  private primary(): Expr {
    const t = this.peek();
    const pos = { line: t.line, col: t.col };
    switch (t.kind) {
      case "num": this.next(); return { kind: "num", value: t.value, float: t.float, ...pos };
      case "text": this.next(); return { kind: "text", value: t.text, ...pos };
      case "sym": this.next(); return { kind: "sym", name: t.text, ...pos };
      case "ident": this.next(); return { kind: "name", name: t.text, ...pos };
      case "keyword": return this.keywordPrimary(t);
      case "punct": return this.punctPrimary(t);
      default: return this.fail(t, `expected an expression, found ${describe(t)}`);
    }
  }

  private keywordPrimary(t: Token): Expr {
    const pos = { line: t.line, col: t.col };
    const bools: Record<string, boolean> = { active: true, true: true, dormant: false, false: false };
    if (t.text in bools) {
      this.next();
      return { kind: "bool", value: bools[t.text], ...pos };
    }
    if (t.text === "void") {
      this.next();
      return { kind: "void", ...pos };
    }
    return this.fail(t, `expected an expression, found ${describe(t)}`);
  }

  private punctPrimary(t: Token): Expr {
    const pos = { line: t.line, col: t.col };
    if (t.text === "(") {
      this.next();
      this.depth++;
      const e = this.expr();
      this.expectPunct(")", "to close the parenthesis", t);
      this.depth--;
      return e;
    }
    if (t.text === "[") {
      this.next();
      return { kind: "list", items: this.bracketed("]", t, () => this.expr()), ...pos };
    }
    if (t.text === "{" && !(this.inHead && this.depth === 0)) {
      this.next();
      return { kind: "record", entries: this.bracketed("}", t, () => this.recordEntry()), ...pos };
    }
    return this.fail(t, `expected an expression, found ${describe(t)}`);
  }

  private recordEntry(): { key: string; value: Expr } {
    const t = this.peek();
    if (t.kind !== "ident" && t.kind !== "text" && t.kind !== "keyword") {
      this.fail(t, `expected a field name or text key in the record, found ${describe(t)}`);
    }
    this.next();
    if (t.text === "__proto__") this.fail(t, "the key \"__proto__\" is reserved");
    this.expectPunct(":", `after the record key ${JSON.stringify(t.text)}`);
    return { key: t.text, value: this.expr() };
  }
}
