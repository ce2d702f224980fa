/**
 * Public entry of the Epitaph front end: check a script tree for problems,
 * or compile it and instantiate it against an engine host. Everything else
 * in this folder is internal. See docs/epitaph.md for the language.
 */
import { compileOrThrow, compileTree } from "./program.js";
import type { EpitaphDiagnostic } from "./errors.js";
import type { EpitaphHost, EpitaphProgram } from "./host.js";

export type { EpitaphDiagnostic } from "./errors.js";
export { EpitaphCompileError, EpitaphRuntimeError, formatDiagnostic } from "./errors.js";
export type { EpitaphHost, EpitaphProgram } from "./host.js";
export type { CompiledTree } from "./program.js";
export { Sym } from "./values.js";

/** Options of `checkEpitaphTree`. */
export interface CheckOptions {
  /** The modules the host provides (besides the standard ones); when given, `access <name>` of any other is a problem. */
  modules?: Iterable<string>;
}

/** Parse and compile every .ep file of a tree; returns all diagnostics (empty when the tree is clean). */
export function checkEpitaphTree(files: ReadonlyMap<string, string>, options: CheckOptions = {}): EpitaphDiagnostic[] {
  const seen = new Set<string>();
  const covered = new Set<string>();
  const out: EpitaphDiagnostic[] = [];
  const known = options.modules === undefined ? undefined : new Set(options.modules);
  const entries = [...files.keys()].filter((f) => f.endsWith(".ep")).sort((a, b) => Number(b === "main.ep") - Number(a === "main.ep"));
  for (const entry of entries) {
    if (covered.has(entry)) continue;
    const { diagnostics, loaded } = compileTree(files, entry, known);
    for (const f of loaded) covered.add(f);
    for (const d of diagnostics) {
      const key = `${d.file}:${d.line}:${d.col}:${d.message}`;
      if (!seen.has(key)) out.push(d), seen.add(key);
    }
  }
  return out;
}

/** Compile the tree once for many instances; throws EpitaphCompileError (with .diagnostics) on problems. */
export function compileEpitaphTree(files: ReadonlyMap<string, string>, entry = "main.ep") {
  return compileOrThrow(files, entry);
}

/** Compile the tree from its entry (default "main.ep") and instantiate it against a host; throws EpitaphCompileError (with .diagnostics) on parse errors. Top-level statements run here. */
export function loadEpitaphProgram(files: ReadonlyMap<string, string>, host: EpitaphHost, entry = "main.ep"): EpitaphProgram {
  return compileOrThrow(files, entry).instantiate(host);
}
