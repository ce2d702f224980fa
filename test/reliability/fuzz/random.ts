/**
 * A small seeded random source (mulberry32) so that a fuzz run's call
 * sequence can be replayed from its seed, with the picking helpers the
 * argument generators use.
 */

/** Deterministic random numbers from a 32-bit seed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** A key of `weights`, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.next() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}

/** A fresh seed from the clock, or the one given in TICKWIRE_FUZZ_SEED to replay a run. */
export function chooseSeed(): number {
  const given = process.env.TICKWIRE_FUZZ_SEED;
  return given !== undefined && given !== "" ? Number(given) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
}
