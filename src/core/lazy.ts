/**
 * A protocol backend loaded on first use. Disabled protocols are never loaded
 * at all (docs/design.md, rule 16); enabled ones are imported when the first
 * call needs them, and calls made meanwhile run, in order, once the module is
 * there.
 */
import { ERR, errorText } from "./errors.js";

/** A module loaded once, on demand, with the calls made while it loads kept in order. */
export class Lazy<T> {
  private value: T | undefined;
  private failure: string | undefined;
  private waiting: { run: (mod: T) => void; fail: (why: string) => void }[] | null = null;

  constructor(private readonly load: () => Promise<T>) {}

  /** The module if it has loaded. */
  get loaded(): T | undefined {
    return this.value;
  }

  /** Runs `run` with the module, now if loaded, else once loaded; `fail` if it cannot load. */
  use(run: (mod: T) => void, fail: (why: string) => void): void {
    if (this.value !== undefined) return attempt(run, fail, this.value);
    if (this.failure !== undefined) return fail(this.failure);
    if (this.waiting === null) {
      this.waiting = [];
      this.load().then(
        (mod) => this.settle(mod, undefined),
        (error: unknown) => this.settle(undefined, `${ERR.backendFailed}: ${String(error)}`),
      );
    }
    this.waiting.push({ run, fail });
  }

  private settle(mod: T | undefined, failure: string | undefined): void {
    this.value = mod;
    this.failure = failure;
    const waiting = this.waiting ?? [];
    this.waiting = null;
    for (const call of waiting) {
      if (mod !== undefined) attempt(call.run, call.fail, mod);
      else call.fail(failure as string);
    }
  }
}

function attempt<T>(run: (mod: T) => void, fail: (why: string) => void, mod: T): void {
  try {
    run(mod);
  } catch (error) {
    fail(errorText(error));
  }
}
