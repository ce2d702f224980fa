/**
 * The fixed-step loop: every tick in a timer callback of its own (so what a
 * tick wakes runs before the next), and after a stall far longer than a step
 * it drops the ticks it cannot catch up instead of spiralling.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { FixedStepLoop } from "../../src/engine/loop.js";
import { pollUntil } from "../helpers/poll.js";

test("a long stall drops the missed ticks beyond a few, and the loop goes on", async () => {
  let ticks = 0;
  let microtasksBetween = 0;
  let pendingMicrotask = false;
  const loop = new FixedStepLoop(10, () => {
    ticks++;
    if (pendingMicrotask) microtasksBetween++;
    pendingMicrotask = true;
    queueMicrotask(() => (pendingMicrotask = false));
    if (ticks === 3) {
      const until = performance.now() + 300;
      while (performance.now() < until);
    }
  });
  loop.start();
  try {
    await pollUntil(() => ticks >= 13, { what: "ten ticks after the stall" });
  } finally {
    loop.stop();
  }
  assert.ok(loop.dropped >= 20, `a 300 ms stall at 10 ms a step drops most of its 30 ticks (dropped ${loop.dropped})`);
  assert.equal(microtasksBetween, 0, "no tick ran before the previous tick's microtasks");
});
