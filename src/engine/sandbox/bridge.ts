/**
 * The copy boundary between the host and a QuickJS context: every value that
 * crosses is rebuilt on the other side, never handed over by reference.
 * Into the script go primitives, fresh arrays and objects, byte arrays made
 * inside from a copy of the bytes, errors rebuilt from name and message,
 * QuickJS promises settled when the host's do, and functions that call back
 * to the host with their arguments copied out. Host objects with methods or
 * getters (modules, sockets, responses) become fresh objects whose methods
 * and getters call the host object; a getter copies its value on each read.
 * Out of the script come the same kinds; a script function becomes a host
 * function that enters the script through `enter` (under the budget).
 */
import type { QuickJSContext, QuickJSHandle } from "quickjs-emscripten-core";
import { ScriptStopped } from "../budget.js";

/** How deep nested arrays and objects are copied; deeper values arrive as undefined. */
const MAX_DEPTH = 32;

/** Script-side helpers, made once per context from the script's own built-ins (captured before any script runs). */
const HELPERS = `(() => {
  const U8 = Uint8Array, isView = ArrayBuffer.isView, isArray = Array.isArray, P = Promise, E = Error;
  const keys = Object.keys, describe = Object.getOwnPropertyDescriptor, then = Promise.prototype.then;
  return {
    kind(x) {
      if (isView(x)) return "bytes";
      if (isArray(x)) return "array";
      if (x instanceof P) return "promise";
      if (x instanceof E) return "error";
      return "object";
    },
    bufferOf: (x) => new U8(x.buffer, x.byteOffset, x.byteLength).slice().buffer,
    bytes: (buffer) => new U8(buffer),
    props(o) {
      const out = [];
      for (const key of keys(o)) out.push(key, describe(o, key)?.get !== undefined);
      return out;
    },
    settle: (promise, ok, fail) => void then.call(promise, ok, fail),
  };
})()`;

/** How a bridge reaches the script: its context, and the way into it under the budget. */
export interface BridgeHost {
  vm: QuickJSContext;
  /** Runs a call into the script under the budget (nested calls are part of the outer one). */
  enter<T>(call: () => T): T;
  /** True once the current call was stopped: from then on, until it returns, the script reaches nothing of the host. */
  isStopped(): boolean;
  /** Reports what a call the host made on its own (a promise it settled resuming the script) threw. */
  uncaught(error: unknown): void;
  /** Turns a script error into its host value: why the call was stopped (the budget, the memory cap), or a copy. */
  failure(error: QuickJSHandle): unknown;
}

/** Copies values across one QuickJS context's boundary. */
export class Bridge {
  private readonly helpers: QuickJSHandle;
  /** Frees the script value a host copy (a function, a live object) held, once that copy is garbage. */
  private readonly release = new FinalizationRegistry<QuickJSHandle>((handle) => {
    if (handle.alive) handle.dispose();
  });

  constructor(private readonly host: BridgeHost) {
    const made = host.vm.evalCode(HELPERS, "tickwire-bridge.js");
    if (made.error) throw new Error(`the sandbox could not start: ${JSON.stringify(host.vm.dump(made.error))}`);
    this.helpers = made.value;
  }

  /** A new handle holding a copy of `value` inside the script's world (the caller disposes it). */
  toScript(value: unknown, depth = 0): QuickJSHandle {
    const vm = this.host.vm;
    switch (typeof value) {
      case "undefined": return vm.undefined;
      case "boolean": return value ? vm.true : vm.false;
      case "number": return vm.newNumber(value);
      case "string": return vm.newString(value);
      case "bigint": return vm.newBigInt(value);
      case "function": return this.hostFunction(value as (...args: unknown[]) => unknown, undefined);
      case "object": return value === null ? vm.null : depth > MAX_DEPTH ? vm.undefined : this.objectToScript(value, depth);
      default: return vm.undefined;
    }
  }

