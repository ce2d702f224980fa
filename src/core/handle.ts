/**
 * A handle (docs/design.md, rules 1-4) and the records queued for it. A
 * handle is the core's view of one connection, listener or request: its
 * status, the payloads not yet delivered, the sends not yet written, and the
 * transport a protocol backend plugged into it. The core never looks behind
 * the transport.
 */
import type { Deque } from "./deque.js";
import type { NetEventType } from "./events.js";

/** What a handle stands for ("tcp", "ws_listener", "http", ...): each protocol's descriptor lists the kinds it opens. */
export type HandleKind = string;

/** Every status a handle can have; each protocol uses the ones of its kinds (docs/net.md, "Statuses"). */
export type HandleStatus =
  | "connecting"
  | "connected"
  | "opening"
  | "listening"
  | "building"
  | "pending"
  | "done"
  | "error"
  | "closed";

/** A payload made of fields, such as a datagram's: the whole event record (`type` and `handle` too), handed to the script as it is. */
export type PayloadRecord = { readonly [field: string]: unknown };

/** One payload: TCP text, a WebSocket message, raw socket bytes, an accepted client's handle, or a protocol's record. */
export type Payload = string | Uint8Array | number | PayloadRecord;

/** The protocol backend's side of a handle: the only way the core drives a socket. Listeners and requests leave out the stream methods. */
export interface Transport {
  /** Writes one turn's queued sends, in order; `bytes` is their total size. */
  write?(chunks: Payload[], bytes: number): void;
  /** Bytes handed to the socket but not yet to the kernel. */
  pendingBytes?(): number;
  /** Stops reading from the peer (receive backpressure). */
  pause?(): void;
  /** Reads from the peer again. */
  resume?(): void;
  /** Local close: close gracefully after what was written; WebSockets answer with the close code and reason sent. */
  close(code?: number, reason?: string): { code: number; reason: string } | void;
  /** Tears the socket down at once and resolves when it is gone (runtime shutdown). */
  shutdown(): Promise<void>;
  /** The local port, when bound. */
  localPort?(): number | undefined;
  /** The peer as "ip:port", when connected. */
  remoteAddr?(): string | undefined;
  /** Protocol-specific counts for stats and the inspector (datagrams sent, dropped, ...). */
  counters?(): Record<string, number>;
}

/** A queued event; for payloads the same object also sits in its handle's inbox (exactly-once). */
export class QueuedEvent {
  /** Set once the event or its payload reached the script by either path. */
  taken = false;
  constructor(
    readonly type: NetEventType,
    readonly handle: Handle,
    public data: Payload | undefined,
    public bytes: number,
    readonly extra?: { code: number; reason: string },
  ) {}
}

/** Bits of `Handle.flags`: six booleans in one field keep an idle handle small (10,000 connections). */
const FINISHED = 1;
const RELEASED = 2;
const READING_PAUSED = 4;
const THROTTLED = 8;
const PULL_ONLY = 16;
const OVERFLOWING = 32;

/** A handle's queues and byte counts, made with its first payload either way, so an idle handle carries one field for six (72 bytes, not 112). */
class Traffic {
  inbox: Deque<QueuedEvent> | null = null;
  outbox: Payload[] | null = null;
  inboxBytes = 0;
  outboxBytes = 0;
  bytesIn = 0;
  bytesOut = 0;
}

/** The core's record of one handle. */
export class Handle {
  transport: Transport | null = null;
  private traffic: Traffic | null = null;
  /** Why the handle ended in error, kept for pull-only handles whose events are never queued. Declared, not initialised: a connection that never fails carries no slot for it. */
  declare error: string | undefined;
  /** Protocol-owned state (an HTTP request's record), read back by `instanceof`; dropped when the handle is released. Declared, not initialised, like `error`. */
  declare info: object | undefined;
  private flags: number;

  constructor(
    readonly id: number,
    readonly kind: HandleKind,
    public status: HandleStatus,
    pullOnly: boolean,
  ) {
    this.flags = pullOnly ? PULL_ONLY : 0;
  }

  /** Payloads received and not yet delivered, oldest first; created on first use. */
  get inbox(): Deque<QueuedEvent> | null {
    return this.traffic === null ? null : this.traffic.inbox;
  }

  set inbox(value: Deque<QueuedEvent> | null) {
    if (this.traffic !== null || value !== null) this.counts().inbox = value;
  }

  /** Sends of the current turn, written together when the script yields. */
  get outbox(): Payload[] | null {
    return this.traffic === null ? null : this.traffic.outbox;
  }

  set outbox(value: Payload[] | null) {
    if (this.traffic !== null || value !== null) this.counts().outbox = value;
  }

  /** Bytes of the payloads in the inbox. */
  get inboxBytes(): number {
    return this.traffic === null ? 0 : this.traffic.inboxBytes;
  }

  set inboxBytes(value: number) {
    if (this.traffic !== null || value !== 0) this.counts().inboxBytes = value;
  }

  /** Bytes of the sends in the outbox. */
  get outboxBytes(): number {
    return this.traffic === null ? 0 : this.traffic.outboxBytes;
  }

  set outboxBytes(value: number) {
    if (this.traffic !== null || value !== 0) this.counts().outboxBytes = value;
  }

  /** Payload bytes received since the handle opened (for stats). */
  get bytesIn(): number {
    return this.traffic === null ? 0 : this.traffic.bytesIn;
  }

  set bytesIn(value: number) {
    this.counts().bytesIn = value;
  }

  /** Payload bytes queued for sending since the handle opened (for stats). */
  get bytesOut(): number {
    return this.traffic === null ? 0 : this.traffic.bytesOut;
  }

  set bytesOut(value: number) {
    this.counts().bytesOut = value;
  }

  private counts(): Traffic {
    return (this.traffic ??= new Traffic());
  }

  /** Pull-only handles (Scripter's Rift sockets) never put events on the shared queue. */
  get pullOnly(): boolean {
    return (this.flags & PULL_ONLY) !== 0;
  }

  /** The terminal event has been queued; nothing more happens on this handle. */
  get finished(): boolean {
    return (this.flags & FINISHED) !== 0;
  }

  set finished(value: boolean) {
    this.setFlag(FINISHED, value);
  }

  /** Gone from the table: behaves as unknown from now on. */
  get released(): boolean {
    return (this.flags & RELEASED) !== 0;
  }

  set released(value: boolean) {
    this.setFlag(RELEASED, value);
  }

  /** Reading is paused until the script drains the inbox. */
  get readingPaused(): boolean {
    return (this.flags & READING_PAUSED) !== 0;
  }

  set readingPaused(value: boolean) {
    this.setFlag(READING_PAUSED, value);
  }

  /** Reading is paused until the runtime's download budget is back. */
  get throttled(): boolean {
    return (this.flags & THROTTLED) !== 0;
  }

  set throttled(value: boolean) {
    this.setFlag(THROTTLED, value);
  }

  /** Payloads are being dropped for a full inbox; cleared when the script next takes one. */
  get overflowing(): boolean {
    return (this.flags & OVERFLOWING) !== 0;
  }

  set overflowing(value: boolean) {
    this.setFlag(OVERFLOWING, value);
  }

  private setFlag(bit: number, value: boolean): void {
    this.flags = value ? this.flags | bit : this.flags & ~bit;
  }
}
