/**
 * Deadlines of one length for many short-lived owners (HTTP requests) on one
 * coarse timer: each owner is kept with the time it expires, in the order
 * they started (which is the order they expire), and one interval, running
 * only while some are kept, expires those past due. A deadline fires between
 * its time and one sweep period after it; starting or stopping one costs a
 * Map entry instead of a timer.
 */

/** The longest wait between sweeps; shorter deadlines sweep at an eighth of their length. */
const MAX_PERIOD_MS = 100;

/** Expires owners `ms` milliseconds after they start, unless stopped first (0: never). */
export class DeadlineSweep<T> {
  private readonly due = new Map<T, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly period: number;

  constructor(
    private readonly ms: number,
    private readonly expire: (owner: T) => void,
  ) {
    this.period = Math.max(1, Math.min(MAX_PERIOD_MS, Math.ceil(ms / 8)));
  }

  /** Starts `owner`'s deadline. */
  start(owner: T): void {
    if (this.ms <= 0) return;
    this.due.set(owner, performance.now() + this.ms);
    this.timer ??= setInterval(this.sweep, this.period);
  }

  /** Stops `owner`'s deadline, if it is running. */
  stop(owner: T): void {
    this.due.delete(owner);
  }

  /** Stops every deadline and the timer (backend shutdown). */
  close(): void {
    this.due.clear();
    this.stopTimer();
  }

  private readonly sweep = (): void => {
    const now = performance.now();
    for (const [owner, at] of this.due) {
      if (at > now) break;
      this.due.delete(owner);
      this.expire(owner);
    }
    if (this.due.size === 0) this.stopTimer();
  };

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
