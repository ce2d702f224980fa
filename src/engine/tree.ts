/**
 * A mounted tree of files, seen the same way whether it came from a folder or
 * from a `.pak` (a zip archive): keys are paths relative to the root with "/"
 * separators, listed in sorted order, and reads are synchronous. Script trees
 * and asset trees are both mounted through it. This file holds the interface,
 * key normalisation and the archive-backed tree; nothing here touches a disk.
 */
import { unzipSync } from "fflate";

/** A read-only tree of files addressed by relative keys. */
export interface FileTree {
  /** Where the tree came from (a folder or a file path), for messages. */
  readonly source: string;
  /** Every file's key, sorted. */
  keys(): readonly string[];
  /** True when the tree has a file at `key`. */
  has(key: string): boolean;
  /** The bytes of the file at `key`, or undefined when there is none. */
  read(key: string): Uint8Array | undefined;
}

/** Turns "./a\\b.txt" or "/a/b.txt" into "a/b.txt"; undefined for anything that leaves the root or is empty. */
export function normalizeKey(key: unknown): string | undefined {
  if (typeof key !== "string") return undefined;
  const parts: string[] = [];
  for (const part of key.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") return undefined;
    parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join("/");
}

/** A tree whose file list is known up front; subclasses load a listed file's bytes. */
export abstract class ListedTree implements FileTree {
  private readonly sorted: readonly string[];
  private readonly known: ReadonlySet<string>;

  constructor(
    readonly source: string,
    keys: Iterable<string>,
  ) {
    this.sorted = [...keys].sort();
    this.known = new Set(this.sorted);
  }

  /** Every file's key, sorted. */
  keys(): readonly string[] {
    return this.sorted;
  }

  /** True when the tree lists a file at `key`. */
  has(key: string): boolean {
    const normal = normalizeKey(key);
    return normal !== undefined && this.known.has(normal);
  }

  /** The bytes of the file at `key`, or undefined when the tree lists none. */
  read(key: string): Uint8Array | undefined {
    const normal = normalizeKey(key);
    return normal !== undefined && this.known.has(normal) ? this.load(normal) : undefined;
  }

  /** The bytes of a listed file (its key already normalised). */
  protected abstract load(key: string): Uint8Array | undefined;
}

/** A tree held in memory, such as the contents of a `.pak`. */
export class MemoryTree extends ListedTree {
  constructor(
    source: string,
    private readonly files: ReadonlyMap<string, Uint8Array>,
  ) {
    super(source, files.keys());
  }

  protected load(key: string): Uint8Array | undefined {
    return this.files.get(key);
  }
}

/** Reads a `.pak` (zip) archive into a tree; throws a clear error when the bytes are not a zip archive. */
export function treeFromPak(bytes: Uint8Array, source: string): MemoryTree {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new Error(`${source} is not a .pak (zip) archive: ${(error as Error).message}`);
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, data] of Object.entries(entries)) {
    const key = normalizeKey(name);
    if (key !== undefined && !name.endsWith("/")) files.set(key, data);
  }
  return new MemoryTree(source, files);
}
