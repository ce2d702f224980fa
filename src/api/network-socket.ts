/**
 * `Network.Connect` sockets of the Scripter's Rift API (seed 002;
 * docs/network.md): a polled TCP connection over a pull-only core handle.
 * Received bytes wait in the handle's inbox until the script reads them and
 * never appear on `net`'s shared event queue; sends share `net`'s per-turn
 * batching and limits. The socket object holds its handle privately, so a
 * script cannot reach the core.
 */
import { joinChunks } from "../core/bytes.js";
import { ERR } from "../core/errors.js";
import type { Handle, HandleStatus } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import { failedHandle, guard } from "../core/start.js";
import type { TcpService } from "../tcp/protocol.js";
import { bytesToWrite, type TextEncodingName } from "./network-bytes.js";

/** A socket's state: `"fin"` once closed by either side (buffered bytes stay readable). */
export type SocketStatus = "connecting" | "connected" | "error" | "fin";

/** A polled TCP connection made by `Network.Connect`. */
export interface Socket {
  /** `"connecting"`, `"connected"`, `"error"` or `"fin"`. */
  readonly status: SocketStatus;
  /** Why the socket failed, or null (beyond the seed). */
  readonly error: string | null;
  /** Bytes received and waiting for `read` (beyond the seed). */
  readonly available: number;
  /** Queues bytes, a byte array or text; false when not connected, closed, full, or the data is not valid. */
  write(data: Uint8Array | readonly number[] | string, encoding?: TextEncodingName): boolean;
  /** Pops every buffered byte, or exactly `n` of them; null when none (or fewer than `n`) are buffered. */
  read(n?: number): Uint8Array | null;
  /** Flushes what was written, then closes; closing a socket that already ended discards its unread bytes. */
  close(): void;
}

const STATUSES: Readonly<Partial<Record<HandleStatus, SocketStatus>>> = {
  connecting: "connecting",
  connected: "connected",
  error: "error",
  closed: "fin",
};

/** What a socket reaches through: its core, its handle, and the platform's byte type. */
interface SocketLink {
  core: NetCore;
  handle: Handle;
  platform: Platform;
}

const writeSafely = guard((link: SocketLink, data: unknown, encoding: unknown): boolean => {
  const bytes = bytesToWrite(data, encoding);
  return bytes !== undefined && link.core.send(link.handle, bytes, bytes.length) === true;
}, false);

const readSafely = guard((link: SocketLink, count: unknown): Uint8Array | null => {
  const buffered = link.handle.inboxBytes;
  if (count === undefined) return buffered > 0 ? pop(link, buffered) : null;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) return null;
  if (count > link.core.limits.recvBufferBytes || count > buffered) return null;
  return pop(link, count);
}, null);

/** Pops exactly `count` buffered bytes, putting back the unread rest of the last chunk. */
function pop(link: SocketLink, count: number): Uint8Array {
  const { core, handle } = link;
  const chunks: Uint8Array[] = [];
  let got = 0;
  while (got < count) {
    const chunk = core.take(handle);
    if (!(chunk instanceof Uint8Array)) break;
    const wanted = count - got;
    if (chunk.length > wanted) {
      core.putBack(handle, chunk.subarray(wanted), chunk.length - wanted);
      chunks.push(chunk.subarray(0, wanted));
      got = count;
    } else {
      chunks.push(chunk);
      got += chunk.length;
    }
  }
  return link.platform.bytes(joinChunks(chunks, got));
}

/** The script's view of one pull-only TCP handle. */
class NetworkSocket implements Socket {
  readonly #link: SocketLink;

  constructor(link: SocketLink) {
    this.#link = link;
  }

  get status(): SocketStatus {
    return STATUSES[this.#link.handle.status] ?? "error";
  }

  get error(): string | null {
    return this.#link.handle.error ?? null;
  }

  get available(): number {
    return this.#link.handle.inboxBytes;
  }

  write(data: Uint8Array | readonly number[] | string, encoding?: TextEncodingName): boolean {
    return writeSafely(this.#link, data, encoding);
  }

  read(n?: number): Uint8Array | null {
    return readSafely(this.#link, n);
  }

  close(): void {
    this.#link.core.closeLocal(this.#link.handle);
  }
}

/** Starts a connection and returns its socket at once; without a TCP backend the socket has already failed. */
export function connectSocket(
  core: NetCore,
  tcp: TcpService | undefined,
  platform: Platform,
  host: unknown,
  port: unknown,
): Socket {
  const handle = tcp === undefined ? failedHandle(core, "socket", ERR.tcpUnavailable, true) : tcp.connect("socket", host, port);
  return new NetworkSocket({ core, handle, platform });
}
