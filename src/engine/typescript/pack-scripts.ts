/**
 * Packing a TypeScript script tree for every platform: the tree's own files
 * plus its compiled bundle (see `precompiled.ts`), so Node compiles from the
 * sources as always and a page runs the stored bundle. Compile errors stop
 * the pack with the same messages `mountScripts` would give. Node only.
 */
import { statSync, writeFileSync } from "node:fs";
import { FolderTree } from "../node-tree.js";
import { packTree } from "../pak.js";
import { MemoryTree, type FileTree } from "../tree.js";
import { bundleTree } from "./bundle.js";
import { BUNDLE_NAME, SCRIPT_ENTRY } from "./compiled.js";
import { encodePrecompiled, PRECOMPILED_KEY } from "./precompiled.js";

/** `.pak` bytes of `tree` (which has SCRIPT_ENTRY at its root) with its compiled scripts added. */
export async function packScripts(tree: FileTree): Promise<Uint8Array> {
  const bundle = await bundleTree(tree, SCRIPT_ENTRY, BUNDLE_NAME);
  const files = new Map<string, Uint8Array>();
  for (const key of tree.keys()) {
    const data = tree.read(key);
    if (data !== undefined) files.set(key, data);
  }
  files.set(PRECOMPILED_KEY, encodePrecompiled(bundle, SCRIPT_ENTRY));
  return packTree(new MemoryTree(tree.source, files));
}

/** Packs the script folder `dir` with its compiled scripts into the `.pak` file `out`; resolves to the number of files. */
export async function writeScriptsPak(dir: string, out: string): Promise<number> {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not a folder`);
  const tree = new FolderTree(dir);
  writeFileSync(out, await packScripts(tree));
  return tree.keys().length;
}