  /** A host copy of the script value `handle` (the caller still owns and disposes `handle`). */
  toHost(handle: QuickJSHandle, depth = 0): unknown {
    const vm = this.host.vm;
    const type = vm.typeof(handle);
    if (type === "function") return this.scriptFunction(handle);
    if (type !== "object") return type === "symbol" ? undefined : vm.dump(handle);
    if (depth > MAX_DEPTH) return undefined;
    const isNull = vm.sameValue(handle, vm.null);
    if (isNull) return null;
    const kind = this.helper("kind", handle, (h) => vm.getString(h));
    if (kind === "bytes") return this.helper("bufferOf", handle, (h) => vm.getArrayBuffer(h).consume((buffer) => buffer.value.slice()));
    if (kind === "array") return this.arrayToHost(handle, depth);
    if (kind === "promise") return this.promiseToHost(handle);
    if (kind === "error") return this.host.failure(handle);
    return this.objectToHost(handle, depth);
  }

  /** Calls the script function `fn` with `args` copied in; its result copied out, its error thrown as `failure` makes it. */
  call(fn: QuickJSHandle, args: readonly unknown[]): unknown {
    const vm = this.host.vm;
    const handles = args.map((arg) => this.toScript(arg));
    const result = vm.callFunction(fn, vm.undefined, ...handles);
    for (const handle of handles) handle.dispose();
    if (result.error) throw result.error.consume((error) => this.host.failure(error));
    return result.value.consume((value) => this.toHost(value));
  }

  private objectToScript(value: object, depth: number): QuickJSHandle {
    const vm = this.host.vm;
    if (ArrayBuffer.isView(value)) {
      const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
      return vm.newArrayBuffer(bytes.buffer).consume((buffer) => this.callHelper("bytes", [buffer]));
    }
    if (Array.isArray(value)) {
      const array = vm.newArray();
      value.forEach((item, index) => this.toScript(item, depth + 1).consume((h) => vm.setProp(array, index, h)));
      return array;
    }
    if (value instanceof Error) return vm.newError({ name: value.name, message: value.message });
    if (typeof (value as { then?: unknown }).then === "function") return this.promiseToScript(value as PromiseLike<unknown>);
    return this.liveObject(value, depth);
  }

  /** A fresh object: the host object's methods call it, its getters read it on each access, other fields are copied. */
  private liveObject(value: object, depth: number): QuickJSHandle {
    const vm = this.host.vm;
    const object = vm.newObject();
    for (const [key, descriptor] of hostProperties(value)) {
      if (descriptor.get !== undefined) {
        const read = descriptor.get;
        vm.defineProp(object, key, { enumerable: true, configurable: true, get: () => this.toScript(read.call(value), depth + 1) });
      } else if (typeof descriptor.value === "function") {
        this.hostFunction(descriptor.value as (...args: unknown[]) => unknown, value).consume((h) => vm.setProp(object, key, h));
      } else {
        this.toScript(descriptor.value, depth + 1).consume((h) => vm.setProp(object, key, h));
      }
    }
    return object;
  }

  private hostFunction(fn: (...args: unknown[]) => unknown, self: unknown): QuickJSHandle {
    return this.host.vm.newFunction(fn.name, (...handles) => {
      if (this.host.isStopped()) return { error: this.host.vm.newError("the call was stopped") };
      const args = handles.map((handle) => this.toHost(handle));
      try {
        return this.toScript(fn.apply(self, args));
      } catch (error) {
        return { error: this.toScript(error instanceof Error ? error : new Error(String(error))) };
      }
    });
  }

  private promiseToScript(promise: PromiseLike<unknown>): QuickJSHandle {
    const deferred = this.host.vm.newPromise();
    const settle = (how: "resolve" | "reject", value: unknown): void => {
      if (!deferred.alive) return;
      try {
        this.host.enter(() => this.toScript(value).consume((h) => deferred[how](h)));
      } catch (error) {
        this.host.uncaught(error);
      } finally {
        deferred.dispose();
      }
    };
    promise.then((value) => settle("resolve", value), (error: unknown) => settle("reject", error));
    return deferred.handle.dup();
  }

  private scriptFunction(handle: QuickJSHandle): (...args: unknown[]) => unknown {
    const fn = handle.dup();
    const wrapper = (...args: unknown[]) => this.host.enter(() => this.call(fn, args));
    this.release.register(wrapper, fn);
    return wrapper;
  }

