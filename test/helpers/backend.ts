/**
 * A bare core and the settings a backend factory takes, for the tests of one
 * backend on its own (below `net`): real sockets, the real core, no runtime.
 * The core and the backend are shut down when the test ends, as a runtime's
 * close does.
 */
import { after } from "node:test";
import { resolveLimits, type Limits } from "../../src/core/limits.js";
import { NetCore } from "../../src/core/net-core.js";
import type { Backend, BackendFactory, BackendSettings } from "../../src/core/protocol.js";

/** A core with `limits` over the defaults, and a backend made by `factory` on it. */
export function backendForTest<B extends Backend>(
  factory: BackendFactory<B>,
  limits?: Partial<Limits>,
): { core: NetCore; backend: B; settings: BackendSettings } {
  const core = new NetCore(resolveLimits(limits));
  const settings: BackendSettings = { core, limits: core.limits, ca: [], policy: undefined, options: {} };
  const backend = factory(settings);
  after(() => Promise.all([core.shutdown(), backend.shutdown()]));
  return { core, backend, settings };
}
