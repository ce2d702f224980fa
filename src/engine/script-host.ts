/**
 * The seam between the engine and a scripting language. A script host
 * recognises a tree by its entry file (`main.ts` for TypeScript), compiles the
 * tree once at mount time, and instantiates it per engine against a
 * `ScriptContext`: the installed modules, the log, the tick signal, error
 * reporting and a fresh realm (which runs every call into the script under
 * the engine's budget). A second language (Epitaph's `main.ep`) is one
 * more host in the engine's list. A tree that cannot be compiled is refused
 * with a `ScriptLoadError` listing every problem as `file:line:col: text`.
 */
import type { NetworkModule } from "../api/network.js";
import type { LogLevel } from "./logger.js";
import type { RuntimeRole } from "./modules.js";
import type { ScriptRealm } from "./realm.js";
import type { DescribedError } from "./reporter.js";
import type { FileTree } from "./tree.js";

/** The phases the engine calls: `draw` after each `tick`, only when the engine is not headless. */
export type PhaseName = "init" | "tick" | "draw" | "shutdown";

/** What the engine gives one instance of a script tree. */
export interface ScriptContext {
  readonly role: RuntimeRole;
  readonly headless: boolean;
  /** `access(name)`: an installed module, or throws an Error that says how to install it. */
  access(name: unknown): unknown;
  /** Formats `args` (joined with spaces) and writes them with the role prefix. */
  log(level: LogLevel, args: readonly unknown[]): void;
  /** Writes a line exactly as given (for a language with prefixes of its own). */
  write(level: LogLevel, line: string): void;
  /** Asks the engine to stop after the current tick, exiting with `code`. */
  exit(code: number): void;
  /** Hands a scene or mode change request to the host program (`config.onWarp`); undefined when it takes none. */
  readonly warp: ((target: string) => void) | undefined;
  /** A promise that resolves at the next tick (with dt in seconds). */
  nextTick(): Promise<number>;
  /** The installed `runtime.network`, or undefined before `installNetwork`. */
  readonly network: NetworkModule | undefined;
  /** Logs an error the script raised `where` ("at load", "in async code", ...). */
  report(error: unknown, where: string): void;
  /** Creates an isolated global scope holding `globals`, its calls under the engine's budget; errors nothing awaited go to `onUncaught`. */
  createRealm(globals: Record<string, unknown>, onUncaught: (error: unknown) => void): ScriptRealm;
  /** Runs a call into script code that lives in the host's realm (Epitaph's compiled code) under the budget. */
  guard<T>(call: () => T): T;
}

/** Every phase, in the order the engine first calls them. */
export const PHASES: readonly PhaseName[] = ["init", "tick", "draw", "shutdown"];

/** The phases as messages name them, with their arguments. */
export const PHASES_SHOWN = "init, tick(dt), draw, shutdown";

/**
 * How a tree's top-level code went, in every language alike: `"failed"` (its error is reported;
 * the engine runs no phase and stops with exit code 1), `"finished"`, or `"running"` (a top-level
 * loop that awaits ticks, still going once the engine moves on).
 */
export type LoadOutcome = "failed" | "finished" | "running";

/** One running instance of a compiled tree. */
export interface ScriptInstance {
  /** Settles once the top-level code has finished, failed, or is waiting on a later tick. */
  readonly loaded: Promise<LoadOutcome>;
  /** The names the tree's entry exports or defines at its top level (for the warning about missing phases). */
  readonly exported: readonly string[];
  /** The phase function the script defines under `name` (each call under the budget), or undefined. */
  phase(name: PhaseName): ((...args: unknown[]) => unknown) | undefined;
  /** Runs, under the budget, the script code woken since the last call into it (awaits the host resolved). */
  resume(): void;
  /** Releases the instance's realm and timers once the engine has stopped. */
  dispose(): void;
}

/** A tree compiled by a host, ready to instantiate. */
export interface CompiledScript {
  /** Runs the tree's top-level code against `context` and returns the instance; load errors are reported, not thrown. */
  instantiate(context: ScriptContext): ScriptInstance;
  /** Describes a thrown value with its stack mapped to the tree's own files. */
  describe(error: unknown): DescribedError;
}

/** What a compile may check beyond the tree itself. */
export interface CompileOptions {
  /** Every module the host program will install; when given, a language that names modules statically refuses any other. */
  modules?: readonly string[];
}

/** A scripting language the engine can run. */
export interface ScriptHost {
  /** The entry file at the root of a tree in this language, such as "main.ts". */
  readonly entry: string;
  /** Compiles `tree`; rejects with a clear message when it cannot be run (a syntax error, a bad import). */
  compile(tree: FileTree, options?: CompileOptions): Promise<CompiledScript>;
}

/** A tree a host cannot compile: `problems` holds every problem as "file:line:col: text". */
export class ScriptLoadError extends Error {
  constructor(
    source: string,
    readonly problems: readonly string[],
  ) {
    super(`cannot load the scripts of ${source}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
    this.name = "ScriptLoadError";
  }
}

/** The first host whose entry file is at the root of `tree`; throws an Error naming the entries looked for otherwise. */
export function findScriptHost(tree: FileTree, hosts: readonly ScriptHost[]): ScriptHost {
  const host = hosts.find((candidate) => tree.has(candidate.entry));
  if (host === undefined) throw new Error(`${tree.source} has no ${hosts.map((candidate) => candidate.entry).join(" or ")} at its root`);
  return host;
}
