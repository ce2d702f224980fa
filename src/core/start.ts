/**
 * The ways a handle-returning call begins: failing at once on a bad argument
 * (a handle that is already "error", with its event queued), or handing the
 * handle to a protocol backend once that backend has loaded; the lookup of
 * a script's handle id by kind, and the pull and close functions every
 * protocol's `net` group builds on it.
 */
import { checkHost, checkPort, unbracket } from "./args.js";
import { ERR } from "./errors.js";
import type { Handle, HandleKind, Payload } from "./handle.js";
import type { Lazy } from "./lazy.js";
import type { NetCore } from "./net-core.js";

/** A new handle that has already ended in error with `why` (its "error" event queued). */
export function failedHandle(core: NetCore, kind: HandleKind, why: string, pullOnly = false): Handle {
  const handle = core.open(kind, "error", pullOnly);
  core.fail(handle, why);
  return handle;
}

/** Runs `run` with the loaded backend; a handle ends in error if the backend cannot load or the runtime closed. */
export function startOn<T>(core: NetCore, backend: Lazy<T>, handle: Handle, run: (mod: T) => void): void {
  backend.use(
    (mod) => {
      if (handle.finished || handle.released) return;
      if (core.closed) return core.fail(handle, ERR.runtimeClosed);
      run(mod);
    },
    (why) => core.fail(handle, why),
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

/** The live handle `id` if it is of `kind`, else undefined. */
export function handleOf(core: NetCore, id: unknown, kind: HandleKind): Handle | undefined {
  const handle = core.get(id);
  return handle?.kind === kind ? handle : undefined;
}

/** A pull function (`tcp_recv`, `ws_accept`, ...): pops the next payload of a handle of `kind`, void for any other id. */
export function pullOf<T = Payload>(core: NetCore, kind: HandleKind): (id: unknown) => T | undefined {
  return (id) => {
    const handle = handleOf(core, id, kind);
    return handle === undefined ? undefined : (core.take(handle) as T | undefined);
  };
}

/** A close function (`tcp_close`, `ws_stop`, ...): closes a handle of `kind`, nothing for any other id. */
export function closerOf(core: NetCore, kind: HandleKind): (id: unknown) => void {
  return (id) => {
    const handle = handleOf(core, id, kind);
    if (handle !== undefined) core.closeLocal(handle);
  };
}

/**
 * Opens a listener on a checked port (0 picks one) and host, bound by the backend once loaded; returns its id.
 * It reads "opening" until the backend reports it bound (`core.bound`), and only then "listening".
 */
export function openListener<T>(
  core: NetCore,
  kind: HandleKind,
  backend: Lazy<T>,
  port: unknown,
  host: unknown,
  listen: (mod: T, handle: Handle, port: number, host: string | undefined) => void,
): number {
  const problem = checkPort(port, true) ?? (host === undefined ? undefined : checkHost(host));
  if (problem !== undefined) return failedHandle(core, kind, problem).id;
  const handle = core.open(kind, "opening");
  const bindHost = host === undefined ? undefined : unbracket(host as string);
  startOn(core, backend, handle, (mod) => listen(mod, handle, port as number, bindHost));
  return handle.id;
}
