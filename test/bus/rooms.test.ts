/**
 * Rooms and nodes on the bus, once per driver: a room opened in another
 * process is found and joined over WebSocket at the address it registered;
 * room_list and room_meta; a joining node hears of every live node; a
 * SIGKILLed node is reported down once to each survivor within the lease
 * bound, its rooms vanish, and the survivors lose nothing between them.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NetEvent, RoomInfo } from "../../src/index.js";
import { eachBroker } from "../helpers/brokers.js";
import { eventOf, eventsUntil, history, pollAsync } from "../helpers/poll.js";
import { busRuntime, messagesOn, startBusChild, TEST_LEASE_MS } from "./nodes.js";

const nodeEvents = (events: NetEvent[], type: "node_up" | "node_down", id: string) =>
  events.filter((e) => e.type === type && e.data === id);

eachBroker("bus rooms", (broker) => {
  test("a room opened in another process is found, and its owner is joined over WebSocket", async () => {
    const child = await startBusChild(broker(), ["room", "arena"]);
    const node = child.lines[0].node as string;
    const runtime = busRuntime(broker());
    await eventsUntil(runtime.net, () => runtime.net.bus_status() === "connected");
    const find = runtime.net.room_find("arena");
    const found = await eventOf(runtime.net, find, "room_found");
    assert.equal(found.data.room, `arena@${node}`);
    assert.equal(found.data.node, node);
    assert.deepEqual(found.data.meta, { players: 0 });
    assert.match(found.data.address, /^ws:\/\/127\.0\.0\.1:\d+$/);
    const byId = await eventOf(runtime.net, runtime.net.room_find(`arena@${node}`), "room_found");
    assert.equal(byId.data.address, found.data.address);
    const ws = runtime.net.ws_connect(found.data.address);
    await eventOf(runtime.net, ws, "connected");
    runtime.net.ws_send(ws, "hi");
    const reply = await eventOf(runtime.net, ws, "message");
    assert.equal(reply.data, "echo hi");
    const missing = runtime.net.room_find("nowhere");
    assert.equal((await eventOf(runtime.net, missing, "error")).data, "not found");
    await child.stop();
  });

  test("room_list lists every room or one name's; room_meta replaces the meta; close removes the room", async () => {
    const [a, b] = [busRuntime(broker(), {}, { publicAddress: "ws://a" }), busRuntime(broker())];
    const lobby = a.net.room_open("lobby", { players: 1 });
    const duel = b.net.room_open("duel", null, "ws://b:1");
    await eventOf(a.net, lobby, "connected");
    await eventOf(b.net, duel, "connected");
    const all = async (name?: string) => {
      const list = await eventOf(b.net, b.net.room_list(name), "room_list");
      return list.data.filter((r: RoomInfo) => r.node === a.net.node_id() || r.node === b.net.node_id());
    };
    const rooms = await all();
    assert.deepEqual(rooms.map((r) => r.room).sort(), [`duel@${b.net.node_id()}`, `lobby@${a.net.node_id()}`]);
    assert.equal(rooms.find((r) => r.room.startsWith("lobby"))?.address, "ws://a");
    assert.deepEqual((await all("duel")).map((r) => r.address), ["ws://b:1"]);
    assert.equal(a.net.room_meta(lobby, { players: 2 }), true);
    await pollAsync(async () => {
      const found = await eventOf(b.net, b.net.room_find("lobby"), "room_found");
      return (found.data.meta as { players: number }).players === 2;
    }, { what: "the new meta in the directory" });
    a.net.close(lobby);
    assert.equal(a.net.room_meta(lobby, {}), "unknown handle");
    await pollAsync(async () => {
      const request = b.net.room_find("lobby");
      const end = await eventsUntil(b.net, (seen) => seen.some((e) => e.handle === request && (e.type === "error" || e.type === "room_found")));
      return end.find((e) => e.handle === request)?.type === "error";
    }, { what: "the closed room to leave the directory" });
  });

  test("a joining node hears of each live node once; a SIGKILLed node goes down once per survivor, rooms and all", async () => {
    const child = await startBusChild(broker(), ["room", "doomed"]);
    const dead = child.lines[0].node as string;
    const [a, b] = [busRuntime(broker()), busRuntime(broker())];
    const [subA, subB] = [a.net.bus_sub("chat"), b.net.bus_sub("chat")];
    for (const runtime of [a, b]) {
      await eventsUntil(runtime.net, (seen) => nodeEvents(seen, "node_up", dead).length === 1, { what: "node_up of the child" });
    }
    await eventOf(a.net, subA, "connected");
    await eventOf(b.net, subB, "connected");
    await eventsUntil(a.net, (seen) => nodeEvents(seen, "node_up", b.net.node_id()).length === 1);
    const killedAt = Date.now();
    child.process.kill("SIGKILL");
    const sent: string[] = [];
    const pump = setInterval(() => {
      const text = `n${sent.length}`;
      if (a.net.bus_pub("chat", text) === true) sent.push(text);
    }, 10);
    const downAt: number[] = [];
    for (const runtime of [a, b]) {
      await eventsUntil(runtime.net, (seen) => nodeEvents(seen, "node_down", dead).length === 1, { timeoutMs: 10 * TEST_LEASE_MS });
      downAt.push(Date.now() - killedAt);
    }
    clearInterval(pump);
    const list = await eventOf(b.net, b.net.room_list(), "room_list");
    assert.equal(list.data.filter((r: RoomInfo) => r.node === dead).length, 0);
    assert.equal((await eventOf(a.net, a.net.room_find(`doomed@${dead}`), "error")).data, "not found");
    a.net.bus_pub("chat", "last");
    const events = await eventsUntil(b.net, (seen) => messagesOn(seen, subB).some((e) => e.data === "last"));
    assert.deepEqual(messagesOn(events, subB).map((e) => e.data), [...sent, "last"]);
    await eventsUntil(a.net, () => true);
    for (const runtime of [a, b]) assert.equal(nodeEvents(history(runtime.net), "node_down", dead).length, 1);
    assert.equal(nodeEvents(history(b.net), "node_up", a.net.node_id()).length, 1);
    // SPEC bound: leaseMs * 4 / 3 after the kill; generous slack for a loaded machine.
    assert.ok(Math.max(...downAt) < TEST_LEASE_MS * 4 / 3 + 1500, `node_down after ${downAt.join(", ")} ms`);
    console.log(`node_down after SIGKILL (${broker().kind}): ${downAt.join(", ")} ms, lease ${TEST_LEASE_MS} ms`);
  });
});
