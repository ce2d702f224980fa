/**
 * Fan-out on the bus, once per driver: every subscriber (several runtimes
 * and a child process, the publisher included) gets every message once and
 * in order, text as text and bytes as bytes, `.*` patterns cover deeper
 * topics only, and publishes of one turn arrive together.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NetEvent } from "../../src/index.js";
import { eachBroker } from "../helpers/brokers.js";
import { eventOf, eventsUntil } from "../helpers/poll.js";
import { busRuntime, messagesOn, startBusChild } from "./nodes.js";

eachBroker("bus fan-out", (broker) => {
  test("every subscriber, the publisher included, gets each message once and in order", async () => {
    const [a, b, c] = [busRuntime(broker()), busRuntime(broker()), busRuntime(broker())];
    const child = await startBusChild(broker(), ["sub", "fan"]);
    const subs = [a, b, c].map((runtime) => runtime.net.bus_sub("fan"));
    for (const [i, runtime] of [a, b, c].entries()) await eventOf(runtime.net, subs[i], "connected");
    for (let i = 0; i < 200; i++) assert.equal(a.net.bus_pub("fan", `m${i}`), true);
    const expected = Array.from({ length: 200 }, (_, i) => `m${i}`);
    for (const [i, runtime] of [a, b, c].entries()) {
      const events = await eventsUntil(runtime.net, (seen) => messagesOn(seen, subs[i]).length >= 200);
      assert.deepEqual(messagesOn(events, subs[i]).map((e) => e.data), expected);
      assert.ok(messagesOn(events, subs[i]).every((e) => e.from === a.net.node_id() && e.topic === "fan"));
    }
    const lines = await child.until((seen) => seen.filter((line) => line.type === "bus_message").length >= 200);
    assert.deepEqual(lines.filter((line) => line.type === "bus_message").map((line) => line.data), expected);
    await child.stop();
  });

  test("text arrives as text and bytes as a Uint8Array, in order when one turn mixes them", async () => {
    const runtime = busRuntime(broker());
    const sub = runtime.net.bus_sub("kinds");
    await eventOf(runtime.net, sub, "connected");
    runtime.net.bus_pub("kinds", "héllo");
    runtime.net.bus_pub("kinds", new Uint8Array([0, 1, 255]));
    runtime.net.bus_pub("kinds", new Uint8Array([7, 8]).buffer);
    runtime.net.bus_pub("kinds", "✓ 12:34 after bytes");
    const events = await eventsUntil(runtime.net, (seen) => messagesOn(seen, sub).length >= 4);
    const [text, bytes, buffer, after] = messagesOn(events, sub).map((e) => e.data);
    assert.equal(after, "✓ 12:34 after bytes");
    assert.equal(text, "héllo");
    assert.ok(bytes instanceof Uint8Array && buffer instanceof Uint8Array);
    assert.deepEqual([...bytes], [0, 1, 255]);
    assert.deepEqual([...buffer], [7, 8]);
  });

  test("a .* subscription covers every deeper topic and nothing else; a plain one only its topic", async () => {
    const runtime = busRuntime(broker());
    const pattern = runtime.net.bus_sub("zone.*");
    const plain = runtime.net.bus_sub("zone.1");
    await eventOf(runtime.net, pattern, "connected");
    await eventOf(runtime.net, plain, "connected");
    for (const topic of ["zone", "zonex", "zone.1", "zone.a.b", "other.zone.1"]) runtime.net.bus_pub(topic, topic);
    runtime.net.bus_pub("zone.end", "end");
    const events = await eventsUntil(runtime.net, (seen) => messagesOn(seen, pattern).some((e) => e.data === "end"));
    assert.deepEqual(messagesOn(events, pattern).map((e) => e.topic), ["zone.1", "zone.a.b", "zone.end"]);
    assert.deepEqual(messagesOn(events, plain).map((e) => e.data), ["zone.1"]);
  });

  test("two handles on one topic each get every message; closing one leaves the other", async () => {
    const runtime = busRuntime(broker());
    const [first, second] = [runtime.net.bus_sub("twice"), runtime.net.bus_sub("twice")];
    await eventOf(runtime.net, first, "connected");
    await eventOf(runtime.net, second, "connected");
    runtime.net.bus_pub("twice", "one");
    await eventsUntil(runtime.net, (seen) => messagesOn(seen, second).length === 1);
    runtime.net.close(first);
    runtime.net.bus_pub("twice", "two");
    const events = await eventsUntil(runtime.net, (seen) => messagesOn(seen, second).length === 2);
    assert.deepEqual(messagesOn(events, first).map((e) => e.data), ["one"]);
    assert.ok(events.some((e: NetEvent) => e.type === "closed" && e.handle === first));
    assert.equal(runtime.net.status(first), "closed");
  });
});
