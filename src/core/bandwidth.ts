/**
 * The bytes-per-second budgets of one runtime, up and down, as token buckets
 * that may be overdrawn: a transfer goes ahead while the balance is above
 * zero and is charged in full, so a message bigger than one second's budget
 * still passes, and the average stays at the rate. An overdrawn upload budget
 * refuses sends (the script retries on a later tick); an overdrawn download
 * budget pauses reading until the balance is back, and the kernel's flow
 * control slows the sender. A rate of 0 means no limit. Platform-neutral.
 */
import type { Limits } from "./limits.js";

/** A byte budget that refills at `rate` per second, up to one second's worth. */
class TokenBucket {
  private balance: number;
  private stamp: number;

  constructor(private readonly rate: number) {
    this.balance = rate;
    this.stamp = Date.now();
  }

  /** True when there is no limit. */
  get unlimited(): boolean {
    return this.rate <= 0 || this.rate === Infinity;
  }

  /** True while the balance is above zero. */
  available(): boolean {
    return this.unlimited || this.refill() > 0;
  }

  /** Charges `bytes`, possibly overdrawing. */
  spend(bytes: number): void {
    if (!this.unlimited) this.balance = this.refill() - bytes;
  }

  /** Milliseconds until the balance is above zero again. */
  msUntilAvailable(): number {
    if (this.unlimited) return 0;
    const balance = this.refill();
    return balance > 0 ? 0 : Math.ceil((-balance * 1000) / this.rate) + 1;
  }

  private refill(): number {
    const now = Date.now();
    this.balance = Math.min(this.rate, this.balance + ((now - this.stamp) * this.rate) / 1000);
    this.stamp = now;
    return this.balance;
  }
}

/** The upload and download budgets of one runtime, with the readers waiting for the download budget. */
export class Bandwidth {
  private readonly up: TokenBucket;
  private readonly down: TokenBucket;
  private waiting: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(limits: Limits) {
    this.up = new TokenBucket(limits.uploadBytesPerSecond);
    this.down = new TokenBucket(limits.downloadBytesPerSecond);
  }

  /** True when uploads have no budget (nothing to charge per send). */
  get uploadUnlimited(): boolean {
    return this.up.unlimited;
  }

  /** Charges a send of `bytes` and returns true, or returns false while the upload budget is overdrawn. */
  trySend(bytes: number): boolean {
    if (bytes === 0 || this.up.unlimited) return true;
    if (!this.up.available()) return false;
    this.up.spend(bytes);
    return true;
  }

  /** Charges received bytes; true when the reader must pause (then call `whenDownloadAvailable`). */
  received(bytes: number): boolean {
    if (bytes === 0 || this.down.unlimited) return false;
    this.down.spend(bytes);
    return !this.down.available();
  }

  /** Calls `resume` once the download budget is above zero again. */
  whenDownloadAvailable(resume: () => void): void {
    this.waiting.push(resume);
    this.schedule();
  }

  /** Number of readers paused until the download budget is back. */
  get waitingReaders(): number {
    return this.waiting.length;
  }

  /** Drops the waiting readers and the timer (runtime shutdown). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = [];
  }

  private schedule(): void {
    if (this.timer === undefined) this.timer = setTimeout(this.release, this.down.msUntilAvailable());
  }

  private readonly release = (): void => {
    this.timer = undefined;
    if (!this.down.available()) return this.schedule();
    const waiting = this.waiting;
    this.waiting = [];
    for (const resume of waiting) resume();
  };
}
