/**
 * What every package entry (Node and browser) exports besides its own
 * `createNetRuntime`: the API types, the default limits and the error texts.
 */
export type { NetShared } from "./api/net.js";
export type { Net, Features, NetRuntime, RuntimeOptions } from "./protocols.js";
export type { NetTcp } from "./tcp/net-tcp.js";
export type { NetHttp, HttpResponseRecord } from "./http/net-http.js";
export type { NetWs } from "./ws/net-ws.js";
export type { NetUdp, UdpOpenOptions } from "./udp/net-udp.js";
export type { Datagram } from "./udp/backend.js";
export type { NetBus } from "./bus/net-bus.js";
export type { BusOptions } from "./bus/options.js";
export type { BusStatus } from "./bus/bus.js";
export type { NetworkModule } from "./api/network.js";
export type { Socket, SocketStatus } from "./api/network-socket.js";
export type { TextEncodingName } from "./api/network-bytes.js";
export type { Fetch, FetchOptions, HttpMethod, Response } from "./api/network-fetch.js";
export type * from "./core/events.js";
export type { HandleStatus } from "./core/handle.js";
export type { Limits } from "./core/limits.js";
export type { PolicyOptions, PolicyRule } from "./policy/policy.js";
export type { RuntimeStats, HandleStats, RecentError } from "./core/stats.js";
export { DEFAULT_LIMITS } from "./core/limits.js";
export { ERR } from "./core/errors.js";
