/**
 * The packed frame writer behind `ws_send`: a turn's messages, small and
 * large, text (with multi-byte characters) and binary, of every header
 * size, reach a peer no one here wrote (Python websockets, which checks the
 * client's masking and UTF-8) whole and in order; a ping ws sends between
 * turns stays a frame of its own; and an accepted connection's unmasked
 * frames reach a `ws` client.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { WebSocket } from "ws";
import type { Net } from "../../src/index.js";
import { startPythonWs } from "../helpers/peers.js";
import type { Peer } from "../helpers/processes.js";
import { boundPort, eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

/** One turn's worth of messages: empty, the 125/126 and 65,535/65,536-byte header boundaries, multi-byte text, binary. */
const TURN: (string | Uint8Array)[] = [
  "",
  "a".repeat(125),
  "b".repeat(126),
  "snow ☃ and 🎲",
  new Uint8Array([0, 1, 2, 255]),
  "c".repeat(20_000),
  "after the large one",
  new Uint8Array(70_000).map((_, i) => i & 0xff),
  "é".repeat(4_000),
  "d".repeat(65_535),
  new Uint8Array(65_536).fill(7),
];

function send(net: Net, handle: number, message: string | Uint8Array): true | string {
  return typeof message === "string" ? net.ws_send(handle, message) : net.ws_send_binary(handle, message);
}

/** Receives `count` messages of `handle` through ws_recv. */
function receive(net: Net, handle: number, count: number): Promise<(string | Uint8Array)[]> {
  const got: (string | Uint8Array)[] = [];
  return pollUntil(
    () => {
      for (let data = net.ws_recv(handle); data !== undefined; data = net.ws_recv(handle)) got.push(data as string | Uint8Array);
      return got.length >= count && got;
    },
    { what: `${count} messages` },
  );
}

describe("packed WebSocket frames", () => {
  let python: Peer;
  before(async () => {
    python = await startPythonWs();
  });
  after(() => python.stop());

  test("a mixed turn reaches a Python echo server whole and in order, twice over", async () => {
    const { net } = runtimeForTest();
    const ws = net.ws_connect(`ws://127.0.0.1:${python.port}/`);
    await eventOf(net, ws, "connected");
    for (const message of TURN) assert.equal(send(net, ws, message), true);
    await new Promise((resolve) => setImmediate(resolve));
    for (const message of TURN) assert.equal(send(net, ws, message), true);
    const echoed = await receive(net, ws, 2 * TURN.length);
    assert.deepEqual(echoed, [...TURN, ...TURN]);
  });

  test("an accepted connection's frames reach a ws client unmasked and in order, with pings between turns", async () => {
    const { net } = runtimeForTest();
    const listener = net.ws_listen(0);
    const port = await boundPort(net, listener);
    const client = new WebSocket(`ws://127.0.0.1:${port}/`);
    const opened = new Promise((resolve, reject) => client.once("open", resolve).once("error", reject));
    const got: (string | Uint8Array)[] = [];
    client.on("message", (data: Buffer, binary: boolean) => got.push(binary ? new Uint8Array(data) : data.toString("utf8")));
    let pongs = 0;
    client.on("pong", () => pongs++);
    const accepted = await eventOf(net, listener, "accepted");
    const handle = accepted.data as number;
    await opened;
    for (const message of TURN) assert.equal(send(net, handle, message), true);
    client.ping();
    await new Promise((resolve) => setImmediate(resolve));
    for (const message of TURN) assert.equal(send(net, handle, message), true);
    await pollUntil(() => got.length >= 2 * TURN.length && pongs === 1, { what: "both turns and the pong" });
    assert.deepEqual(got, [...TURN, ...TURN]);
    client.terminate();
  });
});
