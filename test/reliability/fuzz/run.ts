/**
 * One fuzz run: a runtime, a seeded sequence of `count` random calls over
 * every `net` (`udp_*` included) and `network` function, the event rules and the status models
 * checked after each call, and at the end `runtime.close()` after which
 * every handle still known must have had exactly one terminal event and
 * every fetch must have resolved. Any failure names the seed and the last
 * calls, so the run can be replayed with TICKWIRE_FUZZ_SEED.
 */
import { createNetRuntime } from "../../../src/index.js";
import { pollUntil } from "../../helpers/poll.js";
import { freePort } from "../../helpers/processes.js";
import { EventLedger } from "../ledger.js";
import { MOVES, type Move } from "./actions.js";
import { BUS_MOVES } from "./bus-moves.js";
import { startHttpTarget } from "./http-target.js";
import { Model } from "./model.js";
import { NetworkModel } from "./network-model.js";
import { NETWORK_MOVES, type NetworkContext } from "./network-moves.js";
import { Random } from "./random.js";
import { UDP_MOVES } from "./udp-moves.js";
import { Values } from "./values.js";

/** What a run did, for the test's log. */
export interface FuzzReport {
  seed: number;
  calls: number;
  handles: number;
  events: number;
  fetches: number;
  byMove: Record<string, number>;
}

/** Every move of a run: the `net` functions and the `network` ones. */
export const ALL_MOVES: Move<NetworkContext>[] = [...MOVES, ...UDP_MOVES, ...NETWORK_MOVES];

function pickMove(rng: Random, moves: Move<NetworkContext>[], totalWeight: number): Move<NetworkContext> {
  let roll = rng.next() * totalWeight;
  for (const move of moves) {
    roll -= move.weight;
    if (roll < 0) return move;
  }
  return moves[moves.length - 1];
}

/** Runs `count` seeded calls (with a bus on the broker at `busUrl` if given); throws with the seed and recent calls on the first broken rule. */
export async function runFuzz(seed: number, count: number, busUrl?: string): Promise<FuzzReport> {
  const target = await startHttpTarget();
  const limits = { connectTimeoutMs: 2000, httpTimeoutMs: 3000, wsMaxMessageBytes: 64 * 1024, busQueueMessages: 64 };
  const bus = busUrl === undefined ? undefined : { url: busUrl, leaseMs: 600, requestMs: 1000 };
  const runtime = createNetRuntime({ limits, bus });
  const moves = busUrl === undefined ? ALL_MOVES : [...ALL_MOVES, ...BUS_MOVES];
  const totalWeight = moves.reduce((sum, move) => sum + move.weight, 0);
  const net = runtime.net;
  const rng = new Random(seed);
  const ledger = new EventLedger(net);
  const model = new Model(net, ledger);
  const networkModel = new NetworkModel();
  const values = new Values(rng, model, { httpPort: target.port, refusedPort: await freePort() });
  const context: NetworkContext = { net, ledger, model, values, network: runtime.network, networkModel };
  const recent: string[] = [];
  const byMove: Record<string, number> = {};
  let events = 0;
  const fail = (step: number, problems: string[]): never => {
    throw new Error(`fuzz failed at call ${step} of seed ${seed} (replay: TICKWIRE_FUZZ_SEED=${seed}):\n  ${problems.join("\n  ")}\nlast calls: ${recent.join(", ")}`);
  };
  try {
    for (let step = 0; step < count; step++) {
      const move = pickMove(rng, moves, totalWeight);
      recent.push(move.name);
      if (recent.length > 20) recent.shift();
      byMove[move.name] = (byMove[move.name] ?? 0) + 1;
      let problem: string | undefined;
      try {
        problem = move.run(context);
      } catch (error) {
        problem = `${move.name} threw: ${String(error)}`;
      }
      const problems = [...(problem === undefined ? [] : [problem]), ...model.check(), ...networkModel.check(), ...ledger.problems];
      if (problems.length > 0) fail(step, problems);
      if (rng.chance(0.15)) await new Promise((resolve) => setImmediate(resolve));
      if (rng.chance(0.005)) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await runtime.close();
    events = ledger.drain().length;
    await pollUntil(() => networkModel.pendingFetches === 0, { what: `${networkModel.pendingFetches} fetches to resolve after close` });
    const problems = [...model.check(), ...networkModel.check(), ...ledger.problems];
    for (const handle of model.live.keys()) {
      if (ledger.terminalCount(handle) !== 1) problems.push(`handle ${handle} ended with ${ledger.terminalCount(handle)} terminal events: ${JSON.stringify(ledger.eventsOf(handle).slice(-3))}`);
    }
    if (problems.length > 0) fail(count, problems);
  } finally {
    await runtime.close();
    await target.close();
  }
  return { seed, calls: count, handles: model.live.size + model.released.length, events, fetches: networkModel.fetchesResolved, byMove };
}
