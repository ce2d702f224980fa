/**
 * The heart of a runtime: the handle table, the one event queue, and the
 * per-turn send batching. Protocol backends report what happened through
 * `attach`, `connected`, `bound`, `deliver`, `notify`, `overflow`, and the
 * terminal `fail`, `finish` and `complete`; the script-facing APIs read
 * through `poll`, `take` (and `putBack` for a partly read chunk) and `send`.
 * It imports nothing from Node (docs/design.md, rules 1-15).
 */
import { Bandwidth } from "./bandwidth.js";
import { Deque } from "./deque.js";
import { ERR, errorText } from "./errors.js";
import type { NetEvent, NoticeEventType, PayloadEventType, TerminalEventType } from "./events.js";
import { Handle, QueuedEvent, type HandleKind, type HandleStatus, type Payload, type PayloadRecord, type Transport } from "./handle.js";
import { LastResult } from "./last-result.js";
import type { RuntimeLimits } from "./limits.js";
import { StatsCounters } from "./counters.js";
import { RUN_PIECE_CHARS, RUN_ROOM, TextRun } from "./text-run.js";

/** TCP chunks of one handle merge into the newest undelivered one up to this size. */
const MERGE_LIMIT = 64 * 1024;

/** The connection kinds of a runtime's protocols, each with the limit it counts against besides `maxConnections`. */
export type ConnectionQuotas = ReadonlyMap<HandleKind, string>;

/** The handle table, event queue and send batching of one runtime. */
export class NetCore {
  private readonly table = new Map<number, Handle>();
  private readonly queue = new Deque<QueuedEvent>();
  private readonly finishedOrder = new Deque<Handle>();
  private finishedCount = 0;
  private compactAt: number;
  private nextId = 1;
  private dirty: Handle[] = [];
  /** Small texts of this turn to one handle, counted together when the run ends (text-run.ts). */
  private textRun: TextRun | null = null;
  /** The UTF-8 size of the last big text measured. */
  private readonly bigTextBytes = new LastResult<string, number>();
  private openConnections = 0;
  private readonly openByQuota = new Map<string, number>();
  /** Handle 0: the runtime itself, for events about it such as `node_up`. */
  private readonly runtimeHandle = new Handle(0, "runtime", "connected", false);
  /** The runtime's upload and download budgets. */
  readonly bandwidth: Bandwidth;
  /** Set once the runtime is closing: new handles fail at once. */
  closed = false;
  /** Traffic totals for `runtime.stats()`. */
  readonly counters = new StatsCounters();

  constructor(
    readonly limits: RuntimeLimits,
    private readonly quotas: ConnectionQuotas = new Map(),
  ) {
    this.compactAt = 4 * limits.retainedHandles + 1024;
    this.bandwidth = new Bandwidth(limits);
  }

  /** Creates a handle with a fresh id; connections count against `maxConnections`. */
  open(kind: HandleKind, status: HandleStatus, pullOnly = false): Handle {
    const handle = new Handle(this.nextId++, kind, status, pullOnly);
    this.table.set(handle.id, handle);
    this.countConnection(kind, 1);
    return handle;
  }

  /** True when another connection of `kind` would pass `maxConnections` or its kind's quota. */
  atConnectionLimit(kind: HandleKind): boolean {
    const quota = this.quotas.get(kind);
    if (quota !== undefined && (this.openByQuota.get(quota) ?? 0) >= this.limits[quota]) return true;
    return this.openConnections >= this.limits.maxConnections;
  }

  /** The live handle with this id, or undefined for anything else (never throws). */
  get(id: unknown): Handle | undefined {
    return typeof id === "number" ? this.table.get(id) : undefined;
  }

  /** Every handle in the table, lowest id first. */
  handles(): IterableIterator<Handle> {
    return this.table.values();
  }

  /** Number of handles in the table (open and retained). */
  get size(): number {
    return this.table.size;
  }

  /** Number of events waiting, counting ones whose payload was already pulled. */
  get queued(): number {
    return this.queue.length;
  }

  /** Attaches a backend's transport to a handle. */
  attach(handle: Handle, transport: Transport): void {
    if (handle.released) return;
    handle.transport = transport;
  }

