/**
 * Sandboxed realms: each engine's scripts run in a QuickJS interpreter
 * compiled to WebAssembly (quickjs-emscripten), a module instance of their
 * own with its own heap, so no value a script reaches is a host object: what
 * crosses is copied (see `bridge.ts`). Every call into the scripts, and the
 * promise jobs it queued, runs under the budget through the interpreter's
 * interrupt handler, and the heap is capped at `memoryBytes`: the call that
 * goes over is stopped with "script out of memory", what it allocated is
 * freed once unreachable, and later calls run. Node only.
 */
import releaseSync from "@jitl/quickjs-wasmfile-release-sync";
import {
  newQuickJSWASMModuleFromVariant, type QuickJSContext, type QuickJSHandle, type QuickJSRuntime, type QuickJSSyncVariant,
} from "quickjs-emscripten-core";
import { placeScript } from "../browser-realm.js";
import { DEFAULT_SCRIPT_MEMORY_BYTES, ScriptOutOfMemory, ScriptOverrun } from "../budget.js";
import type { RealmFactory, ScriptRealm } from "../realm.js";
import { Bridge, errorToHost } from "./bridge.js";
import { MADE_INSIDE, WEB_PRELUDE, webHelpers } from "./web.js";

/** The interpreter's own stack limit, so deep recursion is a script error, not a crash. */
const STACK_BYTES = 1024 * 1024;

/** Loads a fresh QuickJS module (its own WebAssembly memory) and returns a factory of realms in it. */
export async function loadSandbox(): Promise<RealmFactory> {
  const module = await newQuickJSWASMModuleFromVariant(releaseSync as unknown as QuickJSSyncVariant);
  return (globals, onUncaught, options) => {
    const memoryBytes = options.memoryBytes ?? DEFAULT_SCRIPT_MEMORY_BYTES;
    capMemory(module.getWasmMemory(), memoryBytes);
    const runtime = module.newRuntime();
    runtime.setMemoryLimit(memoryBytes);
    runtime.setMaxStackSize(STACK_BYTES);
    return new QuickJsRealm(runtime, globals, onUncaught, options.budgetMs);
  };
}

/**
 * Caps the WebAssembly memory the interpreter's heap lives in at `bytes`. QuickJS's own limit is not
 * enough there: without `malloc_usable_size` in the WebAssembly build it loses count of what a
 * growing array reallocates. Past the cap the memory refuses to grow, so the interpreter's allocation
 * fails and the call stops with its "out of memory" error; freed memory is reused by later calls.
 */
function capMemory(memory: WebAssembly.Memory, bytes: number): void {
  const grow = memory.grow.bind(memory);
  memory.grow = (pages: number): number => {
    if (memory.buffer.byteLength + pages * 65536 > bytes) throw new RangeError(`the script heap is capped at ${bytes} bytes`);
    return grow(pages);
  };
}

/** One engine's scripts inside a QuickJS runtime and context. */
class QuickJsRealm implements ScriptRealm {
  readonly Promise = Promise;
  private readonly vm: QuickJSContext;
  private readonly bridge: Bridge;
  private deadline = Infinity;
  private depth = 0;
  /** Why the current call was stopped, once it was: past its budget, or over the memory cap. */
  private stopped: ScriptOverrun | ScriptOutOfMemory | undefined;

  constructor(
    private readonly runtime: QuickJSRuntime,
    globals: Record<string, unknown>,
    private readonly onUncaught: (error: unknown) => void,
    private readonly budgetMs: number,
  ) {
    this.vm = runtime.newContext();
    runtime.setInterruptHandler(() => (this.stopped ??= performance.now() > this.deadline ? new ScriptOverrun(this.budgetMs) : undefined) !== undefined);
    this.bridge = new Bridge({ vm: this.vm, enter: (call) => this.run(call), uncaught: onUncaught, isStopped: () => this.stopped !== undefined, failure: (error) => this.failure(error) });
    for (const [name, value] of Object.entries(globals)) {
      if (!MADE_INSIDE.has(name)) this.bridge.toScript(value).consume((h) => this.vm.setProp(this.vm.global, name, h));
    }
    const prelude = this.run(() => this.evaluate(WEB_PRELUDE, "tickwire-web.js", 0)) as (helpers: object) => void;
    this.run(() => prelude(webHelpers));
  }

  makeError(message: string): Error {
    return new Error(message);
  }

  evaluate(source: string, filename: string, lineOffset: number): unknown {
    const result = this.vm.evalCode(placeScript(source, filename, lineOffset), filename);
    if (result.error) throw result.error.consume((error) => this.failure(error));
    return result.value.consume((value) => this.bridge.toHost(value));
  }

  /**
   * Runs a call and the promise jobs it queued. Once the call is stopped, the jobs left are still run,
   * each stopped at once, so an endless chain ends with the call that started it; then the call throws
   * why it was stopped, whatever the script made of the stop (a rejected promise, a caught error).
   */
  run<T>(call: () => T): T {
    if (this.depth > 0) return call();
    this.depth++;
    this.deadline = performance.now() + this.budgetMs;
    try {
      let result: T | undefined;
      let thrown: { error: unknown } | undefined;
      try {
        result = call();
      } catch (error) {
        thrown = { error };
      }
      this.drain();
      if (this.stopped !== undefined) throw this.stopped;
      if (thrown !== undefined) throw thrown.error;
      return result as T;
    } finally {
      this.depth--;
      this.deadline = Infinity;
      this.stopped = undefined;
    }
  }

  /** Runs the promise jobs queued inside; one that fails outside any promise is passed to onUncaught. */
  private drain(): void {
    while (this.runtime.hasPendingJob()) {
      const done = this.runtime.executePendingJobs();
      if (!done.error) {
        done.dispose();
        continue;
      }
      const error = done.error.consume((handle) => this.failure(handle));
      if (this.stopped === undefined) this.onUncaught(error);
    }
  }

  /** The host value to throw for an error a QuickJS call returned: why the call was stopped, or a copy of the error. */
  private failure(handle: QuickJSHandle): unknown {
    const dumped = this.vm.dump(handle) as { name?: unknown; message?: unknown; stack?: unknown } | null;
    const internal = dumped?.name === "InternalError" ? dumped.message : undefined;
    if (internal === "out of memory") this.stopped ??= new ScriptOutOfMemory();
    if (this.stopped !== undefined) {
      if ((internal === "interrupted" || internal === "out of memory") && typeof dumped?.stack === "string") this.stopped.placeAt(dumped.stack);
      return this.stopped;
    }
    if (typeof dumped === "object" && dumped !== null && "message" in dumped) return errorToHost(dumped);
    return this.bridge.toHost(handle);
  }
}
