/**
 * The coarse deadline sweep of HTTP requests: an owner expires once, no
 * sooner than its deadline and within a sweep period of it (with slack for a
 * loaded machine); a stopped owner never expires; 0 means no deadline; close
 * stops them all.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeadlineSweep } from "../../src/node/deadline-sweep.js";
import { pollUntil } from "../helpers/poll.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("DeadlineSweep", () => {
  test("expires each started owner once, not before its time, and skips stopped ones (stopping twice is harmless)", async () => {
    const expired: { owner: string; after: number }[] = [];
    const started = performance.now();
    const sweep = new DeadlineSweep<string>(120, (owner) => expired.push({ owner, after: performance.now() - started }));
    sweep.start("a");
    const b = sweep.start("b");
    sweep.start("c");
    sweep.stop(b);
    sweep.stop(b);
    await pollUntil(() => expired.length === 2, { what: "two owners to expire", timeoutMs: 5000 });
    assert.deepEqual(expired.map((entry) => entry.owner), ["a", "c"], "started order, the stopped one left out");
    for (const entry of expired) assert.ok(entry.after >= 119, `${entry.owner} expired after ${entry.after} ms, before its 120 ms`);
    await sleep(200);
    assert.equal(expired.length, 2, "nothing expires twice");
  });

  test("a later start after the sweep went idle still expires", async () => {
    const expired: number[] = [];
    const sweep = new DeadlineSweep<number>(40, (owner) => expired.push(owner));
    sweep.start(1);
    await pollUntil(() => expired.length === 1, { what: "the first owner to expire", timeoutMs: 5000 });
    sweep.start(2);
    await pollUntil(() => expired.length === 2, { what: "the second owner to expire", timeoutMs: 5000 });
    assert.deepEqual(expired, [1, 2]);
  });

  test("0 ms means no deadline, and close stops every running one", async () => {
    const expired: string[] = [];
    const never = new DeadlineSweep<string>(0, (owner) => expired.push(owner));
    assert.equal(never.start("zero"), null, "no entry without a deadline");
    const closing = new DeadlineSweep<string>(30, (owner) => expired.push(owner));
    closing.start("closed");
    closing.close();
    await sleep(150);
    assert.deepEqual(expired, [], "neither expired");
  });
});
