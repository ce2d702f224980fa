/**
 * The fixed-step clock: calls `step` every `1 / tickRate` seconds, each tick
 * in a timer callback of its own so that everything a tick wakes (promises
 * awaiting `Event.OnTick`, batched sends) runs before the next tick. When the
 * process falls behind it catches up with back-to-back ticks, but by at most
 * a few; ticks beyond that are dropped instead of spiralling (a tick that
 * overruns does not make the loop run ever more ticks to catch up).
 */

/** The most ticks the loop runs late to catch up; beyond it, missed ticks are dropped. */
const MAX_BEHIND = 5;

/** Calls `step` at a fixed rate until stopped. */
export class FixedStepLoop {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextAt = 0;
  private running = false;
  /** Ticks skipped because the process fell too far behind. */
  dropped = 0;

  constructor(
    private readonly stepMs: number,
    private readonly step: () => void,
  ) {}

  /** Starts ticking; the first tick comes one step from now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.nextAt = performance.now() + this.stepMs;
    this.schedule();
  }

  /** Stops ticking; a tick in progress finishes. */
  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly wake = (): void => {
    if (!this.running) return;
    const now = performance.now();
    if (now >= this.nextAt) {
      const behind = Math.floor((now - this.nextAt) / this.stepMs);
      if (behind > MAX_BEHIND) {
        this.dropped += behind - MAX_BEHIND;
        this.nextAt += (behind - MAX_BEHIND) * this.stepMs;
      }
      this.nextAt += this.stepMs;
      this.step();
    }
    if (this.running) this.schedule();
  };

  private schedule(): void {
    this.timer = setTimeout(this.wake, Math.max(0, this.nextAt - performance.now()));
  }
}
