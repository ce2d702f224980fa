/**
 * The `udp_*` functions of the `net` module (SPEC 12): bound datagram
 * sockets, thin checks over the core with the socket work left to the UDP
 * backend. Sends go through the core's per-turn batching like every other
 * protocol's; received datagrams are payloads taken exactly once, by their
 * `"datagram"` event or by `udp_recv`.
 */
import { checkHost, checkPort, toBytes, unbracket } from "../core/args.js";
import { ERR } from "../core/errors.js";
import type { DatagramEvent } from "../core/events.js";
import type { Handle } from "../core/handle.js";
import { LastResult } from "../core/last-result.js";
import type { Lazy } from "../core/lazy.js";
import type { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import { closerOf, failedHandle, handleOf, pullOf, startOn } from "../core/start.js";
import type { Datagram, UdpBackend } from "./backend.js";

/** Options of `udp_open`. */
export interface UdpOpenOptions {
  /** Deliver datagrams as `Uint8Array` instead of text. */
  binary?: boolean;
}

/** The UDP part of `net`. */
export interface NetUdp {
  /** Opens a socket bound to port (0 or none picks one) and host (every interface when none); returns its handle at once. */
  udp_open(port?: number, host?: string, options?: UdpOpenOptions): number;
  /** Queues one datagram (text as UTF-8, or bytes) to host:port; true once queued (bytes are copied), or an error text. */
  udp_send(handle: number, host: string, port: number, data: string | Uint8Array | ArrayBuffer): true | string;
  /** Pops the next received datagram as `{ data, from }`, or undefined. */
  udp_recv(handle: number): Datagram | undefined;
  /** Closes the socket; on a finished handle, releases it. */
  udp_close(handle: number): void;
}

/** The problem with `udp_open`'s options, or undefined; `binary` tells how datagrams arrive. */
function checkOpenOptions(options: unknown): { problem?: string; binary: boolean } {
  if (options === undefined || options === null) return { binary: false };
  if (typeof options !== "object") return { problem: ERR.invalidOptions, binary: false };
  const { binary, ...rest } = options as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || (binary !== undefined && typeof binary !== "boolean")) {
    return { problem: ERR.invalidOptions, binary: false };
  }
  return { binary: binary === true };
}

/** A destination host as checked: its error text, or the host without brackets. */
type HostCheck = { problem: string; bare?: undefined } | { problem?: undefined; bare: string };

/** Checks a destination host once for `udp_send`. */
function checkDestination(host: unknown): HostCheck {
  const problem = checkHost(host);
  return problem === undefined ? { bare: unbracket(host as string) } : { problem };
}

/** Opens a UDP socket handle; it has already failed if an argument or the socket quota forbids it. */
function openUdp(core: NetCore, udp: Lazy<UdpBackend>, port: unknown, host: unknown, options: unknown): Handle {
  const bindPort = port ?? 0;
  const bindHost = host === null || host === undefined ? undefined : host;
  const { problem: badOptions, binary } = checkOpenOptions(options);
  const problem =
    checkPort(bindPort, true) ??
    (bindHost === undefined ? undefined : checkHost(bindHost)) ??
    badOptions ??
    (core.atConnectionLimit("udp") ? ERR.tooManyConnections : undefined);
  if (problem !== undefined) return failedHandle(core, "udp", problem);
  const handle = core.open("udp", "opening");
  const address = bindHost === undefined ? undefined : unbracket(bindHost as string);
  startOn(core, udp, handle, (backend) => backend.open(handle, bindPort as number, address, binary ? "bytes" : "text"));
  return handle;
}

/** Builds the UDP functions of `net` over one core and backend. */
export function netUdp(core: NetCore, udp: Lazy<UdpBackend>, platform: Platform): NetUdp {
  const socket = (id: unknown) => handleOf(core, id, "udp");
  const pullEvent = pullOf<DatagramEvent>(core, "udp");
  /** The last destination's check: a sender to one peer checks and unbrackets it once. */
  const hostChecks = new LastResult<unknown, HostCheck>();
  return {
    udp_open: (port, host, options) => openUdp(core, udp, port, host, options).id,
    udp_send(id, host, port, data) {
      const handle = socket(id);
      if (handle === undefined) return ERR.unknownHandle;
      if (handle.status === "opening") return ERR.notConnected;
      if (handle.finished) return ERR.closed;
      const checked = hostChecks.of(host, checkDestination);
      if (checked.problem !== undefined) return checked.problem;
      const badPort = checkPort(port, false);
      if (badPort !== undefined) return badPort;
      const limit = core.limits.udpMaxDatagramBytes;
      // a text longer than the limit in UTF-16 units is too large in UTF-8 too: refused unencoded
      if (typeof data === "string" && data.length > limit) return ERR.messageTooLarge;
      const bytes = typeof data === "string" ? platform.encode(data) : toBytes(data)?.slice();
      if (bytes === undefined) return ERR.invalidData;
      if (bytes.length > limit) return ERR.messageTooLarge;
      return core.send(handle, { data: bytes, host: checked.bare, port }, bytes.length);
    },
    udp_recv(id) {
      const event = pullEvent(id);
      return event === undefined ? undefined : { data: event.data, from: event.from };
    },
    udp_close: closerOf(core, "udp"),
  };
}
