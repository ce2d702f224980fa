/**
 * A compiled TypeScript script tree, ready to run: the bundle wrapped as a
 * function script and its source map. Each engine evaluates it in a realm of
 * its own. Top-level code runs at once, up to its first `await`; the phases
 * are the functions the entry exports as `init`, `tick`, `draw` and
 * `shutdown`. Errors at load (before the top-level code first waits past
 * the current turn: the engine then runs no phase), in top-level code after
 * that, and in any promise nothing awaited are reported with stacks in the
 * tree's files.
 * Every call into the script runs through the realm under the budget.
 * Platform-neutral: the TypeScript host (Node, with esbuild) and the
 * precompiled host (a page, from a `.pak`) both end here.
 */
import type { ScriptRealm } from "../realm.js";
import type { CompiledScript, LoadOutcome, PhaseName, ScriptContext, ScriptInstance } from "../script-host.js";
import { installMicrotasks, scriptGlobals, ScriptTimers } from "./globals.js";
import { StackMapper } from "./stack.js";
import { wrapBundle, type LiveExports, type WrappedScript } from "./wrap.js";

/** The entry file of a TypeScript script tree. */
export const SCRIPT_ENTRY = "main.ts";

/** The file name the bundle runs under; stack frames naming it are mapped back to the tree. */
export const BUNDLE_NAME = "tickwire-scripts.js";

/** A script tree bundled by esbuild. */
export interface ScriptBundle {
  /** The ES module text (its last statement is the export clause, if any). */
  code: string;
  /** The source map, as JSON text, with sources named by tree key. */
  map: string;
  /** The names the entry exports. */
  exports: string[];
}

/** A tree compiled into one bundle. */
export class CompiledTypeScript implements CompiledScript {
  private readonly script: WrappedScript;
  private readonly mapper: StackMapper;
  private readonly exported: readonly string[];

  constructor(bundle: ScriptBundle) {
    this.script = wrapBundle(bundle.code, bundle.exports);
    this.exported = bundle.exports;
    this.mapper = new StackMapper(bundle.map, BUNDLE_NAME);
  }

  describe(error: unknown) {
    return this.mapper.describe(error);
  }

  instantiate(context: ScriptContext): ScriptInstance {
    let realm: ScriptRealm | undefined;
    const run = <T>(call: () => T): T => (realm as ScriptRealm).run(call);
    const timers = new ScriptTimers((error, where) => context.report(error, where), run);
    const globals = scriptGlobals(context, () => realm as ScriptRealm, timers);
    realm = context.createRealm(globals, (error) => context.report(error, "in async code"));
    installMicrotasks(realm, (error) => context.report(error, "in a microtask"));
    const { exports, loaded } = runTopLevel(realm, this.script, context);
    return {
      loaded,
      exported: this.exported,
      phase(name: PhaseName) {
        const value = exports?.[name];
        if (typeof value !== "function") return undefined;
        return (...args: unknown[]) => run(() => (value as (...args: unknown[]) => unknown)(...args));
      },
      resume: () => run(() => undefined),
      dispose: () => timers.clear(),
    };
  }
}

/** Evaluates the script's top-level code: its live exports (undefined if it failed before registering them) and how it went. */
function runTopLevel(realm: ScriptRealm, script: WrappedScript, context: ScriptContext): { exports: LiveExports | undefined; loaded: Promise<LoadOutcome> } {
  let exports: LiveExports | undefined;
  try {
    const run = realm.evaluate(script.source, BUNDLE_NAME, -script.headerLines) as (register: (e: LiveExports) => void) => Promise<void>;
    const done = realm.run(() => run((live) => (exports = live)));
    return { exports, loaded: outcomeOf(done, context) };
  } catch (error) {
    context.report(error, "at load");
    return { exports, loaded: Promise.resolve("failed") };
  }
}

/**
 * How the top-level code went: a failure before it yields past the current turn is a load failure
 * (reported "at load"); once it is still waiting a turn later (a top-level loop awaiting ticks) it is
 * "running", and a later failure is reported "in top-level code" while the engine ticks on.
 */
function outcomeOf(done: Promise<void>, context: ScriptContext): Promise<LoadOutcome> {
  return new Promise((resolve) => {
    let running = false;
    const turn = setTimeout(() => {
      running = true;
      resolve("running");
    }, 0);
    done.then(
      () => {
        clearTimeout(turn);
        resolve("finished");
      },
      (error: unknown) => {
        clearTimeout(turn);
        context.report(error, running ? "in top-level code" : "at load");
        resolve("failed");
      },
    );
  });
}
