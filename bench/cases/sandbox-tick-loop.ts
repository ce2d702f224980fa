/**
 * The tick loop inside the sandbox against the same script outside it (see
 * bench/sandbox-tick-loop.ts): what `config.sandbox` costs a script whose
 * tick crosses the boundary for every event. No goal beyond being measured.
 */
import type { BenchCase } from "../lib/case.js";
import { sandboxTickLoopSamples } from "../sandbox-tick-loop.js";

/** Rounds run first and discarded: both realms' first ticks run before the JIT has settled. */
const WARMUP_ROUNDS = 2;

/** Sandboxed tick loop vs the node:vm realm, events per second. */
export const sandboxTickLoop: BenchCase = {
  name: "sandbox-tick-loop",
  what: "a TypeScript tick loop (drain events, reply with tcp_send) in the sandbox vs in the node:vm realm",
  unit: "events/s",
  baselineName: "the same script unsandboxed",
  goal: 0.01,
  async measure(env) {
    await sandboxTickLoopSamples(WARMUP_ROUNDS);
    const samples = await sandboxTickLoopSamples(env.rounds);
    return { ...samples, note: "each event is a host call and a fresh object copied into QuickJS" };
  },
};
