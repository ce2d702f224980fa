/**
 * The two ways a handle-returning call begins: failing at once on a bad
 * argument (a handle that is already "error", with its event queued), or
 * handing the handle to a protocol backend once that backend has loaded.
 */
import { ERR } from "../core/errors.js";
import type { Handle, HandleKind } from "../core/handle.js";
import type { Lazy } from "../core/lazy.js";
import type { NetCore } from "../core/net-core.js";

/** Returns the id of a new handle that has already ended in error with `why`. */
export function failedHandle(core: NetCore, kind: HandleKind, why: string, pullOnly = false): Handle {
  const handle = core.open(kind, "error", pullOnly);
  core.end(handle, "error", "error", why);
  return handle;
}

/** Runs `run` with the loaded backend; a handle ends in error if the backend cannot load or the runtime closed. */
export function startOn<T>(core: NetCore, backend: Lazy<T>, handle: Handle, run: (mod: T) => void): void {
  backend.use(
    (mod) => {
      if (handle.finished || handle.released) return;
      if (core.closed) return core.end(handle, "error", "error", ERR.runtimeClosed);
      run(mod);
    },
    (why) => core.end(handle, "error", "error", why),
  );
}

/** Wraps a script-facing function so it never throws: anything thrown becomes `fallback`. */
export function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args);
    } catch {
      return fallback;
    }
  };
}
