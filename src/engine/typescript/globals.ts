/**
 * The global scope of a TypeScript script: the engine's globals (`access`,
 * `Event`, `Network`, `fetch`, `print`) and the web globals a script may
 * expect (`console`, `TextEncoder`, `URL`, timers, ...), nothing of Node's.
 * Timers and microtasks are the engine's own: each timer callback is a call
 * into the script under the budget, `queueMicrotask` queues in the realm
 * (so a chain of microtasks counts against the call that started it),
 * their callbacks' errors are reported like any script error, and every
 * timer is cleared when the engine stops.
 */
import type { ScriptRealm } from "../realm.js";
import type { ScriptContext } from "../script-host.js";

/** Web globals taken from the host as they are. */
const WEB_GLOBALS = [
  "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "atob", "btoa", "structuredClone", "crypto",
] as const;

/** Script-facing timers whose callbacks report their errors, all cleared by `clear()`. */
export class ScriptTimers {
  private readonly live = new Map<number, ReturnType<typeof setTimeout>>();
  private nextId = 1;

  constructor(
    private readonly report: (error: unknown, where: string) => void,
    private readonly run: <T>(call: () => T) => T,
  ) {}

  /** The timer globals: `setTimeout`, `setInterval`, `clearTimeout`, `clearInterval`. */
  globals(): Record<string, unknown> {
    const cancel = (id: unknown): void => {
      if (typeof id !== "number") return;
      clearTimeout(this.live.get(id));
      this.live.delete(id);
    };
    return {
      setTimeout: (callback: unknown, ms?: unknown, ...args: unknown[]) => this.start(false, callback, ms, args),
      setInterval: (callback: unknown, ms?: unknown, ...args: unknown[]) => this.start(true, callback, ms, args),
      clearTimeout: cancel,
      clearInterval: cancel,
    };
  }

  /** Clears every pending timer. */
  clear(): void {
    for (const timer of this.live.values()) clearTimeout(timer);
    this.live.clear();
  }

  private start(repeat: boolean, callback: unknown, ms: unknown, args: unknown[]): number {
    const id = this.nextId++;
    if (typeof callback !== "function") return id;
    const delay = typeof ms === "number" && ms > 0 ? ms : 0;
    const fire = (): void => {
      if (!repeat) this.live.delete(id);
      this.call(callback, args);
    };
    this.live.set(id, repeat ? setInterval(fire, delay) : setTimeout(fire, delay));
    return id;
  }

  private call(callback: Function, args: unknown[]): void {
    try {
      this.run(() => callback(...args));
    } catch (error) {
      this.report(error, "in a timer");
    }
  }
}

/** The realm's `queueMicrotask`: callbacks queued in the realm itself, errors passed to `report`. */
const MICROTASKS = `(function (report) {
  globalThis.queueMicrotask = function queueMicrotask(callback) {
    if (typeof callback !== "function") return;
    Promise.resolve().then(function () { try { callback(); } catch (error) { report(error); } });
  };
})`;

/** Gives `realm` a `queueMicrotask` whose callbacks run in the realm's own microtask queue. */
export function installMicrotasks(realm: ScriptRealm, report: (error: unknown) => void): void {
  (realm.evaluate(MICROTASKS, "tickwire-microtasks.js", 0) as (report: (error: unknown) => void) => void)(report);
}

/** Builds a script's globals for `context`; `realm` gives promises and errors of the script's own classes. */
export function scriptGlobals(context: ScriptContext, realm: () => ScriptRealm, timers: ScriptTimers): Record<string, unknown> {
  const globals: Record<string, unknown> = { ...timers.globals() };
  for (const name of WEB_GLOBALS) globals[name] = globalThis[name];
  const performanceNow = () => performance.now();
  const print = (...args: unknown[]) => context.log("print", args);
  let tick: { host: Promise<number>; script: Promise<number> } | undefined;
  const fail = (error: unknown): never => {
    throw realm().makeError(error instanceof Error ? error.message : String(error));
  };
  Object.assign(globals, {
    performance: Object.freeze({ now: performanceNow, timeOrigin: performance.timeOrigin }),
    console: Object.freeze({
      log: print,
      info: (...args: unknown[]) => context.log("info", args),
      warn: (...args: unknown[]) => context.log("warn", args),
      error: (...args: unknown[]) => context.log("error", args),
      debug: (...args: unknown[]) => context.log("debug", args),
    }),
    print,
    access(name: unknown) {
      try {
        return context.access(name);
      } catch (error) {
        return fail(error);
      }
    },
    Event: Object.freeze({
      get OnTick() {
        const next = context.nextTick();
        if (tick?.host !== next) tick = { host: next, script: adopt(realm(), next) };
        return tick.script;
      },
    }),
    ...networkGlobals(context, realm, fail),
  });
  return globals;
}

/** `Network` and `fetch`: the installed ones (fetch's promise made the script's own), or ones that say how to install them. */
function networkGlobals(context: ScriptContext, realm: () => ScriptRealm, fail: (error: unknown) => never): Record<string, unknown> {
  const network = context.network;
  if (network === undefined) {
    const missing = (what: string) => () =>
      fail(new Error(`${what}: the network is not installed: the host program must call engine.installNetwork() before engine.start()`));
    return { Network: Object.freeze({ Connect: missing("Network.Connect") }), fetch: missing("fetch") };
  }
  return {
    Network: network.Network,
    fetch: (...args: Parameters<typeof network.fetch>) => adopt(realm(), network.fetch(...args)),
  };
}

/**
 * A promise of the script's realm that settles as the host's `promise` does. It is settled from the
 * host's microtask queue, so what awaits it runs at the next call into the realm (the engine resumes
 * the script right after each tick).
 */
function adopt<T>(realm: ScriptRealm, promise: Promise<T>): Promise<T> {
  return new realm.Promise<T>((resolve, reject) => {
    promise.then((value) => resolve(value), (error: unknown) => reject(error));
  });
}
