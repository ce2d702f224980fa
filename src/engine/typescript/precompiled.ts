/**
 * Compiled scripts stored in a `.pak`: `tickwire pack` adds the tree's bundle
 * (code, source map, exported names) under one key, so a page runs the same
 * pack without a bundler. This file holds that record's format and the
 * script host that reads it; it is platform-neutral (no esbuild).
 */
import type { CompiledScript, ScriptHost } from "../script-host.js";
import type { FileTree } from "../tree.js";
import { CompiledTypeScript, SCRIPT_ENTRY, type ScriptBundle } from "./compiled.js";

/** Where a pack keeps its compiled scripts. */
export const PRECOMPILED_KEY = ".tickwire/scripts.json";

/** The record's format version; a pack from a newer tickwire is refused with a clear message. */
const FORMAT = 1;

/** The record stored under PRECOMPILED_KEY for a bundle made from `entry`. */
export function encodePrecompiled(bundle: ScriptBundle, entry: string): Uint8Array {
  const record = { format: FORMAT, entry, exports: bundle.exports, code: bundle.code, map: bundle.map };
  return new TextEncoder().encode(JSON.stringify(record));
}

/** The bundle stored in `tree`; throws a clear Error when it is missing or not readable. */
export function decodePrecompiled(tree: FileTree): ScriptBundle {
  const bytes = tree.read(PRECOMPILED_KEY);
  const fail = (why: string): never => {
    throw new Error(`${tree.source} has no usable compiled scripts (${why}): make the pack with "tickwire pack"`);
  };
  if (bytes === undefined) return fail(`no ${PRECOMPILED_KEY}`);
  let record: { format?: unknown; code?: unknown; map?: unknown; exports?: unknown };
  try {
    record = JSON.parse(new TextDecoder().decode(bytes)) as typeof record;
  } catch {
    return fail(`${PRECOMPILED_KEY} is not JSON`);
  }
  if (record.format !== FORMAT) return fail(`format ${String(record.format)}, this tickwire reads ${FORMAT}`);
  const { code, map, exports } = record;
  if (typeof code !== "string" || typeof map !== "string" || !Array.isArray(exports)) return fail("a field is missing");
  return { code, map, exports: exports.filter((name): name is string => typeof name === "string") };
}

/** Runs the compiled scripts a pack of a `main.ts` tree carries (the host a page uses: it has no bundler). */
export const precompiledHost: ScriptHost = {
  entry: SCRIPT_ENTRY,
  async compile(tree: FileTree): Promise<CompiledScript> {
    return new CompiledTypeScript(decodePrecompiled(tree));
  },
};
