/**
 * The Epitaph tick loop against the same loop written in TypeScript (see
 * bench/epitaph-vs-ts.ts): a compiled script's cost over hand-written code,
 * not the network's. A round of that file is a few milliseconds per side at
 * its default length, so the case runs rounds five times as long, discards a
 * warm-up of rounds (JIT) and takes five pairs per round of the other cases,
 * whose median a preempted round cannot move.
 */
import { epitaphVsTsSamples } from "../epitaph-vs-ts.js";
import type { BenchCase } from "../lib/case.js";

const PAIRS_PER_ROUND = 5;
const WARMUP_PAIRS = 5;
const TICKS_PER_ROUND = 2000;

/** Epitaph tick loop vs TypeScript, events per second. */
export const epitaphVsTs: BenchCase = {
  name: "epitaph-tick-loop",
  what: "an Epitaph tick loop (drain events, reply with tcp_send) vs the same loop in TypeScript",
  unit: "events/s",
  baselineName: "hand-written TypeScript",
  goal: 0.8,
  async measure(env) {
    epitaphVsTsSamples(WARMUP_PAIRS, TICKS_PER_ROUND);
    return epitaphVsTsSamples(env.rounds * PAIRS_PER_ROUND, TICKS_PER_ROUND);
  },
};
