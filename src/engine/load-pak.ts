/**
 * Loading a `.pak` over HTTP: how a page (which has no disk) gets its script
 * and asset trees. Uses the platform's `fetch`, so it works on Node too.
 */
import { treeFromPak, type FileTree } from "./tree.js";

/** Fetches a `.pak` and opens it as a tree; rejects with a clear message when it cannot. */
export async function loadPak(url: string | URL): Promise<FileTree> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot load ${String(url)}: HTTP ${response.status}`);
  return treeFromPak(new Uint8Array(await response.arrayBuffer()), String(url));
}
