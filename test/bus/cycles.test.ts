/**
 * 100,000 subscribe/close cycles per driver keep the heap flat: each cycle
 * subscribes, closes, drains the "closed" event and releases the handle. The
 * heap may not grow by 5 MB or more from the warmed-up start, and a
 * subscription made afterwards still works.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { heapAfterGc } from "../reliability/heap.js";
import { eachBroker } from "../helpers/brokers.js";
import { eventOf, eventsUntil } from "../helpers/poll.js";
import { busRuntime, messagesOn } from "./nodes.js";

const CYCLES = 100_000;
const BATCH = 1000;
const MAX_GROWTH = 5 * 1024 * 1024;

eachBroker("bus cycles", (broker) => {
  test(`${CYCLES.toLocaleString("en-US")} bus_sub/close cycles keep the heap flat`, { timeout: 300_000 }, async () => {
    const runtime = busRuntime(broker());
    const net = runtime.net;
    await eventOf(net, net.bus_sub("warm"), "connected");
    let start = 0;
    for (let done = 0; done < CYCLES; done += BATCH) {
      for (let i = 0; i < BATCH; i++) net.close(net.bus_sub(i % 2 === 0 ? `cycle.${i % 50}` : "cycle.*"));
      for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) net.close(event.handle);
      // let the broker catch up before the next batch: one confirmed subscription proves it has read everything sent
      const probe = net.bus_sub("probe");
      await eventsUntil(net, (seen) => seen.some((e) => e.handle === probe && e.type === "connected"), { timeoutMs: 30_000 });
      net.close(probe);
      if (done === 10 * BATCH) start = await heapAfterGc();
    }
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) net.close(event.handle);
    const growth = (await heapAfterGc()) - start;
    assert.ok(growth < MAX_GROWTH, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB`);
    assert.ok(runtime.stats().handles.total < 1200, `${runtime.stats().handles.total} handles left in the table`);
    const after = net.bus_sub("cycle.after");
    await eventOf(net, after, "connected");
    net.bus_pub("cycle.after", "still works");
    const events = await eventsUntil(net, (seen) => messagesOn(seen, after).length === 1);
    assert.equal(messagesOn(events, after)[0].data, "still works");
  });
});
