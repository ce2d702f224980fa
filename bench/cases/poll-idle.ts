/**
 * The cost of a whole tick that drains an empty event queue: ticks per
 * CPU-second of the process (one event-loop turn each) with 10,000 idle
 * connections open in the runtime, against the same loop with 10 open
 * (median of 5 runs each). CPU time, not wall time, so that other processes
 * on the machine do not count as the tick's cost.
 */
import type { BenchCase } from "../lib/case.js";
import { openTickwireConnections } from "../lib/connections.js";
import { startPeer } from "../lib/peer.js";
import { sleep, TickLoop } from "../lib/tick-loop.js";
import { benchRuntime } from "../lib/tickwire-side.js";
import { coreOf } from "../../src/api/internals.js";

const RUNS = 5;

/** Ticks per CPU-second over `runs` windows. */
async function tickRates(loop: TickLoop, runs: number, windowMs: number): Promise<number[]> {
  const rates: number[] = [];
  for (let run = 0; run < runs; run++) {
    loop.start();
    await sleep(100);
    const before = loop.ticks;
    const cpu = process.cpuUsage();
    await sleep(windowMs);
    const used = process.cpuUsage(cpu);
    rates.push((loop.ticks - before) / ((used.user + used.system) / 1e6));
    await loop.stop();
  }
  return rates;
}

/** Empty ticks with 10,000 idle handles vs with 10. */
export const pollIdle10k: BenchCase = {
  name: "poll-idle-10k",
  what: "a whole tick draining an empty queue, 10,000 idle handles open vs 10",
  unit: "ticks/cpu-s",
  baselineName: "the same tick with 10 handles",
  goal: 0.8,
  async measure(env) {
    const peer = await startPeer("tcp-sink");
    const runtime = benchRuntime();
    const net = runtime.net;
    const loop = new TickLoop(() => {
      while (net.poll_event() !== undefined);
    });
    const windowMs = Math.max(300, env.windowMs / 2);
    try {
      await openTickwireConnections(net, peer.port, 10);
      const baseline = await tickRates(loop, RUNS, windowMs);
      await openTickwireConnections(net, peer.port, 9_990);
      const tickwire = await tickRates(loop, RUNS, windowMs);
      return { tickwire, baseline, note: `${coreOf(runtime).size} handles open in the 10k runs` };
    } finally {
      await runtime.close();
      await peer.stop();
    }
  },
};
