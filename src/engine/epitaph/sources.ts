/**
 * The Epitaph side of a mounted tree: every `.ep` file of a folder or `.pak`
 * read as UTF-8 text under its tree key, and the front end's check of all of
 * them turned into the engine's problem lines (`file:line:col: text`). Files
 * that are not `.ep` (assets kept next to the scripts, notes) are left alone.
 */
import { checkEpitaphTree, formatDiagnostic } from "../../epitaph/index.js";
import type { FileTree } from "../tree.js";

/** Every `.ep` file of `tree`, key to text (a byte order mark is dropped). */
export function epitaphSources(tree: FileTree): Map<string, string> {
  const decoder = new TextDecoder();
  const files = new Map<string, string>();
  for (const key of tree.keys()) {
    if (!key.endsWith(".ep")) continue;
    const bytes = tree.read(key);
    if (bytes !== undefined) files.set(key, decoder.decode(bytes));
  }
  return files;
}

/** Every parse and compile problem of every `.ep` file, as "file:line:col: text"; empty when the tree is clean. With `modules`, an `access` of any other non-standard module is a problem. */
export function epitaphProblems(files: ReadonlyMap<string, string>, modules?: readonly string[]): string[] {
  return checkEpitaphTree(files, { modules }).map(formatDiagnostic);
}
