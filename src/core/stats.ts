/**
 * Runtime statistics, the inspector's source. The core bumps a few counters on
 * paths that already run (an event queued, a payload delivered, a send queued,
 * a handle ending in error); `runtime.stats()` turns them and the handle table
 * into a snapshot. Nothing else runs: no timers, no sampling, no per-call cost
 * beyond an addition, so a runtime whose stats are never read pays nothing.
 */
import type { Handle, HandleKind } from "./handle.js";
import type { NetCore } from "./net-core.js";

/** How many recent errors a runtime remembers. */
export const RECENT_ERRORS = 20;
/** How many handles a snapshot lists one by one (the counts always cover all). */
export const LISTED_HANDLES = 1000;

/** One error a handle ended with. */
export interface RecentError {
  /** When it happened, in milliseconds since the epoch. */
  at: number;
  handle: number;
  kind: HandleKind;
  error: string;
}

/** One handle in a snapshot. */
export interface HandleStats {
  handle: number;
  kind: HandleKind;
  status: string;
  /** Received and not yet taken by the script. */
  bufferedIn: number;
  /** Queued by the script and not yet handed to the kernel (or the browser). */
  bufferedOut: number;
  /** Payload bytes received and sent since the handle opened. */
  bytesIn: number;
  bytesOut: number;
  /** The peer as "ip:port", where the platform tells. */
  remote?: string;
  /** The bound port of a listener or connection, where the platform tells. */
  localPort?: number;
  /** Protocol-specific counts, such as a UDP socket's datagrams and drops. */
  counters?: Record<string, number>;
}

/** What `runtime.stats()` returns. */
export interface RuntimeStats {
  /** When the snapshot was taken, in milliseconds since the epoch. */
  at: number;
  /** Milliseconds since the previous snapshot (or since the runtime started): the window of the rates. */
  intervalMs: number;
  /** Handle counts: every handle in the table, by kind, then by status. */
  handles: { total: number; open: number; byKind: Partial<Record<HandleKind, Record<string, number>>> };
  /** Events waiting on the queue (payloads already pulled still count until polled past). */
  queueDepth: number;
  eventsPerSecond: number;
  bytesInPerSecond: number;
  bytesOutPerSecond: number;
  /** Totals since the runtime started. */
  totals: { events: number; bytesIn: number; bytesOut: number; errors: number };
  /** The handles one by one, lowest id first, at most LISTED_HANDLES of them. */
  list: HandleStats[];
  /** Handles left out of `list`. */
  unlisted: number;
  /** The newest errors, oldest first. */
  recentErrors: RecentError[];
}

/** Totals the core keeps; bumping them is all the cost stats have. */
export class StatsCounters {
  events = 0;
  bytesIn = 0;
  bytesOut = 0;
  errors = 0;
  private readonly recent: RecentError[] = [];

  /** Remembers an error a handle ended with, keeping the newest RECENT_ERRORS. */
  noteError(handle: Handle, error: string): void {
    if (this.errors++ >= RECENT_ERRORS) this.recent.shift();
    this.recent.push({ at: Date.now(), handle: handle.id, kind: handle.kind, error });
  }

  /** The remembered errors, oldest first. */
  recentErrors(): RecentError[] {
    return this.recent.slice();
  }
}

/** Takes snapshots of one core; rates cover the time since the previous snapshot. */
export class StatsSampler {
  private last: { at: number; events: number; bytesIn: number; bytesOut: number };

  constructor(private readonly core: NetCore) {
    this.last = { at: Date.now(), events: 0, bytesIn: 0, bytesOut: 0 };
  }

  /** A snapshot of the handle table, the queue and the traffic since the previous one. */
  sample(): RuntimeStats {
    const counters = this.core.counters;
    const at = Date.now();
    const intervalMs = Math.max(at - this.last.at, 1);
    const perSecond = (now: number, before: number) => ((now - before) * 1000) / intervalMs;
    const rates = {
      eventsPerSecond: perSecond(counters.events, this.last.events),
      bytesInPerSecond: perSecond(counters.bytesIn, this.last.bytesIn),
      bytesOutPerSecond: perSecond(counters.bytesOut, this.last.bytesOut),
    };
    this.last = { at, events: counters.events, bytesIn: counters.bytesIn, bytesOut: counters.bytesOut };
    const table = describeHandles(this.core.handles());
    return {
      at,
      intervalMs,
      ...table,
      queueDepth: this.core.queued,
      ...rates,
      totals: { events: counters.events, bytesIn: counters.bytesIn, bytesOut: counters.bytesOut, errors: counters.errors },
      recentErrors: counters.recentErrors(),
    };
  }
}

/** Counts handles by kind and status and lists the first LISTED_HANDLES of them. */
function describeHandles(handles: Iterable<Handle>): Pick<RuntimeStats, "handles" | "list" | "unlisted"> {
  const byKind: RuntimeStats["handles"]["byKind"] = {};
  const list: HandleStats[] = [];
  let total = 0;
  let open = 0;
  for (const handle of handles) {
    total++;
    if (!handle.finished) open++;
    const statuses = (byKind[handle.kind] ??= {});
    statuses[handle.status] = (statuses[handle.status] ?? 0) + 1;
    if (list.length < LISTED_HANDLES) list.push(describeHandle(handle));
  }
  return { handles: { total, open, byKind }, list, unlisted: total - list.length };
}

function describeHandle(handle: Handle): HandleStats {
  const transport = handle.transport;
  const entry: HandleStats = {
    handle: handle.id,
    kind: handle.kind,
    status: handle.status,
    bufferedIn: handle.inboxBytes,
    bufferedOut: handle.outboxBytes + (transport?.pendingBytes?.() ?? 0),
    bytesIn: handle.bytesIn,
    bytesOut: handle.bytesOut,
  };
  const remote = transport?.remoteAddr?.();
  const localPort = transport?.localPort?.();
  if (remote !== undefined) entry.remote = remote;
  if (localPort !== undefined) entry.localPort = localPort;
  const counters = transport?.counters?.();
  if (counters !== undefined) entry.counters = counters;
  return entry;
}
