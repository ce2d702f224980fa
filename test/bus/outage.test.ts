/**
 * A broker outage, once per driver: killing the broker ends every
 * subscription with one "bus disconnected" and turns bus_status to "error";
 * once the broker is back (empty) the status returns to "connected" by
 * itself, new subscriptions work, and each node's lease and open rooms are
 * registered again without the script doing anything.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eachBroker } from "../helpers/brokers.js";
import { eventOf, eventsUntil, history, pollAsync, pollUntil } from "../helpers/poll.js";
import { busRuntime, messagesOn } from "./nodes.js";

eachBroker("bus outage", (broker) => {
  test("a broker restart: one bus disconnected per subscription, then everything comes back by itself", async () => {
    const [a, b] = [busRuntime(broker()), busRuntime(broker())];
    const subs = [a.net.bus_sub("news"), a.net.bus_sub("news"), a.net.bus_sub("zone.*")];
    const room = a.net.room_open("keep", { v: 1 }, "ws://a");
    for (const sub of subs) await eventOf(a.net, sub, "connected");
    await eventOf(a.net, room, "connected");
    await eventsUntil(b.net, (seen) => seen.some((e) => e.type === "node_up" && e.data === a.net.node_id()));
    await broker().kill();
    await pollUntil(() => a.net.bus_status() === "error" && b.net.bus_status() === "error", { what: "bus_status error" });
    await eventsUntil(a.net, (seen) => subs.every((sub) => seen.some((e) => e.handle === sub && e.type === "error")));
    assert.equal(a.net.bus_pub("news", "lost"), "not connected");
    await broker().restart();
    await pollUntil(() => a.net.bus_status() === "connected" && b.net.bus_status() === "connected", {
      timeoutMs: 15_000,
      what: "bus_status connected again",
    });
    for (const sub of subs) {
      const ends = history(a.net).filter((e) => e.handle === sub && (e.type === "error" || e.type === "closed"));
      assert.deepEqual(ends, [{ type: "error", handle: sub, data: "bus disconnected" }]);
      assert.equal(a.net.status(sub), "error");
    }
    assert.equal(a.net.status(room), "connected");
    const again = b.net.bus_sub("news");
    await eventOf(b.net, again, "connected");
    assert.equal(a.net.bus_pub("news", "back"), true);
    const events = await eventsUntil(b.net, (seen) => messagesOn(seen, again).length === 1);
    assert.equal(messagesOn(events, again)[0].data, "back");
    const found = await pollAsync(async () => {
      const request = b.net.room_find(`keep@${a.net.node_id()}`);
      const seen = await eventsUntil(b.net, (all) => all.some((e) => e.handle === request && (e.type === "room_found" || e.type === "error")));
      const end = seen.find((e) => e.handle === request);
      return end?.type === "room_found" ? end : undefined;
    }, { what: "the open room registered again" });
    assert.deepEqual(found.data, { room: `keep@${a.net.node_id()}`, node: a.net.node_id(), address: "ws://a", meta: { v: 1 } });
    const c = busRuntime(broker());
    await eventsUntil(c.net, (seen) => seen.some((e) => e.type === "node_up" && e.data === a.net.node_id()), {
      what: "a new node to see the lease registered again",
    });
    assert.equal(history(b.net).filter((e) => e.type === "node_down" && e.data === a.net.node_id()).length, 0);
  });
});
