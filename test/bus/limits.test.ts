/**
 * The bus's bounds and checks, once per driver: `busMessageBytes` on publish,
 * overflow past `busQueueMessages` counted exactly in one "bus_overflow"
 * before the subscription's next message, "invalid topic" alike on both
 * brokers, bad arguments never throwing, and the setup errors and lazy
 * loading of the bus options (no driver package loaded unless its scheme is
 * used).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { createNetRuntime, type NetEvent } from "../../src/index.js";
import { eachBroker } from "../helpers/brokers.js";
import { eventOf, eventsUntil, pollUntil } from "../helpers/poll.js";
import { busRuntime, messagesOn } from "./nodes.js";

eachBroker("bus limits", (broker) => {
  test("busMessageBytes bounds a publish's payload", async () => {
    const runtime = busRuntime(broker(), { limits: { busMessageBytes: 1000 } });
    const sub = runtime.net.bus_sub("sized");
    await eventOf(runtime.net, sub, "connected");
    assert.equal(runtime.net.bus_pub("sized", "x".repeat(1000)), true);
    assert.equal(runtime.net.bus_pub("sized", "x".repeat(1001)), "message too large");
    assert.equal(runtime.net.bus_pub("sized", "é".repeat(501)), "message too large");
    assert.equal(runtime.net.bus_pub("sized", new Uint8Array(1001)), "message too large");
    assert.equal(runtime.net.bus_pub("sized", 42 as unknown as string), "invalid data");
    const events = await eventsUntil(runtime.net, (seen) => messagesOn(seen, sub).length === 1);
    assert.equal((messagesOn(events, sub)[0].data as string).length, 1000);
  });

  test("overflow past busQueueMessages is dropped and counted exactly, once per burst, before the next message", async () => {
    const runtime = busRuntime(broker(), { limits: { busQueueMessages: 50 } });
    const sub = runtime.net.bus_sub("flood");
    const mark = runtime.net.bus_sub("mark");
    await eventOf(runtime.net, sub, "connected");
    await eventOf(runtime.net, mark, "connected");
    for (let i = 0; i < 80; i++) runtime.net.bus_pub("flood", `f${i}`);
    runtime.net.bus_pub("mark", "after the flood");
    await pollUntil(() => (runtime.stats().list.find((h) => h.handle === mark)?.bufferedIn ?? 0) > 0, { what: "the mark after the flood" });
    const events: NetEvent[] = [];
    for (let event = runtime.net.poll_event(); event !== undefined; event = runtime.net.poll_event()) events.push(event);
    assert.deepEqual(messagesOn(events, sub).map((e) => e.data), Array.from({ length: 50 }, (_, i) => `f${i}`));
    runtime.net.bus_pub("flood", "next");
    const later = await eventsUntil(runtime.net, (seen) => messagesOn(seen, sub).some((e) => e.data === "next"));
    const tail = later.filter((e) => e.handle === sub && (e.type === "bus_overflow" || e.type === "bus_message")).slice(-2);
    assert.deepEqual(tail.map((e) => e.type), ["bus_overflow", "bus_message"]);
    assert.deepEqual(tail[0], { type: "bus_overflow", handle: sub, data: 30 });
    assert.equal(later.filter((e) => e.type === "bus_overflow").length, 1);
  });

  test("malformed topics get invalid topic on both brokers; bad arguments never throw", async () => {
    const runtime = busRuntime(broker());
    for (const topic of ["", "a..b", ".a", "a.", "zone.*.x", "*", "a b", "a/b", "x".repeat(201), 7, null]) {
      const handle = runtime.net.bus_sub(topic as string);
      assert.equal(runtime.net.status(handle), "error", `bus_sub(${JSON.stringify(topic)})`);
      assert.equal((await eventOf(runtime.net, handle, "error")).data, "invalid topic");
      if (topic !== "zone.*.x") assert.equal(runtime.net.bus_pub(topic as string, "x"), "invalid topic");
    }
    assert.equal(runtime.net.bus_pub("zone.*", "x"), "invalid topic");
    assert.equal(runtime.net.bus_sub("x".repeat(200)) > 0, true);
    for (const bad of [undefined, 5, "", "a b", "@", {}]) {
      const room = runtime.net.room_open(bad as string);
      assert.equal(runtime.net.status(room), "error");
      assert.equal(runtime.net.status(runtime.net.room_find(bad as string)), "error");
    }
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    assert.equal(runtime.net.status(runtime.net.room_open("ok", circular)), "error");
    assert.equal(runtime.net.room_meta(999, {}), "unknown handle");
    assert.equal(runtime.net.node_id().length > 0, true);
  });

  test("a second room of one name on one node is refused", async () => {
    const runtime = busRuntime(broker());
    const first = runtime.net.room_open("twin");
    await eventOf(runtime.net, first, "connected");
    const second = runtime.net.room_open("twin");
    assert.equal((await eventOf(runtime.net, second, "error")).data, "room already open");
  });
});

test("the bus's setup errors throw from createNetRuntime", () => {
  assert.throws(() => createNetRuntime({ features: { bus: true } }), /features\.bus needs bus: \{ url \}/);
  assert.throws(() => createNetRuntime({ features: { bus: false }, bus: { url: "redis://127.0.0.1:1" } }), /features\.bus is false/);
  assert.throws(() => createNetRuntime({ bus: { url: "http://127.0.0.1:1" } }), /bus\.url must be redis/);
  assert.throws(() => createNetRuntime({ bus: { url: "redis://127.0.0.1:1", leaseMS: 5 } as never }), /unknown option "leaseMS"/);
  assert.throws(() => createNetRuntime({ bus: { url: "nats://127.0.0.1:1", nodeId: "a b" } }), /bus\.nodeId/);
  assert.throws(() => createNetRuntime({ bus: { url: "nats://127.0.0.1:1", leaseMs: "3000" as never } }), /bus\.leaseMs/);
});

test("with the bus off no bus name is on net and no driver is loaded; a URL loads only its scheme's driver", () => {
  const probe = fileURLToPath(new URL("./driver-probe.ts", import.meta.url));
  const run = (url: string) => JSON.parse(execFileSync(process.execPath, ["--import", "tsx", probe, url], { encoding: "utf8" })) as Record<string, unknown>;
  assert.deepEqual(run(""), { names: [], ioredis: false, nats: false });
  assert.deepEqual(run("redis://127.0.0.1:1"), { names: ["bus_pub", "bus_status", "bus_sub", "node_id", "room_find", "room_list", "room_meta", "room_open"], ioredis: true, nats: false });
  assert.deepEqual(run("nats://127.0.0.1:1"), { names: ["bus_pub", "bus_status", "bus_sub", "node_id", "room_find", "room_list", "room_meta", "room_open"], ioredis: false, nats: true });
});