  /** A connection is up: status "connected", and its "connected" event queued. */
  connected(handle: Handle): void {
    if (handle.finished || handle.released) return;
    handle.status = "connected";
    if (!handle.pullOnly) this.pushEvent(new QueuedEvent("connected", handle, undefined, 0));
  }

  /** Queues a notice about the runtime itself (handle 0), such as another bus node coming up. */
  notifyRuntime(type: NoticeEventType, data: string): void {
    if (!this.closed) this.notify(this.runtimeHandle, type, data);
  }

  /** A listener's socket is bound: "opening" becomes "listening", with no event (the status says it). */
  bound(handle: Handle): void {
    if (handle.finished || handle.released) return;
    handle.status = "listening";
  }

  /** Queues a non-terminal event that carries no payload to take (such as "udp_dropped"); the status stays. */
  notify(handle: Handle, type: NoticeEventType, data: string | number): void {
    if (handle.finished || handle.released || handle.pullOnly) return;
    this.pushEvent(new QueuedEvent(type, handle, data, 0));
  }

  /** Notes a payload dropped for a full inbox: the first drop of a burst queues `type`; the script's next take ends the burst. */
  overflow(handle: Handle, type: NoticeEventType, data: string): void {
    if (handle.overflowing) return;
    handle.overflowing = true;
    this.notify(handle, type, data);
  }

  /** Stores a payload for the script: on the queue and in the handle's inbox, taken once by either. An object payload is the whole event record, handed over as it is. */
  deliver(handle: Handle, type: PayloadEventType, data: Payload, bytes: number): void {
    if (handle.finished || handle.released) {
      if (type === "accepted") this.discard(data as number);
      return;
    }
    const inbox = (handle.inbox ??= new Deque());
    handle.inboxBytes += bytes;
    handle.bytesIn += bytes;
    this.counters.bytesIn += bytes;
    const tail = type === "data" ? inbox.last() : undefined;
    if (tail !== undefined && tail.bytes < MERGE_LIMIT && typeof data === "string") {
      tail.data = (tail.data as string) + data;
      tail.bytes += bytes;
    } else {
      const event = new QueuedEvent(type, handle, data, bytes);
      inbox.push(event);
      if (!handle.pullOnly) this.pushEvent(event);
    }
    if (handle.inboxBytes > this.limits.recvBufferBytes && !handle.readingPaused && handle.transport) {
      handle.readingPaused = true;
      handle.transport.pause?.();
    }
    if (this.bandwidth.received(bytes) && !handle.throttled && handle.transport) {
      handle.throttled = true;
      handle.transport.pause?.();
      this.bandwidth.whenDownloadAvailable(() => this.unthrottle(handle));
    }
  }

  /** Resumes a handle paused for the download budget, unless it is still paused for its receive buffer. */
  private unthrottle(handle: Handle): void {
    handle.throttled = false;
    if (!handle.readingPaused) handle.transport?.resume?.();
  }

  /** Ends a handle in error with `why`: status "error" and its one terminal "error" event. */
  fail(handle: Handle, why: string): void {
    this.end(handle, "error", "error", why);
  }

  /** Ends a connection or listener as closed (with the close code and reason of a WebSocket). */
  finish(handle: Handle, close?: { code: number; reason: string }): void {
    this.end(handle, "closed", "closed", undefined, close);
  }

  /** Ends a request with its answer: status "done" and its one terminal event (`"http_done"`, or a protocol's own with the answer's fields). */
  complete(handle: Handle, type: TerminalEventType = "http_done", fields?: PayloadRecord): void {
    this.end(handle, "done", type, fields === undefined ? undefined : { type, handle: handle.id, ...fields });
  }

