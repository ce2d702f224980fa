/**
 * Runtime statistics, the inspector's source: `snapshot(core)` reads the
 * core's counters (`counters.ts`) and walks its handle table into one plain
 * record. Taking a snapshot changes nothing, so any number of readers can
 * take them; rates are for the reader to compute from the totals of two
 * snapshots and their `at` times (the inspector page does). Nothing else
 * runs: no timers, no sampling, so a runtime whose stats are never read pays
 * only the counters' additions.
 */
import type { RecentError } from "./counters.js";
import type { Handle, HandleKind, HandleStatus } from "./handle.js";
import type { NetCore } from "./net-core.js";

export { RECENT_ERRORS, type RecentError } from "./counters.js";

/** How many handles a snapshot lists one by one (the counts always cover all). */
export const LISTED_HANDLES = 1000;

/** One handle in a snapshot. */
export interface HandleStats {
  handle: number;
  kind: HandleKind;
  status: HandleStatus;
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
  /** Handle counts: every handle in the table, by kind, then by status. */
  handles: { total: number; open: number; byKind: Partial<Record<HandleKind, Partial<Record<HandleStatus, number>>>> };
  /** Events waiting on the queue (payloads already pulled still count until polled past). */
  queueDepth: number;
  /** Totals since the runtime started. */
  totals: { events: number; bytesIn: number; bytesOut: number; errors: number };
  /** The handles one by one, lowest id first, at most LISTED_HANDLES of them. */
  list: HandleStats[];
  /** Handles left out of `list`. */
  unlisted: number;
  /** The newest errors, oldest first. */
  recentErrors: RecentError[];
}

/** A snapshot of one core's handle table, queue and totals; taking it changes nothing but counting the open text run (text-run.ts). */
export function snapshot(core: NetCore): RuntimeStats {
  core.countQueuedText();
  const { events, bytesIn, bytesOut, errors } = core.counters;
  return {
    at: Date.now(),
    ...describeHandles(core.handles()),
    queueDepth: core.queued,
    totals: { events, bytesIn, bytesOut, errors },
    recentErrors: core.counters.recentErrors(),
  };
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
