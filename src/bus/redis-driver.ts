/**
 * The Redis driver (ioredis). Two connections: one subscriber, one for
 * commands. Keys under the prefix: `nodes` (a set of node ids), `lease:<id>`
 * (one key per node, set with PX and renewed every third of the lease, since
 * Redis 7.0 has no per-field expiry) and `rooms:<id>` (a hash of the node's
 * rooms, expiring with its lease). Every node reads the leases every sixth
 * of a lease, so a dead node's lapse is seen within `leaseMs * 7 / 6`. After
 * a reconnect (a restarted Redis is empty) the node registers its lease and
 * rooms again. Messages go to channel `<prefix>:m:<topic>`; a `.*`
 * subscription is a PSUBSCRIBE of `<prefix>:m:<base>.*`.
 */
import { Redis } from "ioredis";
import { matchesQuery, type BusDriver, type DriverHooks, type Outgoing, type RoomQuery, type RoomRecord } from "./driver.js";
import { NodeSet } from "./nodes.js";
import type { BusSettings } from "./options.js";
import { patternBase } from "./topic.js";

/** The bus over one Redis server. */
class RedisDriver implements BusDriver {
  private readonly cmd: Redis;
  private readonly sub: Redis;
  private readonly channel: string;
  private readonly nodes: NodeSet;
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private up = false;
  private everUp = false;
  private closing = false;
  private pending = 0;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly settings: BusSettings,
    private readonly hooks: DriverHooks,
  ) {
    const options = {
      autoResubscribe: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (times: number) => Math.min(50 * times, 1000),
    };
    const url = settings.url.href;
    this.cmd = new Redis(url, options);
    this.sub = new Redis(url, options);
    this.channel = `${settings.prefix}:m:`;
    this.nodes = new NodeSet(settings.nodeId, settings.leaseMs, hooks.node);
    for (const client of [this.cmd, this.sub]) {
      client.on("ready", () => this.changed());
      client.on("close", () => this.changed());
      client.on("error", () => undefined);
    }
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) => this.deliver(channel, channel, message));
    this.sub.on("pmessageBuffer", (pattern: string, channel: Buffer, message: Buffer) => this.deliver(pattern, channel, message));
    this.timers.push(setInterval(() => this.renew(), settings.leaseMs / 3), setInterval(() => this.watch(), settings.leaseMs / 6));
    for (const timer of this.timers) timer.unref();
  }

  subscribe(key: string): Promise<void> {
    const base = patternBase(key);
    const send = () => (base === undefined ? this.sub.subscribe(this.channel + key) : this.sub.psubscribe(`${this.channel}${base}.*`));
    // sent at once when connected, so an unsubscribe later in the same turn goes after it
    return (this.up ? send() : this.whenUp().then(send)).then(() => undefined);
  }

  unsubscribe(key: string): void {
    if (!this.up) return;
    const base = patternBase(key);
    const done = base === undefined ? this.sub.unsubscribe(this.channel + key) : this.sub.punsubscribe(`${this.channel}${base}.*`);
    done.catch(() => undefined);
  }

  publish(batch: Outgoing[], bytes: number): void {
    this.pending += bytes;
    const settle = () => void (this.pending -= bytes);
    if (batch.length === 1) return void this.cmd.publish(this.channel + batch[0].topic, wirePayload(batch[0].payload)).then(settle, settle);
    const pipeline = this.cmd.pipeline();
    for (const { topic, payload } of batch) pipeline.publish(this.channel + topic, wirePayload(payload));
    pipeline.exec().then(settle, settle);
  }

  pendingBytes(): number {
    return this.pending;
  }

  async putRoom(record: RoomRecord): Promise<void> {
    await this.whenUp();
    await this.cmd.pipeline().hset(this.key("rooms"), record.room, JSON.stringify(record)).pexpire(this.key("rooms"), this.settings.leaseMs).exec();
  }

  dropRoom(room: string): void {
    if (this.up) this.cmd.hdel(this.key("rooms"), room).catch(() => undefined);
  }

  async findRooms(query: RoomQuery): Promise<RoomRecord[]> {
    const ids = query.node !== undefined ? [query.node] : await this.cmd.smembers(this.key("nodes"));
    const pipeline = this.cmd.pipeline();
    for (const id of ids) pipeline.exists(this.key("lease", id)).hvals(this.key("rooms", id));
    const replies = (await pipeline.exec()) ?? [];
    const found: RoomRecord[] = [];
    for (let i = 0; i < ids.length; i++) {
      if (replies[2 * i]?.[1] !== 1) continue;
      for (const json of (replies[2 * i + 1]?.[1] as string[] | undefined) ?? []) {
        const record = JSON.parse(json) as RoomRecord;
        if (matchesQuery(record, query)) found.push(record);
      }
    }
    return found;
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    if (this.up) {
      await this.cmd.pipeline().del(this.key("lease"), this.key("rooms")).srem(this.key("nodes"), this.settings.nodeId).exec().catch(() => undefined);
    }
    await Promise.all([this.cmd, this.sub].map((client) => client.quit().catch(() => client.disconnect())));
  }

  private key(kind: "nodes" | "lease" | "rooms", id = this.settings.nodeId): string {
    return kind === "nodes" ? `${this.settings.prefix}:nodes` : `${this.settings.prefix}:${kind}:${id}`;
  }

  private whenUp(): Promise<void> {
    return this.up ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Follows both connections: up when both are ready, down when either closes. */
  private changed(): void {
    const up = !this.closing && this.cmd.status === "ready" && this.sub.status === "ready";
    if (up === this.up) return;
    this.up = up;
    if (up) {
      if (this.everUp) this.nodes.reconnected();
      this.everUp = true;
      this.register();
    }
    this.hooks.connection(up);
    if (up) for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Writes the lease and every open room (after connecting, and again after an outage). */
  private register(): void {
    const pipeline = this.cmd.pipeline().sadd(this.key("nodes"), this.settings.nodeId);
    for (const record of this.hooks.rooms()) pipeline.hset(this.key("rooms"), record.room, JSON.stringify(record));
    this.lease(pipeline).exec().then(() => this.watch(), () => undefined);
  }

  private renew(): void {
    if (this.up) this.lease(this.cmd.pipeline().sadd(this.key("nodes"), this.settings.nodeId)).exec().catch(() => undefined);
  }

  private lease(pipeline: ReturnType<Redis["pipeline"]>): ReturnType<Redis["pipeline"]> {
    return pipeline.set(this.key("lease"), "1", "PX", this.settings.leaseMs).pexpire(this.key("rooms"), this.settings.leaseMs);
  }

  /** Reads every registered node's lease: new ones come up, lapsed ones go down and leave the set. */
  private async watch(): Promise<void> {
    if (!this.up) return;
    try {
      const ids = await this.cmd.smembers(this.key("nodes"));
      const pipeline = this.cmd.pipeline();
      for (const id of ids) pipeline.exists(this.key("lease", id));
      const replies = (await pipeline.exec()) ?? [];
      const live = ids.filter((_, i) => replies[i]?.[1] === 1);
      this.nodes.reconcile(live);
      const lapsed = ids.filter((_, i) => replies[i]?.[1] === 0);
      if (lapsed.length > 0) await this.cmd.srem(this.key("nodes"), ...lapsed);
    } catch {
      // the connection dropped mid-read: the next watch after reconnecting reads again
    }
  }

  private deliver(key: Buffer | string, channel: Buffer, message: Buffer): void {
    const prefix = this.channel.length;
    const topic = channel.toString("latin1", prefix);
    this.hooks.message(typeof key === "string" ? key.slice(prefix) : topic, topic, message);
  }
}

/** A payload as ioredis takes it: text stays text (written as UTF-8 by the client), bytes become a Buffer view. */
function wirePayload(payload: string | Uint8Array): string | Buffer {
  return typeof payload === "string" ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.length);
}

/** Creates the Redis driver; it starts connecting at once. */
export function createRedisDriver(settings: BusSettings, hooks: DriverHooks): BusDriver {
  return new RedisDriver(settings, hooks);
}
