/**
 * The cost of a whole tick that drains an empty event queue: ticks per
 * CPU-second of the process (one event-loop turn each) on a runtime holding
 * 10,000 idle connections, against the same loop on a second runtime in the
 * same process holding 10. Both runtimes stay open for the whole case, so
 * both sides pay Node's cost of 10,010 open sockets alike and the pair ratio
 * isolates what tickwire's tick costs per handle. CPU time, not wall time, so
 * that other processes on the machine do not count as the tick's cost.
 */
import type { BenchCase } from "../lib/case.js";
import { openTickwireConnections } from "../lib/connections.js";
import { startPeer } from "../lib/peer.js";
import { sleep, TickLoop } from "../lib/tick-loop.js";
import { benchRuntime } from "../lib/tickwire-side.js";
import { coreOf } from "../../src/api/internals.js";
import { collectGarbage } from "../lib/workload.js";

/** Ticks per CPU-second over one window. */
async function tickRate(loop: TickLoop, windowMs: number, warmupMs: number): Promise<number> {
  collectGarbage();
  loop.start();
  await sleep(warmupMs);
  const before = loop.ticks;
  const cpu = process.cpuUsage();
  await sleep(windowMs);
  const used = process.cpuUsage(cpu);
  const rate = (loop.ticks - before) / ((used.user + used.system) / 1e6);
  await loop.stop();
  return rate;
}

/** A tick loop draining `runtime`'s queue. */
function drainingLoop(runtime: ReturnType<typeof benchRuntime>): TickLoop {
  return new TickLoop(() => {
    while (runtime.net.poll_event() !== undefined);
  });
}

/** Empty ticks with 10,000 idle handles vs with 10. */
export const pollIdle10k: BenchCase = {
  name: "poll-idle-10k",
  what: "a whole tick draining an empty queue, 10,000 idle handles open vs 10",
  unit: "ticks/cpu-s",
  baselineName: "the same tick, runtime with 10 handles",
  goal: 0.9,
  async measure(env) {
    const peer = await startPeer("tcp-sink");
    const small = benchRuntime();
    const large = benchRuntime();
    const loops = { baseline: drainingLoop(small), tickwire: drainingLoop(large) };
    const samples = { tickwire: [] as number[], baseline: [] as number[] };
    try {
      await openTickwireConnections(small.net, peer.port, 10);
      await openTickwireConnections(large.net, peer.port, 10_000);
      for (let round = 0; round < env.rounds; round++) {
        const order = round % 2 === 0 ? (["baseline", "tickwire"] as const) : (["tickwire", "baseline"] as const);
        for (const side of order) samples[side].push(await tickRate(loops[side], env.windowMs, round === 0 ? env.warmupMs : 100));
      }
      return { ...samples, note: `${coreOf(large).size} and ${coreOf(small).size} handles open` };
    } finally {
      await Promise.all([small.close(), large.close()]);
      await peer.stop();
    }
  },
};
