/**
 * The `tcp_*` functions of the `net` module (seed 000; docs/net.md, "TCP"):
 * thin checks over the core, with the socket work left to the TCP backend.
 * Opening a connection (`connectTcp`) is shared with `Network.Connect`.
 */
import { checkHost, checkPort, unbracket } from "../core/args.js";
import { ERR } from "../core/errors.js";
import type { Handle } from "../core/handle.js";
import type { Lazy } from "../core/lazy.js";
import type { NetCore } from "../core/net-core.js";
import type { TcpBackend } from "./backend.js";
import { closerOf, failedHandle, handleOf, openListener, pullOf, startOn } from "../core/start.js";
import type { Platform } from "../core/platform.js";

/** The TCP part of `net`. */
export interface NetTcp {
  /** Starts a connection; returns its handle at once. */
  tcp_connect(host: string, port: number): number;
  /** Queues UTF-8 text; true once queued, or an error text. */
  tcp_send(handle: number, data: string): true | string;
  /** Pops the next received chunk, or undefined. */
  tcp_recv(handle: number): string | undefined;
  /** Flushes what was queued, then closes; on a finished handle, releases it. */
  tcp_close(handle: number): void;
  /** Starts listening (port 0 picks one; all interfaces unless host is given); returns the listener's handle. */
  tcp_listen(port: number, host?: string): number;
  /** Pops the next accepted client's handle, or undefined. */
  tcp_accept(listener: number): number | undefined;
  /** Stops the listener; its accepted clients stay open. */
  tcp_stop(listener: number): void;
}

/** How each kind of connection is offered: `net`'s queued text, or a `Network.Connect` socket's pulled bytes. */
const CONNECTION_STYLE = {
  tcp: { mode: "text", pullOnly: false },
  socket: { mode: "bytes", pullOnly: true },
} as const;

/** The two kinds of TCP connection handle. */
export type TcpConnectionKind = keyof typeof CONNECTION_STYLE;

/** Opens a TCP connection handle at once; it has already failed if the host, port or connection limit forbid it. */
export function connectTcp(core: NetCore, tcp: Lazy<TcpBackend>, kind: TcpConnectionKind, host: unknown, port: unknown): Handle {
  const { mode, pullOnly } = CONNECTION_STYLE[kind];
  const problem =
    checkHost(host) ?? checkPort(port, false) ?? (core.atConnectionLimit(kind) ? ERR.tooManyConnections : undefined);
  if (problem !== undefined) return failedHandle(core, kind, problem, pullOnly);
  const handle = core.open(kind, "connecting", pullOnly);
  const target = unbracket(host as string);
  startOn(core, tcp, handle, (backend) => backend.connect(handle, target, port as number, mode));
  return handle;
}

/** Builds the TCP functions of `net` over one core and backend. */
export function netTcp(core: NetCore, tcp: Lazy<TcpBackend>, platform: Platform): NetTcp {
  const connection = (id: unknown) => handleOf(core, id, "tcp");
  return {
    tcp_connect: (host, port) => connectTcp(core, tcp, "tcp", host, port).id,
    tcp_send(id, data) {
      const handle = connection(id);
      if (handle === undefined) return ERR.unknownHandle;
      if (typeof data !== "string") return ERR.invalidData;
      return core.sendText(handle, data, platform.byteLength);
    },
    tcp_recv: pullOf<string>(core, "tcp"),
    tcp_close: closerOf(core, "tcp"),
    tcp_listen: (port, host) =>
      openListener(core, "tcp_listener", tcp, port, host, (backend, handle, bindPort, bindHost) =>
        backend.listen(handle, bindPort, bindHost),
      ),
    tcp_accept: pullOf<number>(core, "tcp_listener"),
    tcp_stop: closerOf(core, "tcp_listener"),
  };
}
