/**
 * The WebSocket functions of `net` (seed 000; docs/net.md, "WebSocket") against a Python
 * websockets server (a peer no one here wrote) and our own `ws_listen`.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, before, describe, test } from "node:test";
import { WebSocketServer } from "ws";
import type { NetEvent } from "../../src/index.js";
import { startPythonWs } from "../helpers/peers.js";
import type { Peer } from "../helpers/processes.js";
import { boundPort, eventOf, eventsUntil, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

let python: Peer;
before(async () => {
  python = await startPythonWs();
});
after(() => python.stop());

const terminal = (e: NetEvent) => e.type === "closed" || e.type === "error";

describe("ws_connect to a Python websockets server", () => {
  test("the seed's chat example: connected, send, message, close", async () => {
    const { net } = runtimeForTest();
    const ws = net.ws_connect(`ws://127.0.0.1:${python.port}/room`);
    assert.equal(net.status(ws), "connecting");
    await eventOf(net, ws, "connected");
    assert.equal(net.ws_send(ws, "Hello, room!"), true);
    const message = await eventOf(net, ws, "message");
    assert.equal(message.data, "Hello, room!");
    net.ws_close(ws);
    const closed = await eventOf(net, ws, "closed");
    assert.equal(closed.code, 1000);
    assert.equal(net.status(ws), "closed");
  });

  test("binary messages round-trip as Uint8Array from bytes, ArrayBuffer and text bytes", async () => {
    const { net } = runtimeForTest();
    const ws = net.ws_connect(`ws://127.0.0.1:${python.port}/`);
    await eventOf(net, ws, "connected");
    assert.equal(net.ws_send_binary(ws, new Uint8Array([0, 1, 255])), true);
    assert.equal(net.ws_send_binary(ws, new Uint8Array([7, 8]).buffer), true);
    assert.equal(net.ws_send_binary(ws, "\u0000\u00ff"), true);
    assert.equal(net.ws_send_binary(ws, "\u0100"), "invalid data", "char codes over 255 are not bytes");
    const got: Uint8Array[] = [];
    await pollUntil(() => {
      const data = net.ws_recv(ws);
      if (data !== undefined) got.push(data as Uint8Array);
      return got.length === 3;
    }, { what: "three echoed binary messages" });
    assert.ok(got.every((m) => m instanceof Uint8Array));
    assert.deepEqual(got.map((m) => [...m]), [[0, 1, 255], [7, 8], [0, 255]]);
  });

  test("a server-side close carries its code and reason", async () => {
    const { net } = runtimeForTest();
    const ws = net.ws_connect(`ws://127.0.0.1:${python.port}/`);
    await eventOf(net, ws, "connected");
    net.ws_send(ws, "close-me");
    const closed = await eventOf(net, ws, "closed");
    assert.equal(closed.code, 4001);
    assert.equal(closed.reason, "asked");
  });

  test("bad URLs and refused connections end in error", async () => {
    const { net } = runtimeForTest();
    const bad = net.ws_connect("http://127.0.0.1/");
    assert.equal((await eventOf(net, bad, "error")).data, "invalid url");
    const server = nodeNet.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as nodeNet.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const refused = net.ws_connect(`ws://127.0.0.1:${port}/`);
    assert.equal((await eventOf(net, refused, "error")).data, "connection refused");
  });
});

describe("ws_listen", () => {
  test("accepted clients come exactly once, by ws_accept or the event, and talk both ways", async () => {
    const { net } = runtimeForTest();
    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const clients = [1, 2, 3, 4].map(() => net.ws_connect(`ws://127.0.0.1:${port}/`));
    const accepted: number[] = [];
    await pollUntil(() => {
      const pulled = net.ws_accept(listener);
      if (pulled !== undefined) accepted.push(pulled);
      const event = net.poll_event();
      if (event?.type === "accepted") accepted.push(event.data);
      return accepted.length === 4;
    }, { what: "four accepted clients" });
    assert.equal(new Set(accepted).size, 4);
    for (const server of accepted) assert.equal(net.ws_send(server, `to ${server}`), true);
    const events = await eventsUntil(net, (seen) => clients.every((c) => seen.some((e) => e.handle === c && e.type === "message")));
    for (const client of clients) assert.ok(events.some((e) => e.handle === client && e.type === "message"));
    net.ws_stop(listener);
    assert.equal(net.status(listener), "closed");
    assert.equal(net.ws_send(accepted[0], "after stop"), true, "clients stay open");
  });

  test("mixing ws_recv and poll_event delivers every message exactly once, in order", async () => {
    const { net } = runtimeForTest();
    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    const server = (await eventOf(net, listener, "accepted")).data;
    for (let i = 0; i < 500; i++) net.ws_send(server, `m${i}`);
    const got: string[] = [];
    let turn = 0;
    await pollUntil(() => {
      turn++;
      if (turn % 3 === 0) {
        const pulled = net.ws_recv(ws);
        if (pulled !== undefined) got.push(pulled as string);
      }
      const event = net.poll_event();
      if (event?.type === "message" && event.handle === ws) got.push(event.data as string);
      return got.length >= 500;
    }, { what: "500 messages" });
    assert.deepEqual(got, Array.from({ length: 500 }, (_, i) => `m${i}`));
    assert.equal(net.ws_recv(ws), undefined);
  });

  test("a message over wsMaxMessageBytes is refused on send and ends a sender that ignores the limit", async () => {
    const { net } = runtimeForTest({ limits: { wsMaxMessageBytes: 1024 } });
    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await eventOf(net, ws, "connected");
    assert.equal(net.ws_send(ws, "x".repeat(2000)), "message too large");
    const server = (await eventOf(net, listener, "accepted")).data;
    const raw = new (await import("ws")).WebSocket(`ws://127.0.0.1:${port}/`);
    await new Promise((resolve) => raw.once("open", resolve));
    raw.send("y".repeat(5000));
    const rawServer = await pollUntil(() => {
      const event = net.poll_event();
      return event?.type === "accepted" && event.data !== server ? event.data : undefined;
    }, { what: "the raw client to be accepted" });
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === rawServer && terminal(e)));
    const end = events.find((e) => e.handle === rawServer && terminal(e));
    assert.ok(end?.type === "error" && end.data === "message too large", JSON.stringify(end));
    raw.terminate();
  });

  test("a peer that stops answering pings ends in one error", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", autoPong: false });
    after(() => new Promise((resolve) => wss.close(resolve)));
    wss.on("connection", (socket) => after(() => socket.terminate()));
    await new Promise((resolve) => wss.once("listening", resolve));
    const { port } = wss.address() as nodeNet.AddressInfo;
    const { net } = runtimeForTest({ limits: { wsPingIntervalMs: 50 } });
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await eventOf(net, ws, "connected");
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === ws && terminal(e)));
    const ends = events.filter((e) => e.handle === ws && terminal(e));
    assert.deepEqual(ends, [{ type: "error", handle: ws, data: "peer not responding" }]);
  });

  test("ws_close with a code and reason reaches the peer and the local closed event", async () => {
    const { net } = runtimeForTest();
    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    const server = (await eventOf(net, listener, "accepted")).data;
    await eventOf(net, ws, "connected");
    net.ws_close(ws, 4321, "game over");
    const local = await eventOf(net, ws, "closed");
    assert.deepEqual([local.code, local.reason], [4321, "game over"]);
    const remote = await eventOf(net, server, "closed");
    assert.deepEqual([remote.code, remote.reason], [4321, "game over"]);
  });
});
