/**
 * What every package entry (Node and browser) exports besides its own
 * `createNetRuntime`: the API types, the default limits and the error texts.
 */
export type { Net, NetShared } from "./net.js";
export type { NetTcp } from "./net-tcp.js";
export type { NetHttp, HttpResponseRecord } from "./net-http.js";
export type { NetWs } from "./net-ws.js";
export type { NetUdp, UdpOpenOptions } from "./net-udp.js";
export type { NetworkModule } from "./network.js";
export type { Socket, SocketStatus } from "./network-socket.js";
export type { TextEncodingName } from "./network-bytes.js";
export type { Fetch, FetchOptions, HttpMethod, Response } from "./network-fetch.js";
export type { NetRuntime, RuntimeOptions, Features } from "./runtime.js";
export type * from "../core/events.js";
export type { Limits } from "../core/limits.js";
export type { Datagram } from "../core/handle.js";
export type { PolicyOptions, PolicyRule } from "../policy/policy.js";
export type { RuntimeStats, HandleStats, RecentError } from "../core/stats.js";
export { DEFAULT_LIMITS } from "../core/limits.js";
export { ERR } from "../core/errors.js";
