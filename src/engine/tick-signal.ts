/**
 * `Event.OnTick`: one promise shared by everything awaiting the next tick,
 * resolved when that tick runs (with dt in seconds) and replaced by a fresh
 * one, so `await Event.OnTick` in a loop resumes exactly once per tick.
 */

/** The promise of the next tick. */
export class TickSignal {
  private pending: { promise: Promise<number>; resolve: (dt: number) => void } | undefined;

  /** The promise that resolves at the next tick. */
  next(): Promise<number> {
    if (this.pending === undefined) {
      let resolve!: (dt: number) => void;
      const promise = new Promise<number>((done) => (resolve = done));
      this.pending = { promise, resolve };
    }
    return this.pending.promise;
  }

  /** Resolves the current promise; anything that asks from now on waits for the tick after. */
  fire(dt: number): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve(dt);
  }
}
