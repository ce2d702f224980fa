/**
 * The `net` module of seed 000: the shared functions plus one group per
 * enabled protocol. A disabled protocol's functions are simply not there.
 * Every function is wrapped so that it never throws (SPEC 2).
 */
import type { NetEvent } from "../core/events.js";
import type { NetCore } from "../core/net-core.js";
import type { HttpClient } from "../http/client.js";
import { netHttp, type NetHttp } from "./net-http.js";
import { netTcp, type NetTcp } from "./net-tcp.js";
import { netUdp, type NetUdp } from "./net-udp.js";
import { netWs, type NetWs } from "./net-ws.js";
import type { Backends, Platform } from "./platform.js";
import { guard } from "./start.js";

/** The functions present whatever the features. */
export interface NetShared {
  /** The handle's status text, or undefined for an unknown handle. */
  status(handle: number): string | undefined;
  /** Pops the oldest event, or undefined when none is waiting. */
  poll_event(): NetEvent | undefined;
  /** Closes a connection or listener, cancels a request; on a finished handle, releases it. */
  close(handle: number): void;
  /** The local port of a connection or listener. */
  local_port(handle: number): number | undefined;
  /** The peer of a connection as "ip:port". */
  remote_addr(handle: number): string | undefined;
}

/** The `net` module; the functions of disabled protocols are absent at run time. */
export type Net = NetShared & NetTcp & NetHttp & NetWs & NetUdp;

const FALLBACKS: Record<string, unknown> = {
  tcp_send: "error",
  ws_send: "error",
  ws_send_binary: "error",
  udp_send: "error",
};

/** Builds `net` over one core, with the functions of each loaded-on-demand backend. */
export function createNet(core: NetCore, backends: Backends, http: HttpClient | undefined, platform: Platform): Net {
  const shared: NetShared = {
    status: (id) => core.get(id)?.status,
    poll_event: () => core.poll(),
    close(id) {
      const handle = core.get(id);
      if (handle !== undefined) core.closeLocal(handle);
    },
    local_port: (id) => core.get(id)?.transport?.localPort?.(),
    remote_addr: (id) => core.get(id)?.transport?.remoteAddr?.(),
  };
  const functions: Record<string, unknown> = {
    ...shared,
    ...(backends.tcp && netTcp(core, backends.tcp, platform)),
    ...(http && netHttp(core, http)),
    ...(backends.ws && netWs(core, backends.ws, platform)),
    ...(backends.udp && netUdp(core, backends.udp, platform)),
  };
  const net: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(functions)) {
    net[name] = guard(fn as (...args: unknown[]) => unknown, FALLBACKS[name]);
  }
  return net as unknown as Net;
}
