/**
 * Memory per open connection: JS heap plus external memory after a full GC,
 * measured around opening 10,000 idle connections, raw `node:net` sockets
 * against tickwire handles (which hold one such socket each). The native
 * socket itself is the same on both sides and not counted. Each sample is
 * taken in a fresh process.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BenchCase } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";

const COUNT = 10_000;
/** Each sample is two fresh processes and 20,000 connections; the row's pairs lie within a few percent, so two per case process do. */
const MAX_PAIRS_PER_PROCESS = 2;

/** Runs the memory probe for one side in a fresh process; resolves with bytes per connection. */
function probe(side: "raw" | "tickwire", port: number): Promise<number> {
  const file = fileURLToPath(new URL("../lib/memory-probe.ts", import.meta.url));
  const child = fork(file, [side, String(port), String(COUNT)], { execArgv: ["--expose-gc", "--import", "tsx"] });
  return new Promise((resolve, reject) => {
    let result: number | undefined;
    child.on("message", (message: { perConnection: number }) => (result = message.perConnection));
    child.on("exit", (code) => (result === undefined ? reject(new Error(`bench: memory probe exited with ${code}`)) : resolve(result)));
  });
}

/** Memory per open connection, raw / tickwire. */
export const connMemory10k: BenchCase = {
  name: "conn-memory-10k",
  what: "memory per open connection (heap + external after GC), 10,000 connections",
  unit: "bytes/conn",
  baselineName: "node:net socket",
  goal: 0.9,
  lowerIsBetter: true,
  async measure(env) {
    const peer = await startPeer("tcp-sink");
    const samples = { tickwire: [] as number[], baseline: [] as number[] };
    try {
      for (let round = 0; round < Math.min(env.rounds, MAX_PAIRS_PER_PROCESS); round++) {
        samples.baseline.push(await probe("raw", peer.port));
        samples.tickwire.push(await probe("tickwire", peer.port));
      }
    } finally {
      await peer.stop();
    }
    return samples;
  },
};
