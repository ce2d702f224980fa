/**
 * The runtime's limits (docs/design.md, rules 12-14; docs/net.md, "Limits"):
 * every bound with its default, and how a script's options are merged over
 * them. Going over any of them is an error the script sees, never a silent
 * drop.
 */

/** Every bound a runtime enforces. */
export interface Limits {
  /** Undelivered bytes a connection may hold before its socket stops reading. */
  recvBufferBytes: number;
  /** Bytes a connection may have queued for sending; a send past it is refused whole. */
  sendBufferBytes: number;
  /** Largest WebSocket message accepted or sent. */
  wsMaxMessageBytes: number;
  /** Largest HTTP response body accepted. */
  httpMaxBodyBytes: number;
  /** Whole-request deadline for HTTP, connect to last byte. */
  httpTimeoutMs: number;
  /** Deadline for a TCP or WebSocket connect (DNS, TCP, TLS, handshake). */
  connectTimeoutMs: number;
  /** Redirects an HTTP request follows before failing. */
  maxRedirects: number;
  /** Open TCP and WebSocket connections (outgoing and accepted) and UDP sockets at once. */
  maxConnections: number;
  /** Open TCP connections (`tcp_*` and `Network.Connect`, outgoing and accepted) at once, within `maxConnections`. */
  maxTcpConnections: number;
  /** Open WebSockets (outgoing and accepted) at once, within `maxConnections`. */
  maxWebSockets: number;
  /** HTTP requests on the wire at once; later ones wait their turn. */
  maxRequestsInFlight: number;
  /** HTTP requests allowed to wait for a free slot before new ones fail. */
  maxRequestsQueued: number;
  /** Finished handles kept for the script before the oldest are released. */
  retainedHandles: number;
  /** Payload bytes per second the runtime may send (TCP, WebSocket, HTTP bodies); 0 means no limit. */
  uploadBytesPerSecond: number;
  /** Payload bytes per second the runtime may receive (TCP, WebSocket, HTTP bodies); 0 means no limit. */
  downloadBytesPerSecond: number;
  /** WebSocket ping interval; a peer that misses a whole interval ends in error. 0 turns pings off. */
  wsPingIntervalMs: number;
}

/** The defaults, documented in the README. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  recvBufferBytes: 1024 * 1024,
  sendBufferBytes: 4 * 1024 * 1024,
  wsMaxMessageBytes: 16 * 1024 * 1024,
  httpMaxBodyBytes: 64 * 1024 * 1024,
  httpTimeoutMs: 30_000,
  connectTimeoutMs: 15_000,
  maxRedirects: 5,
  maxConnections: 20_000,
  maxTcpConnections: 20_000,
  maxWebSockets: 20_000,
  maxRequestsInFlight: 64,
  maxRequestsQueued: 4096,
  retainedHandles: 1024,
  uploadBytesPerSecond: 0,
  downloadBytesPerSecond: 0,
  wsPingIntervalMs: 20_000,
});

/** The limits of a runtime: the core's, and those its protocols declare, by name. */
export type RuntimeLimits = Limits & Readonly<Record<string, number>>;

/** Merges the host program's partial limits over `defaults`, ignoring values that are not non-negative numbers. */
export function resolveLimits(given: unknown, defaults: RuntimeLimits = DEFAULT_LIMITS): RuntimeLimits {
  const limits: Limits & Record<string, number> = { ...defaults };
  if (typeof given !== "object" || given === null) return limits;
  for (const key of Object.keys(limits)) {
    const value = (given as Record<string, unknown>)[key];
    if (typeof value === "number" && value >= 0 && !Number.isNaN(value)) limits[key] = value;
  }
  return limits;
}
