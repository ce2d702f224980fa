/**
 * The event-order rules every reliability test checks (docs/design.md, rules 5-8): per handle,
 * "connected" before any data, nothing after the one terminal event, at most
 * one terminal event, and no event at all for a handle already released.
 * A ledger records what `net.poll_event()` gave and says what broke a rule.
 */
import type { Net, NetEvent } from "../../src/index.js";

const TERMINAL = new Set(["closed", "error", "http_done", "room_found", "room_list"]);
const EVENT_TYPES = new Set(["connected", "data", "message", "accepted", "http_done", "error", "closed", "datagram", "udp_dropped", "bus_message", "bus_overflow", "room_found", "room_list"]);

/** Events kept per handle; older ones are counted but let go, so long-lived listeners stay small in soak runs. */
const KEPT_PER_HANDLE = 256;

/** What the ledger knows of one handle. */
interface Entry {
  /** The newest events (at most KEPT_PER_HANDLE). */
  events: NetEvent[];
  /** Every event seen, kept or not. */
  count: number;
  terminal: NetEvent | undefined;
}

/** A set of handle ids as a growable bitset, so that soak runs over 100,000 handles stay small. */
class HandleSet {
  private bits = new Uint8Array(1024);

  add(id: number): void {
    if (id >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (id >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[id >> 3] |= 1 << (id & 7);
  }

  has(id: number): boolean {
    return Number.isInteger(id) && id >= 0 && (this.bits[id >> 3] & (1 << (id & 7))) !== 0;
  }
}

/** Records every event of a runtime and checks the ordering rules as they arrive. */
export class EventLedger {
  private readonly entries = new Map<number, Entry>();
  /** Handles released (closed after they finished, or found unknown): no event may follow. */
  private readonly released = new HandleSet();
  readonly problems: string[] = [];

  constructor(private readonly net: Net) {}

  /** Drains the queue into the ledger; returns the events drained. */
  drain(): NetEvent[] {
    const drained: NetEvent[] = [];
    for (let event = this.net.poll_event(); event !== undefined; event = this.net.poll_event()) {
      this.record(event);
      drained.push(event);
    }
    return drained;
  }

  /** Checks one event against the rules and files it under its handle. */
  record(event: NetEvent): void {
    if ((event?.type === "node_up" || event?.type === "node_down") && event.handle === 0) {
      if (typeof event.data !== "string" || event.data.length === 0) this.problems.push(`${describe(event)} without a node id`);
      return;
    }
    if (typeof event !== "object" || event === null || !EVENT_TYPES.has(event.type)) {
      return void this.problems.push(`malformed event ${JSON.stringify(event)}`);
    }
    if (!Number.isInteger(event.handle) || event.handle <= 0) this.problems.push(`bad handle in ${describe(event)}`);
    if (this.released.has(event.handle)) this.problems.push(`${describe(event)} after handle ${event.handle} was released`);
    const entry = this.entry(event.handle);
    if (entry.terminal !== undefined) {
      this.problems.push(`${describe(event)} after terminal ${describe(entry.terminal)}`);
    }
    if (TERMINAL.has(event.type)) entry.terminal ??= event;
    if (event.type === "connected" && entry.count > 0) this.problems.push(`${describe(event)} not first`);
    if (event.type === "error" && (typeof event.data !== "string" || event.data.length === 0)) {
      this.problems.push(`${describe(event)} without an error text`);
    }
    if (event.type === "datagram" && typeof event.from !== "string") this.problems.push(`${describe(event)} without a sender`);
    entry.count++;
    entry.events.push(event);
    if (entry.events.length > KEPT_PER_HANDLE) entry.events.shift();
  }

  /** Marks a handle as released: no event may follow, and its record is dropped. */
  markReleased(handle: number): void {
    this.released.add(handle);
    this.entries.delete(handle);
  }

  /** The events recorded for `handle` (the newest 256). */
  eventsOf(handle: number): NetEvent[] {
    return this.entries.get(handle)?.events ?? [];
  }

  /** The terminal event of `handle`, if it came. */
  terminalOf(handle: number): NetEvent | undefined {
    return this.entries.get(handle)?.terminal;
  }

  /** Terminal events of `handle` (0 or 1 when the rules hold; a second one is also filed as a problem). */
  terminalCount(handle: number): number {
    return this.eventsOf(handle).filter((event) => TERMINAL.has(event.type)).length;
  }

  /** Throws with every broken rule so far. */
  assertClean(context = ""): void {
    if (this.problems.length > 0) {
      throw new Error(`event rules broken${context ? ` (${context})` : ""}:\n  ${this.problems.slice(0, 20).join("\n  ")}`);
    }
  }

  private entry(handle: number): Entry {
    let entry = this.entries.get(handle);
    if (entry === undefined) this.entries.set(handle, (entry = { events: [], count: 0, terminal: undefined }));
    return entry;
  }
}

/** "type@handle(data)" for messages. */
export function describe(event: NetEvent): string {
  const data = "data" in event && event.data !== undefined ? `(${String(event.data).slice(0, 40)})` : "";
  return `${event.type}@${event.handle}${data}`;
}
