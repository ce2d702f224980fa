/**
 * Hand-written recursive-descent parser for Epitaph: tokens in, `FileAst` out.
 * Written by hand (not generated) so that every error can say what was
 * expected and where the enclosing construct began, with no dependency. A
 * statement ends at a line break or a closing `}`; a binary operator, `(`,
 * `[` or `.` that starts a new line (outside brackets) starts a new
 * statement instead of continuing the previous one. After an error the
 * parser skips to the next line and goes on, so one pass reports many
 * problems; an unclosed block at end of file stops it.
 */
import type { Access, Arm, Block, Branch, FileAst, Pattern, Phase, Pos, Stmt } from "./ast.js";
import type { EpitaphDiagnostic } from "./errors.js";
import { lex, type Token } from "./lexer.js";
import { ExprParser, ParseError, describe } from "./parse-expr.js";

const MAX_DIAGNOSTICS = 25;

/** Parses one file; problems are appended to `diags` (the AST is partial then). */
export function parseFile(file: string, src: string, diags: EpitaphDiagnostic[]): FileAst {
  const before = diags.length;
  const tokens = lex(file, src, diags);
  const ast = new Parser(file, tokens, diags).parseFile();
  ast.broken = diags.length > before;
  return ast;
}

class Parser extends ExprParser {
  private loopDepth = 0;
  private inPhase = false;

  constructor(file: string, tokens: Token[], private readonly diags: EpitaphDiagnostic[]) {
    super(file, tokens);
  }

  parseFile(): FileAst {
    const ast: FileAst = { file: this.file, accesses: [], phases: [], statements: [], broken: false };
    const limit = this.diags.length + MAX_DIAGNOSTICS;
    try {
      if (this.isWord("sector")) this.recover(() => void (ast.sector = this.sector()));
      while (this.peek().kind !== "eof" && this.diags.length < limit) {
        this.recover(() => this.topItem(ast));
      }
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      this.diags.push(err.diagnostic);
    }
    return ast;
  }

  private sector(): string {
    this.next();
    const name = this.expectIdent("a sector name after \"sector\"");
    this.endStatement();
    return name;
  }

  private topItem(ast: FileAst): void {
    if (this.isWord("access")) ast.accesses.push(this.access());
    else if (this.isWord("phase")) ast.phases.push(this.phase());
    else if (this.isWord("sector")) this.fail(this.peek(), "\"sector\" must be the first line of the file");
    else ast.statements.push(this.statement());
  }

  /** Runs `step`; on a non-fatal parse error records it and skips to the next line. */
  private recover(step: () => void): void {
    const start = this.pos;
    try {
      step();
    } catch (err) {
      if (!(err instanceof ParseError) || err.fatal) throw err;
      this.diags.push(err.diagnostic);
      this.depth = 0;
      this.skipLine(start);
    }
  }

  private skipLine(start: number): void {
    let depth = 0;
    if (this.pos === start) this.next();
    for (;;) {
      const t = this.peek();
      if (t.kind === "eof" || (depth === 0 && (t.nl || this.isPunct("}")))) return;
      if (this.isPunct("{")) depth++;
      if (this.isPunct("}")) depth--;
      this.next();
    }
  }

  private access(): Access {
    const at = this.next();
    const pos = { line: at.line, col: at.col };
    if (this.isPunct("<")) {
      this.next();
      const name = this.expectIdent("a module name after \"access <\"");
      this.expectPunct(">", `to close "access <${name}"`);
      this.endStatement();
      return { kind: "module", name, ...pos };
    }
    const t = this.peek();
    if (t.kind === "text") {
      this.next();
      this.endStatement();
      return { kind: "file", path: t.text, ...pos };
    }
    if (t.kind === "ident" && this.peek(1).text === ".") {
      this.fail(t, `legacy dotted imports are not supported: write access "${t.text}"`);
    }
    return this.fail(t, `expected <module> or "file" after "access", found ${describe(t)}`);
  }

  private phase(): Phase {
    const at = this.next();
    const name = this.expectIdent("a phase name after \"phase\"");
    const open = this.expectPunct("(", `after the phase name ${name}`);
    const params: string[] = [];
    while (!this.isPunct(")")) {
      params.push(this.expectIdent("a parameter name"));
      if (!this.isPunct(")")) this.expectPunct(",", "or \")\" in the parameter list", open);
    }
    this.next();
    this.inPhase = true;
    try {
      return { name, params, body: this.block(`phase ${name}`), line: at.line, col: at.col };
    } finally {
      this.inPhase = false;
    }
  }

  /** Parses `{ statements }`; `what` names the owner for the error when `{` is missing. */
  private block(what: string): Block {
    const open = this.expectPunct("{", `to start the body of ${what}`);
    const body = this.untilClose(open, "block", () => this.statement());
    return { body, line: open.line, col: open.col };
  }

