/**
 * The contract between the Epitaph front end and the engine that runs it:
 * what the engine provides (`EpitaphHost`) and what it gets back
 * (`EpitaphProgram`). Re-exported by `index.ts`.
 */

/** What the engine provides to one program instance. */
export interface EpitaphHost {
  /** Returns the installed module object (net, json, assets, ...), or throws a clear Error if not installed. */
  access(name: string): unknown;
  role: "client" | "server" | "offline_singleplayer";
  headless: boolean;
  /** Receives one formatted log line, already prefixed with `[ep:level]`. */
  log(level: "info" | "warn" | "error" | "debug", line: string): void;
  /** `sys.exit(code?)`: the script asks the engine to stop after the current tick. */
  exit(code?: number): void;
  /** `sys.warp(target)`: a scene/mode change request; symbols arrive as "sym:name". */
  warp?(target: string): void;
}

/** One running instance of a compiled script tree. */
export interface EpitaphProgram {
  /** True when the entry sector defines the phase (or `sector.phase` names one). */
  has(phase: string): boolean;
  /** Runs a phase with host values as arguments and returns its result as a host value. */
  call(phase: string, ...args: unknown[]): unknown;
}
