/**
 * Opening a tree on Node: a path that is a folder becomes a tree that lists
 * its files once and reads each on demand; a path that is a file is read as a
 * `.pak`. Also writes a folder out as a `.pak` file.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { packTree } from "./pak.js";
import { ListedTree, treeFromPak, type FileTree } from "./tree.js";

/** A folder on disk: its file list is taken when it is opened, contents are read when asked for. */
export class FolderTree extends ListedTree {
  constructor(source: string) {
    super(source, listFiles(source));
  }

  /** The file's bytes as a plain Uint8Array (not a Buffer), or undefined when it can no longer be read. */
  protected load(key: string): Uint8Array | undefined {
    try {
      const data = readFileSync(join(this.source, ...key.split("/")));
      return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    } catch {
      return undefined;
    }
  }
}

/** Opens a folder or a `.pak` file as a tree; throws a clear error for anything else. */
export function openTree(path: string): FileTree {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    throw new Error(`${path} does not exist: expected a folder or a .pak file`);
  }
  return isFolder ? new FolderTree(path) : treeFromPak(readFileSync(path), path);
}

/** Packs the folder `dir` into the `.pak` file `out`; returns the number of files packed. */
export function writePak(dir: string, out: string): number {
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${dir} is not a folder`);
  const tree = new FolderTree(dir);
  writeFileSync(out, packTree(tree));
  return tree.keys().length;
}

/** Every file under `root` (following folders, not links to folders) as a "/"-separated relative key. */
function listFiles(root: string): string[] {
  const keys: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile())) {
        keys.push(relative(root, full).split(sep).join("/"));
      }
    }
  };
  walk(root);
  return keys;
}