  /** Parses items up to the "}" matching `open`, recovering item by item; `what` names the construct for errors. */
  private untilClose<T>(open: Token, what: string, item: () => T): T[] {
    const items: T[] = [];
    while (!this.isPunct("}")) {
      if (this.peek().kind === "eof") {
        this.fail(this.peek(), `expected "}" to close the ${what} opened at ${open.line}:${open.col}, found end of file`, true);
      }
      this.recover(() => items.push(item()));
    }
    this.next();
    return items;
  }

  private statement(): Stmt {
    const t = this.peek();
    const pos: Pos = { line: t.line, col: t.col };
    let stmt: Stmt;
    if (t.kind === "keyword") {
      stmt = this.keywordStatement(t, pos);
    } else {
      stmt = this.exprOrAssign(pos);
    }
    if (stmt.kind !== "when" && stmt.kind !== "sustain" && stmt.kind !== "inspect") this.endStatement();
    return stmt;
  }

  private keywordStatement(t: Token, pos: Pos): Stmt {
    switch (t.text) {
      case "let": {
        this.next();
        const name = this.expectIdent("a variable name after \"let\"");
        this.expectPunct("=", `after "let ${name}"`);
        return { kind: "let", name, value: this.expr(), ...pos };
      }
      case "when":
        return this.when(pos);
      case "sustain":
        return this.sustain(pos);
      case "inspect":
        return this.inspect(pos);
      case "return":
        return this.returnStmt(pos);
      case "break":
      case "continue":
        this.next();
        if (this.loopDepth === 0) this.fail(t, `"${t.text}" must be inside a sustain loop`);
        return { kind: t.text, ...pos };
      case "access":
      case "phase":
      case "sector":
        return this.fail(t, `"${t.text}" is only allowed at the top level of a file`);
      default:
        return this.exprOrAssign(pos);
    }
  }

  private exprOrAssign(pos: Pos): Stmt {
    const target = this.expr();
    if (!this.isPunct("=") || this.peek().nl) return { kind: "expr", expr: target, ...pos };
    const eq = this.next();
    if (target.kind !== "name" && target.kind !== "member" && target.kind !== "index") {
      this.fail(eq, "expected a variable, field or index on the left of \"=\"");
    }
    return { kind: "assign", target, value: this.expr(), ...pos };
  }

  private when(pos: Pos): Stmt {
    const branches: Branch[] = [];
    let otherwise: Block | undefined;
    do {
      this.next();
      const cond = this.headExpr();
      branches.push({ cond, body: this.block("when") });
      if (!this.isWord("otherwise")) break;
      this.next();
      if (!this.isWord("when")) otherwise = this.block("otherwise");
    } while (otherwise === undefined);
    return { kind: "when", branches, otherwise, ...pos };
  }

  private sustain(pos: Pos): Stmt {
    this.next();
    let bind: string | undefined;
    if (this.peek().kind === "ident" && this.peek(1).text === "=") {
      bind = this.next().text;
      this.next();
    }
    const cond = this.headExpr();
    this.loopDepth++;
    try {
      return { kind: "sustain", bind, cond, body: this.block("sustain"), ...pos };
    } finally {
      this.loopDepth--;
    }
  }

  private inspect(pos: Pos): Stmt {
    this.next();
    const subject = this.headExpr();
    const open = this.expectPunct("{", "to start the arms of inspect");
    const arms = this.untilClose(open, "inspect", () => this.arm());
    return { kind: "inspect", subject, arms, ...pos };
  }

  private arm(): Arm {
    const t = this.peek();
    const patterns: Pattern[] = [];
    if (this.isWord("otherwise") || (t.kind === "ident" && t.text === "_")) {
      this.next();
    } else {
      do patterns.push(this.pattern());
      while (this.isPunct(",") && this.next());
    }
    this.expectPunct("=>", "after the inspect pattern");
    return { patterns, body: this.block("the inspect arm"), line: t.line, col: t.col };
  }

  private pattern(): Pattern {
    const t = this.peek();
    const e = this.isPunct("-") || t.kind !== "punct" ? this.unary() : undefined;
    const literal = ["num", "text", "sym", "bool", "void"];
    if (e && literal.includes(e.kind)) return e as Pattern;
    return this.fail(t, `expected a pattern (text, number, symbol, active/dormant, void, _ or otherwise), found ${describe(t)}`);
  }

  private returnStmt(pos: Pos): Stmt {
    const t = this.next();
    if (!this.inPhase) this.fail(t, "\"return\" must be inside a phase");
    const after = this.peek();
    const bare = after.nl || after.kind === "eof" || this.isPunct("}");
    return { kind: "return", value: bare ? undefined : this.expr(), ...pos };
  }

  private endStatement(): void {
    const t = this.peek();
    if (t.nl || t.kind === "eof" || this.isPunct("}")) return;
    this.fail(t, `expected a line break or "}" after the statement, found ${describe(t)}`);
  }
}
