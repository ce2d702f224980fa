/**
 * A game's tick loop, the way every tickwire side of the benchmark runs: one
 * `tick()` per turn of the event loop (setImmediate), so that sends made in a
 * tick are flushed when it returns and I/O is served between ticks.
 */

/** Runs `tick` once per event-loop turn until stopped. */
export class TickLoop {
  private running = false;
  private stopped: (() => void) | null = null;
  /** Ticks run so far. */
  ticks = 0;

  constructor(private readonly tick: () => void) {}

  /** Starts ticking (does nothing if already running). */
  start(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(this.turn);
  }

  /** Stops after the current tick; resolves once no tick is scheduled. */
  stop(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      this.stopped = resolve;
      this.running = false;
    });
  }

  private readonly turn = (): void => {
    if (!this.running) {
      this.stopped?.();
      this.stopped = null;
      return;
    }
    this.tick();
    this.ticks++;
    setImmediate(this.turn);
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves once `check` holds, polling each millisecond; rejects after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(1);
  }
}
