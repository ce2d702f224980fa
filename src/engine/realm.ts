/**
 * A realm is the global scope one engine's scripts run in: its own globals,
 * nothing of the host's. The engine only needs to evaluate code in it, make
 * promises and errors that belong to it, and route its uncaught async errors
 * back, and run each call into the scripts under the engine's budget (a
 * call past it throws a `ScriptOverrun`); how that is done (a `node:vm`
 * context on Node) is the platform's.
 */

/** An isolated global scope for one engine's scripts. */
export interface ScriptRealm {
  /** Evaluates `source` as a classic script named `filename`; `lineOffset` shifts the line numbers in its stacks. */
  evaluate(source: string, filename: string, lineOffset: number): unknown;
  /** The realm's own Promise, so promises handed to scripts are theirs (and their rejections traceable). */
  readonly Promise: PromiseConstructor;
  /** An Error of the realm's own class, so `instanceof Error` holds in scripts. */
  makeError(message: string): Error;
  /** Runs one call into the scripts, and the realm's microtasks it queued, under the budget; throws a ScriptOverrun past it. */
  run<T>(call: () => T): T;
}

/** How a realm is set up. */
export interface RealmOptions {
  /** The most wall time one call into the scripts may take, in milliseconds. */
  budgetMs: number;
  /** The most memory the scripts' heap may take, in bytes, where the realm can cap it (the sandbox). */
  memoryBytes?: number;
}

/** Creates a realm holding `globals` with `options`; async errors nothing handled are passed to `onUncaught`. */
export type RealmFactory = (globals: Record<string, unknown>, onUncaught: (error: unknown) => void, options: RealmOptions) => ScriptRealm;
