/**
 * The seeded fuzz (docs/design.md, rules 3-7): random call sequences over every `net` and
 * `network` function, with no throw, every return value one the function may give,
 * every status one of the seed's, no event for a released handle, and one
 * terminal event per handle. 20,000 calls in npm test, 100,000 in soak.
 * A failure prints its seed; TICKWIRE_FUZZ_SEED=<seed> replays it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseSeed } from "./fuzz/random.js";
import { ALL_MOVES, runFuzz } from "./fuzz/run.js";
import { scaled } from "./scale.js";

const CALLS = scaled(20_000, 100_000);

test(`fuzz: ${CALLS.toLocaleString("en-US")} seeded calls over every net and network function keep every rule`, { timeout: 600_000 }, async (t) => {
  const seed = chooseSeed();
  t.diagnostic(`fuzz seed ${seed} (replay with TICKWIRE_FUZZ_SEED=${seed})`);
  const report = await runFuzz(seed, CALLS);
  t.diagnostic(`${report.handles} handles, ${report.fetches} fetches resolved, ${report.events} events after close`);
  assert.equal(report.calls, CALLS);
  const unused = ALL_MOVES.filter((move) => (report.byMove[move.name] ?? 0) === 0).map((move) => move.name);
  assert.deepEqual(unused, [], "every function was called");
});
