/**
 * The package entry in a browser (the `browser` export condition):
 * `createNetRuntime` with HTTP on the page's `fetch` and WebSocket on the
 * page's `WebSocket`. A page cannot open raw TCP sockets, so `tcp` is off:
 * the `tcp_*` functions are absent whatever `features` asks. Nothing here or
 * below imports a Node built-in.
 */
import { buildRuntime, type NetRuntime, type PlatformLoaders, type RuntimeOptions } from "./api/runtime.js";
import { browserMaxRedirects } from "./web/redirects.js";
import { utf8Length } from "./web/utf8.js";

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

const browserPlatform: PlatformLoaders = {
  byteLength: utf8Length,
  http: (settings) => import("./http/browser-http.js").then((mod) => mod.createBrowserHttp(settings)),
  ws: (settings) => import("./ws/browser-ws.js").then((mod) => mod.createBrowserWs(settings)),
};

/** Creates a runtime in a page: every handle, one event queue, and the `net` module without TCP. */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  const limits = { ...options?.limits, maxRedirects: browserMaxRedirects(options?.limits?.maxRedirects) };
  return buildRuntime({ ...options, limits }, browserPlatform);
}
