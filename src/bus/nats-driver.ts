/**
 * The NATS driver (@nats-io/transport-node, core NATS). NATS 2.9 has no
 * per-key expiry, so leases are heartbeats: every node publishes its id on
 * `<prefix>._hb` every quarter lease and counts a node down once it has not
 * been heard for a whole lease (checked every twelfth of one), answers a
 * newcomer's first beat with its own, and says goodbye on `<prefix>._bye` when it closes. The room directory is
 * request/reply answered by the owners: a query on `<prefix>._rooms` is
 * answered by every node from its open rooms on the asker's
 * `<prefix>._reply.<id>`, so a dead node's rooms vanish with it. Messages go
 * to `<prefix>.m.<topic>`; a `.*` subscription is `<prefix>.m.<base>.>`.
 */
import { connect } from "@nats-io/transport-node";
import type { NatsConnection, Subscription } from "@nats-io/transport-node";
import { matchesQuery, type BusDriver, type DriverHooks, type Outgoing, type RoomQuery, type RoomRecord } from "./driver.js";
import { NodeSet } from "./nodes.js";
import type { BusSettings } from "./options.js";
import { patternBase } from "./topic.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const RETRY_MS = 250;

/** One room query this node is waiting on. */
interface Query {
  expected: Set<string>;
  found: RoomRecord[];
  done: (rooms: RoomRecord[]) => void;
}

/** The bus over one NATS server. */
class NatsDriver implements BusDriver {
  private nc: NatsConnection | undefined;
  private readonly subs = new Map<string, Subscription>();
  private readonly nodes: NodeSet;
  private readonly heard = new Map<string, number>();
  private readonly queries = new Map<number, Query>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private readonly subject: string;
  private nextQuery = 1;
  private up = false;
  private closing = false;
  private waiting: (() => void)[] = [];

  constructor(
    private readonly settings: BusSettings,
    private readonly hooks: DriverHooks,
  ) {
    this.subject = `${settings.prefix}.m.`;
    this.nodes = new NodeSet(settings.nodeId, settings.leaseMs, hooks.node);
    this.timers.push(setInterval(() => this.beat(), settings.leaseMs / 4), setInterval(() => this.check(), settings.leaseMs / 12));
    for (const timer of this.timers) timer.unref();
    void this.dial();
  }

  subscribe(key: string): Promise<void> {
    // sent at once when connected, so an unsubscribe later in the same turn goes after it
    return this.up ? this.subscribeNow(key) : this.whenUp().then(() => this.subscribeNow(key));
  }

  private subscribeNow(key: string): Promise<void> {
    const nc = this.nc as NatsConnection;
    const base = patternBase(key);
    const start = this.subject.length;
    const sub = nc.subscribe(base === undefined ? this.subject + key : `${this.subject}${base}.>`, {
      callback: (error, msg) => {
        if (error === null) this.hooks.message(key, msg.subject.slice(start), msg.data);
      },
    });
    this.subs.get(key)?.unsubscribe();
    this.subs.set(key, sub);
    return nc.flush();
  }

  unsubscribe(key: string): void {
    this.subs.get(key)?.unsubscribe();
    this.subs.delete(key);
  }

  publish(batch: Outgoing[]): void {
    const nc = this.nc;
    if (nc === undefined) return;
    for (const message of batch) nc.publish(this.subject + message.topic, message.payload);
  }

  pendingBytes(): number {
    return 0;
  }

  putRoom(): Promise<void> {
    return this.whenUp();
  }

  dropRoom(): void {
    // the directory is this node's open rooms: nothing to remove elsewhere
  }