  /** Ends a handle with its one terminal event; later calls for the same handle do nothing. */
  private end(
    handle: Handle,
    status: HandleStatus,
    type: TerminalEventType,
    data?: string | PayloadRecord,
    extra?: { code: number; reason: string },
  ): void {
    if (handle.finished || handle.released) return;
    handle.finished = true;
    handle.status = status;
    if (type === "error") handle.error = data as string;
    handle.transport = null;
    if (this.textRun?.handle === handle) this.countQueuedText();
    handle.outbox = null;
    handle.outboxBytes = 0;
    this.countConnection(handle.kind, -1);
    if (type === "error") this.counters.noteError(handle.id, handle.kind, (data as string | undefined) ?? "");
    if (!handle.pullOnly) this.pushEvent(new QueuedEvent(type, handle, data, 0, extra));
    this.finishedOrder.push(handle);
    this.finishedCount++;
    while (this.finishedCount > this.limits.retainedHandles) {
      const oldest = this.finishedOrder.shift();
      if (oldest !== undefined && !oldest.released) this.release(oldest);
    }
  }

  /** Pops the oldest event for the script, skipping payloads already pulled and released handles. */
  poll(): NetEvent | undefined {
    for (;;) {
      const event = this.queue.shift();
      if (event === undefined) return undefined;
      if (event.taken || event.handle.released) continue;
      if (event.handle.inbox?.peek() === event) this.take(event.handle);
      event.taken = true;
      return toRecord(event);
    }
  }

  /** Pops a handle's oldest undelivered payload (the pull path), or undefined. */
  take(handle: Handle): Payload | undefined {
    const event = handle.inbox?.shift();
    if (event === undefined) return undefined;
    event.taken = true;
    handle.overflowing = false;
    handle.inboxBytes -= event.bytes;
    if (handle.readingPaused && handle.inboxBytes <= this.limits.recvBufferBytes / 2) {
      handle.readingPaused = false;
      if (!handle.throttled) handle.transport?.resume?.();
    }
    return event.data as Payload;
  }

  /** Puts the unread rest of a payload taken by `take` back at the front of a pull-only handle's inbox. */
  putBack(handle: Handle, data: Payload, bytes: number): void {
    if (handle.released || !handle.pullOnly) return;
    (handle.inbox ??= new Deque()).unshift(new QueuedEvent("data", handle, data, bytes));
    handle.inboxBytes += bytes;
  }

  /** Queues a send for this turn's single write; returns true or an error text. */
  send(handle: Handle, data: Payload, bytes: number): true | string {
    if (this.textRun?.handle === handle) this.countQueuedText();
    if (handle.status === "connecting") return ERR.notConnected;
    const transport = handle.transport;
    if (handle.finished || transport === null) return ERR.closed;
    if (bytes > this.sendRoom(handle)) return ERR.sendBufferFull;
    if (!this.bandwidth.trySend(bytes)) return ERR.rateLimited;
    if (handle.outbox === null) {
      handle.outbox = [];
      if (this.dirty.push(handle) === 1) queueMicrotask(this.flush);
    }
    handle.outbox.push(data);
    handle.outboxBytes += bytes;
    handle.bytesOut += bytes;
    this.counters.bytesOut += bytes;
    return true;
  }

  /** Queues a text send as `send` does; in a run of small texts to one handle, the UTF-8 size is counted once for the run. */
  sendText(handle: Handle, text: string, measure: (text: string) => number): true | string {
    const run = this.textRun;
    if (run !== null && run.handle === handle && run.admits(text, this.sendRoom(handle))) {
      (handle.outbox as Payload[]).push(text);
      run.chars += text.length;
      return true;
    }
    // a text that cannot fit even at one byte per UTF-16 unit (none is shorter in UTF-8) is refused unmeasured
    const bytes = text.length > this.sendRoom(handle) ? text.length : this.textBytes(text, measure);
    const sent = this.send(handle, text, bytes);
    if (sent === true && text.length <= RUN_PIECE_CHARS && this.bandwidth.uploadUnlimited && this.sendRoom(handle) >= RUN_ROOM) {
      this.countQueuedText();
      const outbox = handle.outbox as Payload[];
      this.textRun = new TextRun(handle, outbox.length - 1, measure, bytes);
    }
    return sent;
  }

  /** The UTF-8 size of a text; a text too big for a run sent again (a snapshot to every client) is not measured again. */
  private textBytes(text: string, measure: (text: string) => number): number {
    return text.length <= RUN_PIECE_CHARS ? measure(text) : this.bigTextBytes.of(text, measure);
  }

