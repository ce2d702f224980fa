/**
 * What the script-facing APIs need from a UDP backend (SPEC 12): bound
 * datagram sockets on core handles. Only Node has one: a browser cannot send
 * raw datagrams.
 */
import type { Handle } from "../core/handle.js";
import type { Backend } from "../core/protocol.js";

/** A received datagram: its text or bytes and the sender as "ip:port" (the payload of a "datagram" event). */
export interface Datagram {
  data: string | Uint8Array;
  from: string;
}

/** A datagram queued for sending: its bytes (a text already encoded as UTF-8) and where it goes. */
export interface OutgoingDatagram {
  data: Uint8Array;
  host: string;
  port: number;
}

/** How received datagrams reach the script: decoded UTF-8 text, or bytes. */
export type UdpReceiveMode = "text" | "bytes";

/** Opens UDP sockets onto core handles. */
export interface UdpBackend extends Backend {
  /** Binds `handle` to port (0 picks one) and host (every interface, IPv4 and IPv6, when undefined). */
  open(handle: Handle, port: number, host: string | undefined, mode: UdpReceiveMode): void;
}