  findRooms(query: RoomQuery): Promise<RoomRecord[]> {
    const own = this.hooks.rooms().filter((record) => matchesQuery(record, query));
    const others = this.nodes.ids().filter((id) => query.node === undefined || id === query.node);
    if (others.length === 0 || this.nc === undefined) return Promise.resolve(own);
    return new Promise((resolve) => {
      const id = this.nextQuery++;
      const finish = (rooms: RoomRecord[]) => {
        clearTimeout(timer);
        this.queries.delete(id);
        resolve(rooms);
      };
      const timer = setTimeout(() => finish(own.concat(this.queries.get(id)?.found ?? [])), this.settings.requestMs / 2);
      this.queries.set(id, { expected: new Set(others), found: [], done: (found) => finish(own.concat(found)) });
      this.send("_rooms", { id, from: this.settings.nodeId, ...query });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearInterval(timer);
    const nc = this.nc;
    if (nc === undefined) return;
    if (this.up) this.send("_bye", this.settings.nodeId);
    await nc.close().catch(() => undefined);
  }

  /** Connects, retrying until it works or the driver closes. */
  private async dial(): Promise<void> {
    const server = `${this.settings.url.hostname}:${this.settings.url.port || 4222}`;
    while (!this.closing) {
      try {
        const nc = await connect({ servers: server, maxReconnectAttempts: -1, reconnectTimeWait: RETRY_MS, timeout: 2000 });
        if (this.closing) return void nc.close().catch(() => undefined);
        this.nc = nc;
        this.listen(nc);
        void this.follow(nc);
        this.send("_hb", this.settings.nodeId);
        // every node beats each quarter lease (and answers a newcomer at once): after one, this node knows them all
        setTimeout(() => this.changed(true), this.settings.leaseMs / 4);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  /** The internal subscriptions, resubscribed by the client after a reconnect. */
  private listen(nc: NatsConnection): void {
    const on = (name: string, handle: (data: string) => void) =>
      nc.subscribe(`${this.settings.prefix}.${name}`, {
        callback: (error, msg) => {
          try {
            if (error === null) handle(decoder.decode(msg.data));
          } catch {
            // a message no tickwire node sent: ignored
          }
        },
      });
    on("_hb", (id) => {
      const known = this.heard.has(id);
      this.heard.set(id, Date.now());
      this.nodes.see(id);
      if (!known && id !== this.settings.nodeId) this.send("_hb", this.settings.nodeId);
    });
    on("_bye", (id) => {
      this.heard.delete(id);
      this.nodes.leave(id);
    });
    on("_rooms", (json) => this.answer(JSON.parse(json) as RoomQuery & { id: number; from: string }));
    on(`_reply.${this.settings.nodeId}`, (json) => this.collect(JSON.parse(json) as { id: number; node: string; rooms: RoomRecord[] }));
  }

  /** Follows the client's status: a disconnect drops every script subscription, a reconnect brings the lease back. */
  private async follow(nc: NatsConnection): Promise<void> {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") this.changed(false);
      if (status.type === "reconnect") {
        this.nodes.reconnected();
        this.changed(true);
      }
    }
  }

  private changed(up: boolean): void {
    if (up === this.up || this.closing) return;
    this.up = up;
    if (!up) {
      for (const sub of this.subs.values()) sub.unsubscribe();
      this.subs.clear();
    }
    this.hooks.connection(up);
    if (up) {
      this.beat();
      for (const resolve of this.waiting.splice(0)) resolve();
    }
  }

  private whenUp(): Promise<void> {
    return this.up ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  private answer(query: RoomQuery & { id: number; from: string }): void {
    if (query.from === this.settings.nodeId) return;
    const rooms = this.hooks.rooms().filter((record) => matchesQuery(record, query));
    this.send(`_reply.${query.from}`, { id: query.id, node: this.settings.nodeId, rooms });
  }

  private collect(reply: { id: number; node: string; rooms: RoomRecord[] }): void {
    const query = this.queries.get(reply.id);
    if (query === undefined) return;
    query.found.push(...reply.rooms);
    query.expected.delete(reply.node);
    if (query.expected.size === 0) query.done(query.found);
  }

  private beat(): void {
    if (this.up) this.send("_hb", this.settings.nodeId);
  }

  /** Counts a node down once it has not been heard for a whole lease. */
  private check(): void {
    if (!this.up) return;
    const since = Date.now() - this.settings.leaseMs;
    for (const [id, at] of this.heard) if (at < since) this.heard.delete(id);
    this.nodes.reconcile(this.heard.keys());
  }

  private send(name: string, body: unknown): void {
    try {
      this.nc?.publish(`${this.settings.prefix}.${name}`, encoder.encode(typeof body === "string" ? body : JSON.stringify(body)));
    } catch {
      // a closed connection: the status follower reports it
    }
  }
}

/** Creates the NATS driver; it starts connecting at once. */
export function createNatsDriver(settings: BusSettings, hooks: DriverHooks): BusDriver {
  return new NatsDriver(settings, hooks);
}
