/**
 * The package entry in a browser (the `browser` export condition):
 * `createNetRuntime` with HTTP on the page's `fetch` and WebSocket on the
 * page's `WebSocket`. A page cannot open raw TCP sockets, so the offers below
 * (the browser column of the protocol table) have no `tcp`: the `tcp_*`
 * functions are absent whatever `features` asks. Nothing here or below
 * imports a Node built-in.
 */
import { buildRuntime } from "./api/runtime.js";
import type { Platform } from "./core/platform.js";
import { PROTOCOLS, type NetRuntime, type Offers, type RuntimeOptions } from "./protocols.js";
import { browserMaxRedirects } from "./web/redirects.js";
import { utf8Length } from "./web/utf8.js";

export * from "./public.js";

const textEncoder = new TextEncoder();

const browserPlatform: Platform = {
  byteLength: utf8Length,
  encode: (text) => textEncoder.encode(text),
  bytes: (data) => data,
};

const BROWSER_OFFERS: Offers = {
  http: { byDefault: true, load: (settings) => import("./http/browser-http.js").then((mod) => mod.createBrowserHttp(settings)) },
  ws: { byDefault: true, load: (settings) => import("./ws/browser-ws.js").then((mod) => mod.createBrowserWs(settings)) },
};

/** Creates a runtime in a page: every handle, one event queue, `net` without TCP, and `network` (whose sockets fail). */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  const limits = { ...options?.limits, maxRedirects: browserMaxRedirects(options?.limits?.maxRedirects) };
  return buildRuntime({ ...options, limits }, browserPlatform, PROTOCOLS, BROWSER_OFFERS);
}
