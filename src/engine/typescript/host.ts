/**
 * The TypeScript script host: a tree whose entry is `main.ts` is bundled once
 * with esbuild when mounted, and each engine evaluates the bundle in a realm
 * of its own. Top-level code runs at once, up to its first `await`; the
 * phases are the functions the entry exports as `init`, `tick` and
 * `shutdown`. Errors at load, in top-level code after an await, and in any
 * promise nothing awaited are reported with stacks in the tree's files.
 */
import type { ScriptRealm } from "../realm.js";
import type { CompiledScript, PhaseName, ScriptContext, ScriptHost, ScriptInstance } from "../script-host.js";
import type { FileTree } from "../tree.js";
import { bundleTree } from "./bundle.js";
import { scriptGlobals, ScriptTimers } from "./globals.js";
import { StackMapper } from "./stack.js";
import { wrapBundle, type LiveExports, type WrappedScript } from "./wrap.js";

/** The file name the bundle runs under; stack frames naming it are mapped back to the tree. */
const BUNDLE_NAME = "tickwire-scripts.js";

/** The host for trees whose entry is `main.ts`. */
export const typeScriptHost: ScriptHost = {
  entry: "main.ts",
  async compile(tree: FileTree): Promise<CompiledScript> {
    const bundle = await bundleTree(tree, "main.ts", BUNDLE_NAME);
    return new CompiledTypeScript(wrapBundle(bundle.code, bundle.exports), new StackMapper(bundle.map, BUNDLE_NAME));
  },
};

class CompiledTypeScript implements CompiledScript {
  constructor(
    private readonly script: WrappedScript,
    private readonly mapper: StackMapper,
  ) {}

  describe(error: unknown) {
    return this.mapper.describe(error);
  }

  instantiate(context: ScriptContext): ScriptInstance {
    const timers = new ScriptTimers((error, where) => context.report(error, where));
    let realm: ScriptRealm | undefined;
    const globals = scriptGlobals(context, () => realm as ScriptRealm, timers);
    realm = context.createRealm(globals, (error) => context.report(error, "in async code"));
    const exports = runTopLevel(realm, this.script, context);
    return {
      phase(name: PhaseName) {
        const value = exports?.[name];
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown) : undefined;
      },
      dispose: () => timers.clear(),
    };
  }
}

/** Evaluates the script's top-level code; returns its live exports, or undefined if it failed before registering them. */
function runTopLevel(realm: ScriptRealm, script: WrappedScript, context: ScriptContext): LiveExports | undefined {
  let exports: LiveExports | undefined;
  try {
    const run = realm.evaluate(script.source, BUNDLE_NAME, -script.headerLines) as (register: (e: LiveExports) => void) => Promise<void>;
    const done = run((live) => (exports = live));
    done.then(undefined, (error: unknown) => context.report(error, "at load"));
  } catch (error) {
    context.report(error, "at load");
  }
  return exports;
}
