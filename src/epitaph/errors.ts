/**
 * Error types of the Epitaph front end. A diagnostic is one problem found in
 * the source before anything runs (file, line, column and what was expected);
 * `EpitaphCompileError` carries every diagnostic of a tree. At run time a
 * problem raises `EpitaphRuntimeError`, whose message starts with `file:line`;
 * compiled code throws `ScriptFault` (no location yet) and the enclosing phase
 * turns it into a located runtime error via `locate`.
 */

/** One problem found while lexing, parsing or checking a file. */
export interface EpitaphDiagnostic {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats a diagnostic as `file:line:col: message`. */
export function formatDiagnostic(d: EpitaphDiagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/** Thrown when a tree cannot be compiled; `diagnostics` lists every problem. */
export class EpitaphCompileError extends Error {
  readonly diagnostics: EpitaphDiagnostic[];
  constructor(diagnostics: EpitaphDiagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "EpitaphCompileError";
    this.diagnostics = diagnostics;
  }
}

/** A script failure while running; the message starts with `file:line:`. */
export class EpitaphRuntimeError extends Error {
  readonly file: string;
  readonly line: number;
  /** Call sites the error passed through on its way out, innermost first. */
  readonly calledFrom: string[] = [];
  constructor(file: string, line: number, detail: string, cause?: unknown) {
    super(`${file}:${line}: ${detail}`, cause === undefined ? undefined : { cause });
    this.name = "EpitaphRuntimeError";
    this.file = file;
    this.line = line;
  }
}

/** A script failure raised by compiled code or builtins before its location is known. */
export class ScriptFault extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "ScriptFault";
  }
}

/** Throws a `ScriptFault`; usable in expression position by generated code. */
export function fault(detail: string): never {
  throw new ScriptFault(detail);
}

const MAX_CALLED_FROM = 16;

/** Turns anything thrown inside a phase into an `EpitaphRuntimeError` located at file:line. */
export function locate(err: unknown, file: string, line: number): EpitaphRuntimeError {
  if (err instanceof EpitaphRuntimeError) {
    if (err.calledFrom.length < MAX_CALLED_FROM) err.calledFrom.push(`${file}:${line}`);
    return err;
  }
  if (err instanceof ScriptFault) return new EpitaphRuntimeError(file, line, err.message);
  // No regular expression here: this runs with the stack nearly exhausted.
  if (err instanceof RangeError && err.message.includes("Maximum call stack size exceeded")) {
    return new EpitaphRuntimeError(file, line, "too much recursion (call stack exhausted)", err);
  }
  const text = err instanceof Error ? err.message : String(err);
  return new EpitaphRuntimeError(file, line, `host error: ${text}`, err);
}