  /** Ends the open text run, adding its UTF-8 size to its handle's queued and sent bytes (before a write or a stats read). */
  countQueuedText(): void {
    const run = this.textRun;
    if (run === null) return;
    this.textRun = null;
    const bytes = run.close();
    run.handle.outboxBytes += bytes;
    run.handle.bytesOut += bytes;
    this.counters.bytesOut += bytes;
  }

  /** Bytes a handle may still queue before its send buffer is full. */
  private sendRoom(handle: Handle): number {
    return this.limits.sendBufferBytes - handle.outboxBytes - (handle.transport?.pendingBytes?.() ?? 0);
  }

  /** Writes every connection's queued sends, one write per connection (runs when the script yields). */
  readonly flush = (): void => {
    const dirty = this.dirty;
    this.dirty = [];
    for (const handle of dirty) this.flushHandle(handle);
  };

  /** Writes one handle's queued sends now (before a local close). */
  flushHandle(handle: Handle): void {
    if (this.textRun?.handle === handle) this.countQueuedText();
    const chunks = handle.outbox;
    if (chunks === null) return;
    const bytes = handle.outboxBytes;
    handle.outbox = null;
    handle.outboxBytes = 0;
    try {
      handle.transport?.write?.(chunks, bytes);
    } catch (error) {
      this.fail(handle, errorText(error));
    }
  }

  /** A script's close: an open handle closes (the transport may end it itself, as a cancelled request does); a finished one is released. */
  closeLocal(handle: Handle, code?: number, reason?: string): void {
    if (handle.finished) return this.release(handle);
    this.flushHandle(handle);
    const sent = handle.transport?.close(code, reason);
    this.finish(handle, sent ?? undefined);
  }

  /** Forgets a handle: it behaves as unknown from now on, and its queued events are skipped. */
  release(handle: Handle): void {
    if (handle.released) return;
    if (!handle.finished) this.finish(handle);
    handle.released = true;
    handle.info = undefined;
    const inbox = handle.inbox;
    handle.inbox = null;
    handle.inboxBytes = 0;
    for (let event = inbox?.shift(); event !== undefined; event = inbox?.shift()) {
      if (event.type === "accepted" && !event.taken) this.discard(event.data as number);
    }
    this.finishedCount--;
    this.table.delete(handle.id);
    if (this.finishedOrder.length > 2 * this.limits.retainedHandles + 1024) {
      this.finishedOrder.retain((finished) => !finished.released);
    }
  }

  /** Tears down an accepted client the script can never learn of (its listener is gone): no event, socket destroyed. */
  private discard(id: number): void {
    const client = this.table.get(id);
    if (client === undefined) return;
    const transport = client.transport;
    this.release(client);
    void transport?.shutdown();
  }

  /** Closes every handle's socket (each transport may end its handle first) and resolves when all are gone. */
  async shutdown(): Promise<void> {
    this.closed = true;
    this.bandwidth.stop();
    this.flush();
    const gone: Promise<void>[] = [];
    for (const handle of this.table.values()) {
      const transport = handle.transport;
      if (transport === null) continue;
      gone.push(transport.shutdown());
      this.finish(handle);
    }
    await Promise.all(gone);
  }

  private countConnection(kind: HandleKind, change: 1 | -1): void {
    const quota = this.quotas.get(kind);
    if (quota === undefined) return;
    this.openConnections += change;
    this.openByQuota.set(quota, (this.openByQuota.get(quota) ?? 0) + change);
  }

  private pushEvent(event: QueuedEvent): void {
    this.queue.push(event);
    this.counters.events++;
    if (this.queue.length > this.compactAt) {
      this.queue.retain((queued) => !queued.taken && !queued.handle.released);
      this.compactAt = Math.max(this.compactAt, 2 * this.queue.length);
    }
  }
}

function toRecord(event: QueuedEvent): NetEvent {
  const handle = event.handle.id;
  if (event.extra !== undefined) {
    return { type: "closed", handle, code: event.extra.code, reason: event.extra.reason };
  }
  if (event.data === undefined) return { type: event.type, handle } as NetEvent;
  if (typeof event.data === "object" && !(event.data instanceof Uint8Array)) return event.data as unknown as NetEvent;
  return { type: event.type, handle, data: event.data } as NetEvent;
}
