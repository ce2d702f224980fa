/**
 * The package entry on Node: `createNetRuntime` with the Node backends
 * (`node:net`, undici, ws), each imported only when its feature is enabled
 * and first used.
 */
import { buildRuntime, type NetRuntime, type PlatformLoaders, type RuntimeOptions } from "./api/runtime.js";

export type { Net, NetShared } from "./api/net.js";
export type { NetTcp } from "./api/net-tcp.js";
export type { NetHttp, HttpResponseRecord } from "./api/net-http.js";
export type { NetWs } from "./api/net-ws.js";
export type { NetRuntime, RuntimeOptions, Features } from "./api/runtime.js";
export type * from "./core/events.js";
export type { Limits } from "./core/limits.js";
export type { RuntimeStats, HandleStats, RecentError } from "./core/stats.js";
export { DEFAULT_LIMITS } from "./core/limits.js";
export { ERR } from "./core/errors.js";

const nodePlatform: PlatformLoaders = {
  byteLength: (text) => Buffer.byteLength(text),
  tcp: (settings) => import("./tcp/node-tcp.js").then((mod) => mod.createNodeTcp(settings.core)),
  http: (settings) => import("./http/node-http.js").then((mod) => mod.createNodeHttp(settings)),
  ws: (settings) => import("./ws/node-ws.js").then((mod) => mod.createNodeWs(settings.core, settings)),
};

/** Creates a runtime: every handle, one event queue, and the `net` module, on Node. */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  return buildRuntime(options, nodePlatform);
}
