/**
 * The modules scripts reach with `access(name)`: the table of installed
 * modules with the message given for one that is missing, and the engine's
 * own modules `sys`, `log`, `json` and `assets`. Like `net`, no function of
 * these modules throws: bad input gives undefined or false.
 */
import { formatValue } from "./format.js";
import type { Image, ImageDecoder } from "./images.js";
import type { Logger } from "./logger.js";
import type { FileTree } from "./tree.js";

/** The runtime roles an engine can have: the two programs of a game, or a game played alone without a server. */
export const RUNTIME_ROLES = ["client", "server", "offline_singleplayer"] as const;

/** Which program a process is. */
export type RuntimeRole = (typeof RUNTIME_ROLES)[number];

/** The `sys` module. */
export interface Sys {
  /** "client", "server" or "offline_singleplayer", from the engine's config. */
  runtime_role(): RuntimeRole;
  /** True when the engine runs without a window (a dedicated server, a bot). */
  is_headless(): boolean;
  /** Asks the engine to stop after the current tick; the process exits with `code` (default 0). */
  exit(code?: number): void;
}

/** The `log` module: arguments are formatted and joined with spaces, prefixed with the role. */
export interface Log {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

/** The `json` module. */
export interface Json {
  /** JSON text of `value`, or undefined when it cannot be encoded (a function, a cycle). */
  encode(value: unknown): string | undefined;
  /** The value of JSON `text`, or undefined when it is not valid JSON. */
  decode(text: string): unknown;
}

/** The `assets` module: the files of the mounted asset folder or `.pak`, by relative key. */
export interface Assets {
  /** The file as UTF-8 text, or undefined when there is none. */
  read_text(key: string): string | undefined;
  /** The file's bytes, or undefined when there is none. */
  read_bytes(key: string): Uint8Array | undefined;
  /** True when the file exists. */
  exists(key: string): boolean;
  /** Every key that starts with `prefix` (default: all), sorted. */
  list(prefix?: string): string[];
  /** A PNG or JPEG file decoded to `{ width, height, data }` (straight RGBA, rows from the top left), or undefined when missing or not an image. */
  load_image(key: string): Image | undefined;
}

/** The modules an engine can install itself (always: sys, log, json; with the network: net, network; with assets: assets). */
export const ENGINE_MODULES: readonly string[] = ["sys", "log", "json", "net", "network", "assets"];

/** What to tell a script that asks for a module that is not installed. */
const HINTS: Record<string, string> = {
  net: "the network is not installed: the host program must call engine.installNetwork() before engine.start()",
  network: "the network is not installed: the host program must call engine.installNetwork() before engine.start()",
  assets: "no assets are mounted: the host program must call engine.mountAssets(path) before engine.start()",
};

/** The installed modules of one engine. */
export class ModuleTable {
  private readonly installed = new Map<string, unknown>();

  /** Installs (or replaces) a module under `name`. */
  install(name: string, module: unknown): void {
    this.installed.set(name, module);
  }

  /** True when a module is installed under `name`. */
  has(name: string): boolean {
    return this.installed.has(name);
  }

  /** The module installed under `name`; throws an Error that says how to install it otherwise. */
  access(name: unknown): unknown {
    if (typeof name === "string" && this.installed.has(name)) return this.installed.get(name);
    const shown = typeof name === "string" ? name : formatValue(name);
    const hint = typeof name === "string" ? HINTS[name] : undefined;
    const known = [...this.installed.keys()].sort().join(", ");
    throw new Error(`access("${shown}"): ${hint ?? `no module "${shown}" is installed (installed: ${known})`}`);
  }
}

/** Builds `sys` for an engine. */
export function createSys(role: RuntimeRole, headless: boolean, exit: (code: number) => void): Sys {
  return {
    runtime_role: () => role,
    is_headless: () => headless,
    exit: (code) => exit(typeof code === "number" && Number.isInteger(code) ? code : 0),
  };
}

/** Builds `log` over the engine's logger. */
export function createLog(logger: Logger): Log {
  return {
    info: (...args) => logger.log("info", args),
    warn: (...args) => logger.log("warn", args),
    error: (...args) => logger.log("error", args),
    debug: (...args) => logger.log("debug", args),
  };
}

/** Builds `json`. */
export function createJson(): Json {
  return {
    encode(value) {
      try {
        return JSON.stringify(value);
      } catch {
        return undefined;
      }
    },
    decode(text) {
      try {
        return typeof text === "string" ? JSON.parse(text) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Builds `assets` over a mounted tree, decoding images with the platform's decoder. */
export function createAssets(tree: FileTree, decodeImage: ImageDecoder): Assets {
  const decoder = new TextDecoder();
  return {
    read_text(key) {
      const bytes = tree.read(key);
      return bytes === undefined ? undefined : decoder.decode(bytes);
    },
    read_bytes: (key) => tree.read(key)?.slice(),
    exists: (key) => tree.has(key),
    load_image(key) {
      const bytes = tree.read(key);
      return bytes === undefined ? undefined : decodeImage(bytes);
    },
    list(prefix) {
      const start = typeof prefix === "string" ? prefix.replace(/\\/g, "/").replace(/^\.?\//, "") : "";
      return tree.keys().filter((key) => key.startsWith(start));
    },
  };
}
