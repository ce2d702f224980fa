/**
 * TCP's row of the protocol table: the `tcp_*` functions of `net`, the
 * connection kinds `tcp` (`net`'s text connections) and `socket` (the
 * Scripter's Rift `Network.Connect` byte sockets), both under
 * `maxTcpConnections`, and listeners. Its service opens connections for the
 * Scripter's Rift layer. Only Node offers a backend: a page cannot open raw
 * TCP sockets.
 */
import { ERR } from "../core/errors.js";
import type { Handle } from "../core/handle.js";
import { defineProtocol, type ProtocolContext } from "../core/protocol.js";
import type { TcpBackend } from "./backend.js";
import { connectTcp, netTcp, type TcpConnectionKind } from "./net-tcp.js";

/** What TCP offers the other layers of a runtime. */
export interface TcpService {
  /** Opens a connection handle of `kind` at once (already failed on a bad host or port, or past a quota). */
  connect(kind: TcpConnectionKind, host: unknown, port: unknown): Handle;
}

/** The TCP protocol. */
export const tcpProtocol = defineProtocol({
  name: "tcp",
  kinds: { tcp: "maxTcpConnections", socket: "maxTcpConnections", tcp_listener: null },
  fallbacks: { tcp_send: ERR.failed },
  open({ core, backend, platform }: ProtocolContext<TcpBackend>) {
    const service: TcpService = { connect: (kind, host, port) => connectTcp(core, backend, kind, host, port) };
    return { functions: netTcp(core, backend, platform), service };
  },
});
