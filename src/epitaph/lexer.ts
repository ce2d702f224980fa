/**
 * Hand-written lexer for Epitaph. It turns source text into tokens, each
 * flagged with whether a line break came before it: statements end at line
 * breaks, so the parser needs that bit instead of separate newline tokens.
 * It owns the lexical hazards: `--` always starts a comment (so `x--1` is `x`
 * and a comment), `=>`/`==`/`!=`/`<=`/`>=` are lexed before their one-char
 * prefixes, and `:name` is a symbol only when the colon is not glued to a
 * preceding word (`{a:b}` is a record entry, `f(:post)` passes a symbol).
 * Problems become diagnostics; lexing always continues to the end.
 */
import type { EpitaphDiagnostic } from "./errors.js";
import { exactInt } from "./numbers.js";

/** The kinds of token. */
export type TokenKind = "ident" | "keyword" | "num" | "text" | "sym" | "punct" | "eof";

/** One token and where it starts. */
export interface Token {
  kind: TokenKind;
  /** Identifier/keyword/punctuation spelling, text contents, or symbol name. */
  text: string;
  /** Numeric value of a `num` token: an exact int (a BigInt past 2^53) or a float. */
  value: number | bigint;
  /** True for a float literal (`3.14`, `1e3`, `42f`). */
  float: boolean;
  line: number;
  col: number;
  /** True when a line break separates this token from the previous one. */
  nl: boolean;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  "sector", "access", "let", "phase", "when", "otherwise", "sustain", "inspect",
  "void", "active", "dormant", "true", "false", "return", "break", "continue",
  "and", "or", "not",
]);

const PUNCT2 = new Set(["==", "!=", "=>", "<=", ">="]);
const PUNCT1 = new Set([..."{}()[],.:=<>+-*/%"]);
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "0": "\0", '"': '"', "\\": "\\" };

const isIdentStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const isIdentChar = (c: string): boolean => /[A-Za-z0-9_]/.test(c);
const isDigit = (c: string): boolean => c >= "0" && c <= "9";
/** 2^63: the largest decimal literal, valid only negated (`-9223372036854775808`). */
const INT_LIMIT = 1n << 63n;

/** Lexes one file; diagnostics are appended to `diags`. The last token is `eof`. */
export function lex(file: string, src: string, diags: EpitaphDiagnostic[]): Token[] {
  return new Lexer(file, src, diags).run();
}

