/**
 * The package entry on Node: `createNetRuntime` with the Node backends
 * (`node:net`, undici, ws, `node:dgram`), each imported only when its feature is enabled
 * and first used.
 */
import { buildRuntime, type NetRuntime, type PlatformLoaders, type RuntimeOptions } from "./api/runtime.js";

export * from "./api/public.js";

const nodePlatform: PlatformLoaders = {
  byteLength: (text) => Buffer.byteLength(text),
  bytes: (data) => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
  tcp: (settings) => import("./tcp/node-tcp.js").then((mod) => mod.createNodeTcp(settings)),
  http: (settings) => import("./http/node-http.js").then((mod) => mod.createNodeHttp(settings)),
  ws: (settings) => import("./ws/node-ws.js").then((mod) => mod.createNodeWs(settings.core, settings)),
  udp: (settings) => import("./udp/node-udp.js").then((mod) => mod.createNodeUdp(settings)),
};

/** Creates a runtime: every handle, one event queue, and the `net` and `network` modules, on Node. */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  return buildRuntime(options, nodePlatform);
}
