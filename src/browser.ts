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

export * from "./api/public.js";

const browserPlatform: PlatformLoaders = {
  byteLength: utf8Length,
  bytes: (data) => data,
  http: (settings) => import("./http/browser-http.js").then((mod) => mod.createBrowserHttp(settings)),
  ws: (settings) => import("./ws/browser-ws.js").then((mod) => mod.createBrowserWs(settings)),
};

/** Creates a runtime in a page: every handle, one event queue, `net` without TCP, and `network` (whose sockets fail). */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  const limits = { ...options?.limits, maxRedirects: browserMaxRedirects(options?.limits?.maxRedirects) };
  return buildRuntime({ ...options, limits }, browserPlatform);
}
