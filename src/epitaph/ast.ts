/**
 * The syntax tree of an Epitaph file, as produced by the parser and consumed
 * by the compiler. Every node carries the position (`line`, `col`, 1-based)
 * of its first token so that diagnostics and runtime errors can point at it.
 */

/** A source position, 1-based. */
export interface Pos {
  line: number;
  col: number;
}

/** An expression. */
export type Expr =
  | (Pos & { kind: "num"; value: number | bigint; float: boolean })
  | (Pos & { kind: "text"; value: string })
  | (Pos & { kind: "sym"; name: string })
  | (Pos & { kind: "bool"; value: boolean })
  | (Pos & { kind: "void" })
  | (Pos & { kind: "name"; name: string })
  | (Pos & { kind: "member"; object: Expr; name: string })
  | (Pos & { kind: "index"; object: Expr; index: Expr })
  | (Pos & { kind: "call"; callee: Expr; args: Expr[] })
  | (Pos & { kind: "unary"; op: "-" | "not"; operand: Expr })
  | (Pos & { kind: "binary"; op: BinaryOp; left: Expr; right: Expr })
  | (Pos & { kind: "logic"; op: "and" | "or"; left: Expr; right: Expr })
  | (Pos & { kind: "list"; items: Expr[] })
  | (Pos & { kind: "record"; entries: { key: string; value: Expr }[] });

/** The binary operators (`and`/`or` are `logic` nodes). */
export type BinaryOp = "+" | "-" | "*" | "/" | "%" | "==" | "!=" | "<" | "<=" | ">" | ">=";

/** A literal an `inspect` arm compares against (`_`/`otherwise` arms have none). */
export type Pattern = Extract<Expr, { kind: "num" | "text" | "sym" | "bool" | "void" }>;

/** One arm of an `inspect`. */
export interface Arm extends Pos {
  /** Alternatives; empty for the default arm. */
  patterns: Pattern[];
  body: Block;
}

/** A `{ ... }` body; its position is the opening brace. */
export interface Block extends Pos {
  body: Stmt[];
}

/** One `when` condition and its body. */
export interface Branch {
  cond: Expr;
  body: Block;
}

/** A statement. */
export type Stmt =
  | (Pos & { kind: "let"; name: string; value: Expr })
  | (Pos & { kind: "assign"; target: Expr; value: Expr })
  | (Pos & { kind: "expr"; expr: Expr })
  | (Pos & { kind: "when"; branches: Branch[]; otherwise?: Block })
  | (Pos & { kind: "sustain"; bind?: string; cond: Expr; body: Block })
  | (Pos & { kind: "inspect"; subject: Expr; arms: Arm[] })
  | (Pos & { kind: "return"; value?: Expr })
  | (Pos & { kind: "break" })
  | (Pos & { kind: "continue" });

/** An `access <module>` or `access "file"` line. */
export type Access =
  | (Pos & { kind: "module"; name: string })
  | (Pos & { kind: "file"; path: string });

/** A `phase` declaration. */
export interface Phase extends Pos {
  name: string;
  params: string[];
  body: Block;
}

/** One parsed `.ep` file. `statements` are its top-level statements in order. */
export interface FileAst {
  file: string;
  sector?: string;
  accesses: Access[];
  phases: Phase[];
  statements: Stmt[];
  /** True when the file had syntax errors (so undeclared names in it may be their echo, and go unreported). */
  broken: boolean;
}