  /** A host promise settled as the script's is; one rejected because its call was stopped never settles, as on Node. */
  private promiseToHost(handle: QuickJSHandle): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const fail = (error: unknown): void => void (error instanceof ScriptStopped || reject(error));
      this.callHelper("settle", [handle, resolve, fail]).dispose();
    });
  }

  private arrayToHost(handle: QuickJSHandle, depth: number): unknown[] {
    const vm = this.host.vm;
    const length = vm.getProp(handle, "length").consume((h) => vm.getNumber(h));
    const out: unknown[] = [];
    for (let index = 0; index < length; index++) out.push(vm.getProp(handle, index).consume((h) => this.toHost(h, depth + 1)));
    return out;
  }

  /** A plain host object: data fields copied, getters (as in a module's live exports) read from the script on each access. */
  private objectToHost(handle: QuickJSHandle, depth: number): Record<string, unknown> {
    const vm = this.host.vm;
    const props = this.helper("props", handle, (h) => this.toHost(h)) as unknown[];
    const out: Record<string, unknown> = {};
    let object: QuickJSHandle | undefined;
    for (let index = 0; index + 1 < props.length; index += 2) {
      const key = String(props[index]);
      if (key === "__proto__") continue;
      if (props[index + 1] === true) {
        if (object === undefined) this.release.register(out, (object = handle.dup()));
        const live = object;
        Object.defineProperty(out, key, { enumerable: true, get: () => this.host.enter(() => vm.getProp(live, key).consume((h) => this.toHost(h))) });
      } else {
        out[key] = vm.getProp(handle, key).consume((h) => this.toHost(h, depth + 1));
      }
    }
    return out;
  }

  /** Calls a script-side helper on `handle` and reads its result with `read`. */
  private helper<T>(name: string, handle: QuickJSHandle, read: (result: QuickJSHandle) => T): T {
    const vm = this.host.vm;
    const fn = vm.getProp(this.helpers, name);
    const result = vm.callFunction(fn, vm.undefined, handle);
    fn.dispose();
    if (result.error) throw result.error.consume((error) => this.host.failure(error));
    return result.value.consume(read);
  }

  /** Calls a script-side helper with handles and host values (copied in); returns its result handle. */
  private callHelper(name: string, args: readonly (QuickJSHandle | unknown)[]): QuickJSHandle {
    const vm = this.host.vm;
    const owned: QuickJSHandle[] = [];
    const handles = args.map((arg) => {
      if (isHandle(arg)) return arg;
      const made = this.toScript(arg);
      owned.push(made);
      return made;
    });
    const fn = vm.getProp(this.helpers, name);
    const result = vm.callFunction(fn, vm.undefined, ...handles);
    fn.dispose();
    for (const handle of owned) handle.dispose();
    if (result.error) throw result.error.consume((error) => this.host.failure(error));
    return result.value;
  }
}

/** The host object's own and inherited properties (up to Object.prototype), nearest first, without `constructor`. */
function hostProperties(value: object): Map<string, PropertyDescriptor> {
  const found = new Map<string, PropertyDescriptor>();
  for (let proto: object | null = value; proto !== null && proto !== Object.prototype && proto !== Function.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, key);
      if (key !== "constructor" && key !== "__proto__" && descriptor !== undefined && !found.has(key)) found.set(key, descriptor);
    }
  }
  return found;
}

/** A host Error rebuilt from a script error's name, message and stack frames. */
export function errorToHost(dumped: { name?: unknown; message?: unknown; stack?: unknown }): Error {
  const error = new Error(String(dumped.message ?? ""));
  error.name = String(dumped.name ?? "Error");
  const frames = typeof dumped.stack === "string" ? dumped.stack.replace(/ at <anonymous> \(([^)\n]*)\)/g, " at $1") : "";
  error.stack = `${error.name}: ${error.message}\n${frames}`;
  return error;
}

function isHandle(value: unknown): value is QuickJSHandle {
  return typeof value === "object" && value !== null && "alive" in value && "consume" in value && "dup" in value;
}
