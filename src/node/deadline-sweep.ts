/**
 * Deadlines of one length for many short-lived owners (HTTP requests) on one
 * coarse timer: each started deadline is a link in a list kept in start order
 * (which is the order they expire), removed when it stops, and one interval,
 * running only while some are kept, expires those past due. A deadline fires
 * between its time and one sweep period after it; starting or stopping one
 * costs a link instead of a timer.
 */
import { LinkedList, type Link } from "../core/linked-list.js";

/** The longest wait between sweeps; shorter deadlines sweep at an eighth of their length. */
const MAX_PERIOD_MS = 100;

/** A running deadline as `start` returns it, or null for none. */
export type SweptDeadline<T> = Link<T> | null;

/** Expires owners `ms` milliseconds after they start, unless stopped first (0: never). */
export class DeadlineSweep<T> {
  private readonly due = new LinkedList<T>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly period: number;

  constructor(
    private readonly ms: number,
    private readonly expire: (owner: T) => void,
  ) {
    this.period = Math.max(1, Math.min(MAX_PERIOD_MS, Math.ceil(ms / 8)));
  }

  /** Starts `owner`'s deadline; returns it, to pass to `stop`. */
  start(owner: T): SweptDeadline<T> {
    if (this.ms <= 0) return null;
    const deadline = this.due.push(owner, performance.now() + this.ms);
    this.timer ??= setInterval(this.sweep, this.period);
    return deadline;
  }

  /** Stops a deadline `start` returned, if it is still running. */
  stop(deadline: SweptDeadline<T>): void {
    if (deadline !== null) this.due.remove(deadline);
  }

  /** Stops every deadline and the timer (backend shutdown). */
  close(): void {
    for (let first = this.due.first; first !== null; first = this.due.first) this.due.remove(first);
    this.stopTimer();
  }

  private readonly sweep = (): void => {
    const now = performance.now();
    for (let first = this.due.first; first !== null && first.at <= now; first = this.due.first) {
      this.due.remove(first);
      this.expire(first.value);
    }
    if (this.due.first === null) this.stopTimer();
  };

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }
}
