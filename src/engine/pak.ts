/**
 * Writing a `.pak`: a zip archive (fflate) of every file of a tree, entries in
 * sorted key order, each stamped with the same fixed time and compressed at
 * the same level, so the same tree always gives the same bytes.
 */
import { zipSync, type Zippable } from "fflate";
import type { FileTree } from "./tree.js";

/** The time stamped on every entry: the earliest a zip archive can hold. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** Packs every file of `tree` into `.pak` bytes; the same files always give the same bytes. */
export function packTree(tree: FileTree): Uint8Array {
  const files: Zippable = {};
  for (const key of tree.keys()) {
    const data = tree.read(key);
    if (data !== undefined) files[key] = data;
  }
  return zipSync(files, { level: 6, mtime: FIXED_TIME });
}
