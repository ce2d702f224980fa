/**
 * The package entry on Node: `createNetRuntime` with the Node backends
 * (`node:net`, undici, ws, `node:dgram`), each imported only when its feature is enabled
 * and first used. The offers below are the Node column of the protocol
 * table: one row per protocol Node has.
 */
import { buildRuntime } from "./api/runtime.js";
import type { Platform } from "./core/platform.js";
import { interfaceAddresses } from "./node/local-addresses.js";
import { encodeUtf8 } from "./node/utf8-pool.js";
import type { BusOptions } from "./bus/options.js";
import { PROTOCOLS, type NetRuntime, type Offers, type RuntimeOptions } from "./protocols.js";

export * from "./public.js";

const nodePlatform: Platform = {
  byteLength: (text) => Buffer.byteLength(text),
  encode: encodeUtf8,
  bytes: (data) => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
  localAddresses: interfaceAddresses(),
};

const NODE_OFFERS: Offers = {
  tcp: { byDefault: true, load: (settings) => import("./tcp/node-tcp.js").then((mod) => mod.createNodeTcp(settings)) },
  http: { byDefault: true, load: (settings) => import("./http/node-http.js").then((mod) => mod.createNodeHttp(settings)) },
  ws: { byDefault: true, load: (settings) => import("./ws/node-ws.js").then((mod) => mod.createNodeWs(settings)) },
  udp: { byDefault: true, load: (settings) => import("./udp/node-udp.js").then((mod) => mod.createNodeUdp(settings)) },
  bus: { byDefault: false, load: (settings) => import("./bus/load.js").then((mod) => mod.loadBusBackend(settings.options.bus as BusOptions)) },
};

/** Creates a runtime: every handle, one event queue, and the `net` and `network` modules, on Node. */
export function createNetRuntime(options?: RuntimeOptions): NetRuntime {
  return buildRuntime(options, nodePlatform, PROTOCOLS, NODE_OFFERS);
}
