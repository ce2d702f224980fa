/**
 * The shape most cases share: two workloads (tickwire and its baseline) that
 * run against the same peer and report a growing progress counter. Windows of
 * the two sides alternate (A B, B A, A B, ...), each round giving one pair,
 * so slow drift of a noisy machine touches both sides of a pair alike. Each
 * window starts after a run-in and a full collection, so that one window's
 * garbage is not collected on the next one's time.
 */
import type { BenchEnv, Samples } from "./case.js";
import { sleep } from "./tick-loop.js";

/** A side of a case: work that runs between start and stop and counts what it did. */
export interface Workload {
  /** Begins the work (sending, receiving, requesting). */
  start(): void | Promise<void>;
  /** Ends the work. */
  stop(): Promise<void>;
  /** Units of work done so far (cumulative): bytes, messages, requests, ticks. */
  progress(): number | Promise<number>;
}

/** Both sides of a case, against peers that stay up for the whole case. */
export interface Sides {
  tickwire: Workload;
  baseline: Workload;
  /** Stops the peers and closes every connection. */
  close(): Promise<void>;
}

/**
 * Measures `env.rounds` pairs of windows of both sides; a window's sample is
 * progress per second times `scale`. With `withRunIn`, each side first runs
 * RUN_IN_MS unmeasured, through RUN_IN_COLLECTIONS full collections, for a
 * library whose speed settles only after the process's first ones.
 */
export async function alternate(env: BenchEnv, sides: Sides, scale = 1, withRunIn = false): Promise<Samples> {
  const samples: Samples = { tickwire: [], baseline: [] };
  try {
    if (withRunIn) for (const side of [sides.baseline, sides.tickwire]) await runIn(side);
    for (let round = 0; round < env.rounds; round++) {
      const order: ("tickwire" | "baseline")[] = round % 2 === 0 ? ["baseline", "tickwire"] : ["tickwire", "baseline"];
      for (const side of order) {
        const warmup = round === 0 ? env.warmupMs : env.warmupMs / 4;
        samples[side].push((await window(sides[side], env, warmup)) * scale);
      }
    }
  } finally {
    await sides.close();
  }
  return samples;
}

/** One window: collect, start, run in, count over `env.windowMs` on `env.clock`, stop, and let the backlog settle. */
async function window(work: Workload, env: BenchEnv, warmupMs: number): Promise<number> {
  collectGarbage();
  await work.start();
  await sleep(warmupMs);
  const before = await work.progress();
  const clock = startClock(env.clock);
  await sleep(env.windowMs);
  const after = await work.progress();
  const seconds = clock();
  await work.stop();
  await settle(work);
  return (after - before) / seconds;
}

/** How long a run-in lasts, and the full collections it goes through (as many as a case's first windows would see). */
const RUN_IN_MS = 2_000;
const RUN_IN_COLLECTIONS = 4;

/** Runs a side for RUN_IN_MS unmeasured, with full collections along the way, and lets its backlog drain. */
async function runIn(work: Workload): Promise<void> {
  await work.start();
  for (let i = 0; i < RUN_IN_COLLECTIONS; i++) {
    await sleep(RUN_IN_MS / RUN_IN_COLLECTIONS);
    collectGarbage();
  }
  await work.stop();
  await settle(work);
}

/** How long the progress counter must stand still for a window's backlog to count as drained. */
const SETTLE_STEP_MS = 25;

/** Waits until the progress counter stops moving (the last window's backlog has drained). */
async function settle(work: Workload): Promise<void> {
  let last = await work.progress();
  for (let i = 0; i < 100; i++) {
    await sleep(SETTLE_STEP_MS);
    const now = await work.progress();
    if (now === last) return;
    last = now;
  }
}

/** A full collection when the process runs with --expose-gc (the driver starts cases so). */
export function collectGarbage(): void {
  globalThis.gc?.();
}

/**
 * Starts a window's clock; the returned function gives the seconds elapsed.
 * The "cpu" clock counts this process's CPU time instead of wall time: both
 * sides spin their tick loop, so that is the time the process was scheduled,
 * and other jobs on a loaded machine stop counting as the measured side's cost.
 */
export function startClock(kind: BenchEnv["clock"]): () => number {
  if (kind === "cpu") {
    const cpu = process.cpuUsage();
    return () => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1e6;
    };
  }
  const t0 = performance.now();
  return () => (performance.now() - t0) / 1000;
}
