/**
 * The traffic totals a runtime keeps for its stats: events queued, payload
 * bytes in and out, errors, and the newest errors themselves. The core bumps
 * them on paths that already run; bumping is all the cost stats have. Imports
 * nothing, so any layer may read it.
 */

/** How many recent errors a runtime remembers. */
export const RECENT_ERRORS = 20;

/** One error a handle ended with. */
export interface RecentError {
  /** When it happened, in milliseconds since the epoch. */
  at: number;
  handle: number;
  kind: string;
  error: string;
}

/** Totals since the runtime started. */
export class StatsCounters {
  events = 0;
  bytesIn = 0;
  bytesOut = 0;
  errors = 0;
  private readonly recent: RecentError[] = [];

  /** Remembers an error handle `id` of `kind` ended with, keeping the newest RECENT_ERRORS. */
  noteError(id: number, kind: string, error: string): void {
    if (this.errors++ >= RECENT_ERRORS) this.recent.shift();
    this.recent.push({ at: Date.now(), handle: id, kind, error });
  }

  /** The remembered errors, oldest first. */
  recentErrors(): RecentError[] {
    return this.recent.slice();
  }
}
