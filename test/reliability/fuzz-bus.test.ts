/**
 * The seeded fuzz with the bus on, once per driver: random calls over every
 * `net` function, the bus functions included, against a real broker, with
 * the same rules as the plain fuzz (no throw, allowed returns and statuses,
 * one terminal event per handle). A failure prints its seed.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eachBroker } from "../helpers/brokers.js";
import { BUS_MOVES } from "./fuzz/bus-moves.js";
import { chooseSeed } from "./fuzz/random.js";
import { runFuzz } from "./fuzz/run.js";
import { scaled } from "./scale.js";

const CALLS = scaled(5_000, 50_000);

eachBroker("fuzz with the bus", (broker) => {
  test(`${CALLS.toLocaleString("en-US")} seeded calls with the bus functions keep every rule`, { timeout: 600_000 }, async (t) => {
    const seed = chooseSeed();
    t.diagnostic(`fuzz seed ${seed} (replay with TICKWIRE_FUZZ_SEED=${seed})`);
    const report = await runFuzz(seed, CALLS, broker().url);
    assert.equal(report.calls, CALLS);
    const unused = BUS_MOVES.filter((move) => (report.byMove[move.name] ?? 0) === 0).map((move) => move.name);
    assert.deepEqual(unused, [], "every bus function was called");
  });
});
