/**
 * Runs of small text sends, counted once per run: what a turn queues, what
 * the stats count and what the send buffer admits stay the exact UTF-8 bytes
 * of every send, with multi-byte text in the run and at the buffer's edge.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { RuntimeOptions } from "../../src/index.js";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { tcpPeerForTest } from "../helpers/tcp-peer.js";

/** A runtime with `options` connected to a TCP peer, and the peer's side of that connection. */
async function connectedToPeer(options?: RuntimeOptions) {
  const peer = await tcpPeerForTest();
  const runtime = runtimeForTest(options);
  const { net } = runtime;
  const handle = net.tcp_connect("127.0.0.1", peer.port);
  await eventOf(net, handle, "connected");
  return { runtime, net, handle, connection: await peer.accepted() };
}

const MIXED = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `état ${i} ☃\n` : `line ${i}\n`));

describe("text runs", () => {
  test("a turn of small texts is queued, counted and delivered as their exact UTF-8 bytes", async () => {
    const { runtime, net, handle, connection } = await connectedToPeer();
    for (const piece of MIXED) assert.equal(net.tcp_send(handle, piece), true);
    const expected = Buffer.from(MIXED.join(""), "utf8");
    const stats = runtime.stats();
    assert.equal(stats.totals.bytesOut, expected.length, "the runtime's bytes out");
    const entry = stats.list.find((listed) => listed.handle === handle);
    assert.equal(entry?.bytesOut, expected.length, "the handle's bytes out");
    assert.equal(entry?.bufferedOut, expected.length, "the turn's queued bytes");
    await pollUntil(() => connection.received().length >= expected.length, { what: `${expected.length} bytes at the peer` });
    assert.ok(connection.received().equals(expected), "the peer got exactly the sent bytes");
  });

  for (const [what, piece] of [
    ["ASCII", "x".repeat(64)],
    ["two-byte text", "é".repeat(32)],
  ] as const) {
    test(`the send buffer admits exactly its size in 64-byte sends of ${what}`, async () => {
      const { runtime, net, handle } = await connectedToPeer({ limits: { sendBufferBytes: 400_000 } });
      let accepted = 0;
      while (net.tcp_send(handle, piece) === true) accepted++;
      assert.equal(accepted, 400_000 / 64, "sends admitted in one turn");
      assert.equal(net.tcp_send(handle, "x"), "send buffer full", "one more byte is refused");
      assert.equal(runtime.stats().totals.bytesOut, 400_000, "bytes counted");
    });
  }

  test("a big text sent again is counted again, and one of the same length but other bytes is measured anew", async () => {
    const { runtime, net, handle, connection } = await connectedToPeer();
    const ascii = "x".repeat(2000);
    const accented = `é${"x".repeat(1999)}`;
    for (const text of [ascii, ascii, accented, accented, ascii]) assert.equal(net.tcp_send(handle, text), true);
    const expected = Buffer.from(ascii + ascii + accented + accented + ascii, "utf8");
    assert.equal(runtime.stats().totals.bytesOut, expected.length, "2,000 + 2,000 + 2,001 + 2,001 + 2,000 bytes");
    await pollUntil(() => connection.received().length >= expected.length, { what: `${expected.length} bytes at the peer` });
    assert.ok(connection.received().equals(expected), "the peer got exactly the sent bytes");
  });

  test("big texts fill the send buffer to its exact UTF-8 size; one too long for the room is refused, before connecting too", async () => {
    const peer = await tcpPeerForTest();
    const runtime = runtimeForTest({ limits: { sendBufferBytes: 100_000 } });
    const { net } = runtime;
    const handle = net.tcp_connect("127.0.0.1", peer.port);
    assert.equal(net.tcp_send(handle, "x".repeat(200_000)), "not connected", "the handle's state comes before its room");
    await eventOf(net, handle, "connected");
    const twoByte = "é".repeat(20_000);
    assert.equal(net.tcp_send(handle, twoByte), true);
    assert.equal(net.tcp_send(handle, twoByte), true);
    assert.equal(net.tcp_send(handle, twoByte), "send buffer full", "40,000 bytes past the 20,000 left");
    assert.equal(net.tcp_send(handle, "x".repeat(20_001)), "send buffer full", "longer than the room");
    assert.equal(net.tcp_send(handle, "é".repeat(10_000)), true, "20,000 bytes fill it exactly");
    assert.equal(net.tcp_send(handle, "x"), "send buffer full");
    assert.equal(runtime.stats().totals.bytesOut, 100_000, "bytes counted");
  });
});