class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private nl = true;
  private readonly tokens: Token[] = [];

  constructor(
    private readonly file: string,
    private readonly src: string,
    private readonly diags: EpitaphDiagnostic[],
  ) {}

  run(): Token[] {
    while (this.skipSpace()) this.token();
    this.push("eof", "", 0, this.i);
    return this.tokens;
  }

  /** Skips blanks, line breaks and comments; false at end of input. */
  private skipSpace(): boolean {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === "\n") {
        this.i++;
        this.line++;
        this.lineStart = this.i;
        this.nl = true;
      } else if (c === " " || c === "\t" || c === "\r" || c === "\uFEFF") {
        this.i++;
      } else if (c === "-" && s[this.i + 1] === "-") {
        while (this.i < s.length && s[this.i] !== "\n") this.i++;
      } else {
        return true;
      }
    }
    return false;
  }

  private token(): void {
    const s = this.src;
    const start = this.i;
    const c = s[start];
    if (isIdentStart(c)) {
      while (this.i < s.length && isIdentChar(s[this.i])) this.i++;
      const word = s.slice(start, this.i);
      this.push(KEYWORDS.has(word) ? "keyword" : "ident", word, 0, start);
    } else if (isDigit(c)) {
      this.number(start);
    } else if (c === '"') {
      this.textLit(start);
    } else if (c === ":" && isIdentStart(s[start + 1] ?? "") && !this.gluedToPrevious(start)) {
      this.i++;
      while (this.i < s.length && isIdentChar(s[this.i])) this.i++;
      this.push("sym", s.slice(start + 1, this.i), 0, start);
    } else if (PUNCT2.has(s.slice(start, start + 2))) {
      this.i += 2;
      this.push("punct", s.slice(start, start + 2), 0, start);
    } else if (PUNCT1.has(c)) {
      this.i++;
      this.push("punct", c, 0, start);
    } else {
      this.i++;
      const hint = c === "!" ? ' (write "not" for negation)' : c === ";" ? " (statements end at a line break)" : "";
      this.error(start, `unexpected character ${JSON.stringify(c)}${hint}`);
    }
  }

  /** True when the character before `at` ends a word, so `a:b` is a record key. */
  private gluedToPrevious(at: number): boolean {
    const prev = this.src[at - 1] ?? " ";
    return isIdentChar(prev) || prev === '"' || prev === ")" || prev === "]";
  }

  private number(start: number): void {
    const s = this.src;
    const radix = s[start] === "0" ? ({ x: 16, b: 2, o: 8 } as Record<string, number>)[s[start + 1]] : undefined;
    if (radix !== undefined) {
      this.i += 2;
      const digitsStart = this.i;
      while (this.i < s.length && isIdentChar(s[this.i])) this.i++;
      const digits = s.slice(digitsStart, this.i);
      const valid = digits !== "" && validDigits(digits, radix);
      const value = valid ? BigInt(`0${s[start + 1]}${digits}`) : 0n;
      if (!valid) this.error(start, `malformed number ${JSON.stringify(s.slice(start, this.i))}`);
      else if (value >= INT_LIMIT * 2n) this.error(start, `${s.slice(start, this.i)} does not fit in 64 bits`);
      this.push("num", s.slice(start, this.i), exactInt(BigInt.asIntN(64, value)), start);
      return;
    }
    while (isDigit(s[this.i] ?? "")) this.i++;
    const intEnd = this.i;
    if (s[this.i] === "." && isDigit(s[this.i + 1] ?? "")) {
      this.i++;
      while (isDigit(s[this.i] ?? "")) this.i++;
    }
    if ((s[this.i] === "e" || s[this.i] === "E") && /^[eE][+-]?\d/.test(s.slice(this.i, this.i + 3))) {
      this.i += s[this.i + 1] === "+" || s[this.i + 1] === "-" ? 2 : 1;
      while (isDigit(s[this.i] ?? "")) this.i++;
    }
    const float = this.i > intEnd || s[this.i] === "f";
    const value = float ? Number(s.slice(start, this.i)) : BigInt(s.slice(start, this.i));
    if (s[this.i] === "f") this.i++;
    if (isIdentChar(s[this.i] ?? "")) {
      while (isIdentChar(s[this.i] ?? "")) this.i++;
      this.error(start, `malformed number ${JSON.stringify(s.slice(start, this.i))}`);
    } else if (typeof value === "bigint" && value > INT_LIMIT) {
      this.error(start, `${s.slice(start, this.i)} is out of the int range (64 bits: -9223372036854775808 to 9223372036854775807)`);
    }
    this.push("num", s.slice(start, this.i), typeof value === "bigint" ? exactInt(value) : value, start, float);
  }

  private textLit(start: number): void {
    const s = this.src;
    let out = "";
    this.i++;
    for (;;) {
      const c = s[this.i];
      if (c === undefined || c === "\n") {
        this.error(start, 'unterminated text: expected a closing " on the same line');
        break;
      }
      this.i++;
      if (c === '"') break;
      if (c !== "\\") {
        out += c;
        continue;
      }
      out += this.escape();
    }
    this.push("text", out, 0, start);
  }

  /** Reads the escape after a backslash: \n \t \r \0 \" \\ or \u{hex}. */
  private escape(): string {
    const s = this.src;
    const at = this.i - 1;
    const e = s[this.i] ?? "";
    this.i++;
    if (e in ESCAPES) return ESCAPES[e];
    const m = e === "u" ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(s.slice(this.i)) : null;
    if (m && parseInt(m[1], 16) <= 0x10ffff) {
      this.i += m[0].length;
      return String.fromCodePoint(parseInt(m[1], 16));
    }
    this.error(at, `unknown escape "\\${e}": expected one of \\n \\t \\r \\0 \\" \\\\ \\u{hex}`);
    return "";
  }

  private push(kind: TokenKind, text: string, value: number | bigint, start: number, float = false): void {
    this.tokens.push({ kind, text, value, float, line: this.line, col: start - this.lineStart + 1, nl: this.nl });
    this.nl = false;
  }

  private error(at: number, message: string): void {
    this.diags.push({ file: this.file, line: this.line, col: at - this.lineStart + 1, message });
  }
}

function validDigits(digits: string, radix: number): boolean {
  const re = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
  return re.test(digits);
}
