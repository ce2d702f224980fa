/**
 * The Epitaph tick loop against the same loop written in TypeScript (see
 * bench/epitaph-vs-ts.ts): a compiled script's cost over hand-written code,
 * not the network's. One pair of samples per round.
 */
import { epitaphVsTsSamples } from "../epitaph-vs-ts.js";
import type { BenchCase } from "../lib/case.js";

/** Epitaph tick loop vs TypeScript, events per second. */
export const epitaphVsTs: BenchCase = {
  name: "epitaph-tick-loop",
  what: "an Epitaph tick loop (drain events, reply with tcp_send) vs the same loop in TypeScript",
  unit: "events/s",
  baselineName: "hand-written TypeScript",
  goal: 0.8,
  measure: async (env) => epitaphVsTsSamples(env.rounds),
};
