/**
 * The `"udp_dropped"` reports of one socket for datagrams it could not send
 * (host not found, blocked by policy, a send error) or would not take (a
 * source the policy forbids): at most one event per second per reason, so a
 * 60 Hz sender to a bad name gets one event a second, not sixty. Drops of
 * one kind whose texts differ (forbidden sources, each named) share one key,
 * so spoofed sources cannot fill the queue. Every drop is counted by the
 * socket either way.
 */
import type { Handle } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";

/** The shortest time between two reports of one reason. */
const REPORT_INTERVAL_MS = 1_000;
/** Past this many distinct reasons the memory of past reports starts over. */
const MAX_REASONS = 256;

/** Rate-limited drop reports for one handle. */
export class DropReports {
  private readonly lastReport = new Map<string, number>();

  constructor(
    private readonly core: NetCore,
    private readonly handle: Handle,
  ) {}

  /** Queues a `"udp_dropped"` event saying `reason` unless one of the same `key` was queued less than a second ago. */
  report(reason: string, key = reason): void {
    const now = Date.now();
    const last = this.lastReport.get(key);
    if (last !== undefined && now - last < REPORT_INTERVAL_MS) return;
    if (this.lastReport.size >= MAX_REASONS) this.lastReport.clear();
    this.lastReport.set(key, now);
    this.core.notify(this.handle, "udp_dropped", reason);
  }
}
