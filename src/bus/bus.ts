/**
 * One runtime's side of the bus (SPEC 13): the broker connection's status,
 * the subscriptions (handles grouped by topic, one broker subscription per
 * distinct topic), the publishes of the current turn (sent together when the
 * script yields), this node's open rooms and the directory requests. It turns
 * what the driver reports into handles' events and the runtime's `node_up` /
 * `node_down`; it never imports a driver itself (its backend loads one).
 */
import { ERR } from "../core/errors.js";
import type { Handle } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import type { BusDriver, DriverFactory, RoomQuery, RoomRecord } from "./driver.js";
import { decodeEnvelope } from "./envelope.js";
import type { BusSettings } from "./options.js";
import { TurnBatch } from "./turn-batch.js";

/** The broker connection as scripts see it. */
export type BusStatus = "connecting" | "connected" | "error";

/** A subscription's state, kept on its handle. */
interface Subscription {
  key: string;
  dropped: number;
}

/** An open room's state, kept on its handle. */
class OpenRoom {
  constructor(readonly room: string) {}
}

/** The handles of one distinct subscription topic. */
interface Topic {
  handles: Set<Handle>;
  confirmed: boolean;
}

/** The bus of one runtime. */
export class Bus {
  status: BusStatus = "connecting";
  private driver: BusDriver | undefined;
  private readonly ready: Promise<BusDriver>;
  private readonly topics = new Map<string, Topic>();
  private readonly rooms = new Map<string, RoomRecord>();
  private readonly batch: TurnBatch;
  private overflowCheck: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly core: NetCore,
    private readonly platform: Platform,
    readonly settings: BusSettings,
    load: Promise<DriverFactory>,
  ) {
    this.batch = new TurnBatch(settings.nodeId);
    this.ready = load.then((create) => {
      if (this.closed) throw new Error(ERR.runtimeClosed);
      return (this.driver = create(settings, {
        connection: (up) => this.connection(up),
        message: (key, topic, payload) => this.message(key, topic, payload),
        node: (id, up) => core.notifyRuntime(up ? "node_up" : "node_down", id),
        rooms: () => [...this.rooms.values()],
      }));
    });
    this.ready.catch(() => (this.status = "error"));
  }

  /** Subscribes a new handle to `key` (a topic or a `.*` pattern); "connected" once the broker confirms. */
  subscribe(handle: Handle, key: string): void {
    handle.info = { key, dropped: 0 } satisfies Subscription;
    this.core.attach(handle, { close: () => this.unsubscribe(handle), shutdown: async () => undefined });
    const topic = this.topics.get(key);
    if (topic !== undefined) {
      topic.handles.add(handle);
      if (topic.confirmed) queueMicrotask(() => this.core.connected(handle));
      return;
    }
    const fresh: Topic = { handles: new Set([handle]), confirmed: false };
    this.topics.set(key, fresh);
    this.whenDriver((driver) => driver.subscribe(key)).then(
      () => {
        if (this.topics.get(key) !== fresh) {
          if (!this.topics.has(key)) this.driver?.unsubscribe(key);
          return;
        }
        fresh.confirmed = true;
        for (const each of fresh.handles) this.core.connected(each);
      },
      () => this.dropTopic(key, fresh),
    );
  }

  /** Queues a publish for this turn's one pipeline or write; true or an error text. */
  publish(topic: string, data: string | Uint8Array): true | string {
    if (this.status !== "connected" || this.driver === undefined) return ERR.notConnected;
    const bytes = this.bytesOf(data);
    if (bytes > this.core.limits.busMessageBytes) return ERR.messageTooLarge;
    if (this.batch.bytes + this.driver.pendingBytes() + bytes > this.core.limits.sendBufferBytes) return ERR.sendBufferFull;
    if (this.batch.count === 0) queueMicrotask(this.flush);
    this.batch.add(topic, data, bytes);
    this.core.counters.bytesOut += bytes;
    return true;
  }

  /** Bytes a payload takes, as counted against `busMessageBytes` (text as UTF-8). */
  bytesOf(data: string | Uint8Array): number {
    return typeof data === "string" ? this.platform.byteLength(data) : data.length;
  }

  /** Registers this node's room under its lease; "connected" once registered. */
  openRoom(handle: Handle, name: string, meta: unknown, address: string): void {
    const room = `${name}@${this.settings.nodeId}`;
    if (this.rooms.has(room)) return this.core.fail(handle, ERR.roomOpen);
    const record: RoomRecord = { room, node: this.settings.nodeId, address, meta };
    this.rooms.set(room, record);
    handle.info = new OpenRoom(room);
    this.core.attach(handle, { close: () => this.closeRoom(room), shutdown: async () => undefined });
    this.whenDriver((driver) => driver.putRoom(record)).then(
      () => this.core.connected(handle),
      () => undefined,
    );
  }

  /** Replaces an open room's meta in the directory. */
  setMeta(handle: Handle, meta: unknown): void {
    const room = handle.info instanceof OpenRoom ? this.rooms.get(handle.info.room) : undefined;
    if (room === undefined) return;
    const record = { ...room, meta };
    this.rooms.set(room.room, record);
    this.driver?.putRoom(record).catch(() => undefined);
  }

  /** Answers a directory request on `handle`: `room_found` with one room (`pick`) or `room_list` with all. */
  request(handle: Handle, query: RoomQuery, pick: boolean): void {
    this.core.attach(handle, { close: () => undefined, shutdown: async () => undefined });
    const timer = setTimeout(() => this.core.fail(handle, ERR.timeout), this.settings.requestMs);
    this.whenDriver((driver) => driver.findRooms(query)).then(
      (rooms) => {
        clearTimeout(timer);
        // a record payload: the event's fields, so the rooms travel as its `data`
        if (!pick) return this.core.complete(handle, "room_list", { data: rooms });
        if (rooms.length === 0) return this.core.fail(handle, ERR.notFound);
        this.core.complete(handle, "room_found", { data: rooms[Math.floor(Math.random() * rooms.length)] });
      },
      () => undefined,
    );
  }

  /** Sends what this turn published and stops; the backend's shutdown then closes the driver (lease and rooms given up). */
  close(): void {
    this.closed = true;
    clearTimeout(this.overflowCheck);
    this.flush();
  }

  /** Sends the turn's publishes together. */
  private readonly flush = (): void => {
    if (this.batch.count === 0) return;
    const bytes = this.batch.bytes;
    const batch = this.batch.take();
    if (this.status === "connected") this.driver?.publish(batch, bytes);
  };

  private whenDriver<T>(run: (driver: BusDriver) => Promise<T>): Promise<T> {
    return this.driver !== undefined ? run(this.driver) : this.ready.then(run);
  }

  private connection(up: boolean): void {
    this.status = up ? "connected" : "error";
    if (up) return;
    for (const [key, topic] of [...this.topics]) this.dropTopic(key, topic);
  }

  /** Ends every handle of a topic with "bus disconnected" and forgets it. */
  private dropTopic(key: string, topic: Topic): void {
    if (this.topics.get(key) === topic) this.topics.delete(key);
    for (const handle of topic.handles) this.core.fail(handle, ERR.busDisconnected);
  }

  private unsubscribe(handle: Handle): void {
    const key = (handle.info as Subscription).key;
    const topic = this.topics.get(key);
    if (topic === undefined || !topic.handles.delete(handle) || topic.handles.size > 0) return;
    this.topics.delete(key);
    this.driver?.unsubscribe(key);
  }

  private closeRoom(room: string): void {
    this.rooms.delete(room);
    this.driver?.dropRoom(room);
  }

  /** Hands each publish of one broker message to every handle of its subscription, counting what overflows. */
  private message(key: string, topic: string, payload: Uint8Array): void {
    const handles = this.topics.get(key)?.handles;
    const envelope = handles === undefined ? undefined : decodeEnvelope(payload);
    if (handles === undefined || envelope === undefined) return;
    const { from, arrivals } = envelope;
    const limit = this.core.limits.busQueueMessages;
    for (const { data, bytes } of arrivals) {
      if (bytes > this.core.limits.busMessageBytes) continue;
      for (const handle of handles) {
        if (handle.status !== "connected") continue;
        const sub = handle.info as Subscription;
        if ((handle.inbox?.length ?? 0) >= limit) {
          if (sub.dropped++ === 0) this.watchOverflow();
          continue;
        }
        this.reportOverflow(handle, sub);
        this.core.deliver(handle, "bus_message", { type: "bus_message", handle: handle.id, data, topic, from }, bytes);
      }
    }
  }

  /** Queues one "bus_overflow" with the burst's count once the script has taken a message of the subscription. */
  private reportOverflow(handle: Handle, sub: Subscription): boolean {
    if (sub.dropped === 0) return false;
    if ((handle.inbox?.length ?? 0) >= this.core.limits.busQueueMessages) return true;
    this.core.notify(handle, "bus_overflow", sub.dropped);
    sub.dropped = 0;
    return false;
  }

  /** Reports bursts no later message follows, on a short timer while any is unreported. */
  private watchOverflow(): void {
    if (this.overflowCheck !== undefined || this.closed) return;
    this.overflowCheck = setTimeout(() => {
      this.overflowCheck = undefined;
      let waiting = false;
      for (const topic of this.topics.values()) {
        for (const handle of topic.handles) waiting = this.reportOverflow(handle, handle.info as Subscription) || waiting;
      }
      if (waiting) this.watchOverflow();
    }, 20);
  }
}
