/**
 * Realms on Node: each is a `node:vm` context, a separate set of JavaScript
 * built-ins and globals, so two engines share no script state and scripts see
 * no Node globals. The host's typed array and ArrayBuffer classes are placed
 * in the context so that bytes from the network and bytes a script makes are
 * of one class (`instanceof Uint8Array` holds for both). Rejections nothing
 * handled are routed back to the realm whose promise it was, through one
 * process-wide `unhandledRejection` listener; any other rejection behaves as
 * if the listener were not there. Each call into the scripts runs through
 * the context with the vm `timeout` option, and the context's microtasks
 * run right after it inside the same timeout (`microtaskMode:
 * "afterEvaluate"`), so a runaway call, promise chain or microtask is
 * stopped at the budget; a promise of the host that script code awaits
 * resumes it at the next call through the realm.
 */
import vm from "node:vm";
import { markAsyncStack, restoreAsyncStack } from "./async-stack.js";
import { ScriptOverrun } from "./budget.js";
import type { RealmFactory, ScriptRealm } from "./realm.js";

/** Host byte classes shared into every realm so bytes have one class on both sides. */
const SHARED_CLASSES = [
  "ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array",
  "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
] as const;

/** The script every guarded call runs: it calls the function placed under CALL in the context. */
const CALL = "$tickwire$call";
const RUN_CALL = new vm.Script(`${CALL}()`, { filename: "tickwire-engine" });

/** Each realm's Promise.prototype, mapped to where its uncaught rejections go. */
const owners = new WeakMap<object, (error: unknown) => void>();
let listening = false;

/** Routes an unhandled rejection to the realm that owns the promise; others behave as without this listener. */
function routeRejection(reason: unknown, promise: Promise<unknown>): void {
  for (let proto = Object.getPrototypeOf(promise), depth = 0; proto !== null && depth < 4; depth++) {
    const owner = owners.get(proto);
    if (owner !== undefined) return owner(reason);
    proto = Object.getPrototypeOf(proto);
  }
  if (process.listenerCount("unhandledRejection") === 1) throw reason;
}

/** Creates a `node:vm` realm holding `globals` and the host's byte classes. */
export const createNodeRealm: RealmFactory = (globals, onUncaught, options): ScriptRealm => {
  const sandbox: Record<string, unknown> = {};
  for (const name of SHARED_CLASSES) sandbox[name] = globalThis[name];
  Object.assign(sandbox, globals);
  const context = vm.createContext(sandbox, { name: "tickwire scripts", microtaskMode: "afterEvaluate" });
  const own = vm.runInContext("({ Promise, Error })", context) as { Promise: PromiseConstructor; Error: ErrorConstructor };
  owners.set(own.Promise.prototype, onUncaught);
  if (!listening) {
    listening = true;
    process.on("unhandledRejection", routeRejection);
  }
  return {
    Promise: own.Promise,
    makeError: (message) => new own.Error(message),
    evaluate(source, filename, lineOffset) {
      return new vm.Script(source, { filename, lineOffset }).runInContext(context);
    },
    run: guardedRunner(context, options.budgetMs),
  };
};

/**
 * Runs calls through `context` with a timeout of `budgetMs`; a call made while one runs is part of it.
 * What the call throws is caught inside and rethrown outside, so vm does not decorate its stack.
 */
function guardedRunner(context: vm.Context, budgetMs: number): <T>(call: () => T) => T {
  let running = false;
  return <T>(call: () => T): T => {
    if (running) return call();
    running = true;
    let outcome = { error: undefined } as { value: T } | { error: unknown };
    context[CALL] = () => {
      try {
        outcome = { value: call() };
      } catch (error) {
        outcome = { error };
      }
    };
    const mark = markAsyncStack();
    try {
      RUN_CALL.runInContext(context, { timeout: budgetMs });
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code !== "ERR_SCRIPT_EXECUTION_TIMEOUT") throw error;
      restoreAsyncStack(mark);
      throw new ScriptOverrun(budgetMs);
    } finally {
      context[CALL] = undefined;
      running = false;
    }
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  };
}
