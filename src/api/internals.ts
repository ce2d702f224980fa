/**
 * The core behind each runtime, kept out of the runtime's public type: this
 * package's own layers and its tests look it up here by runtime, scripts and
 * host programs never see it. A runtime built elsewhere has no entry.
 */
import type { NetCore } from "../core/net-core.js";

const cores = new WeakMap<object, NetCore>();

/** Records the core of a runtime built by `buildRuntime`. */
export function registerCore(runtime: object, core: NetCore): void {
  cores.set(runtime, core);
}

/** The core of a runtime built by `buildRuntime`; throws for anything else (a bug in the caller, never a script's doing). */
export function coreOf(runtime: object): NetCore {
  const core = cores.get(runtime);
  if (core === undefined) throw new TypeError("not a tickwire runtime");
  return core;
}
