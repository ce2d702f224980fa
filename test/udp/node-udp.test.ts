/**
 * The Node UDP backend against peers no one here wrote (SPEC 12): socat as a
 * UDP echo on IPv4 and IPv6, and the Python socket peer sending odd sizes,
 * bursts and datagrams from several source ports; then the receive buffer's
 * bound with one "udp_dropped" per burst, and send-side drops counted and
 * reported at most once a second.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { ERR, type NetRuntime } from "../../src/index.js";
import { eventsUntil, pollUntil } from "../helpers/poll.js";
import type { Peer } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { datagrams, openBound, pythonSends, startPythonUdpEcho, startSocatUdpEcho } from "../helpers/udp.js";

/** The stats entry of one handle. */
function statsOf(runtime: NetRuntime, handle: number) {
  const entry = runtime.stats().list.find((each) => each.handle === handle);
  assert.ok(entry !== undefined, `handle ${handle} in stats`);
  return entry;
}

/** Bytes i % 256 for i below length, as the Python peer sends them. */
function pattern(length: number): number[] {
  return Array.from({ length }, (_, i) => i % 256);
}

describe("socat as a UDP echo", () => {
  const peers: { v4?: Peer; v6?: Peer } = {};
  before(async () => {
    peers.v4 = await startSocatUdpEcho("127.0.0.1");
    peers.v6 = await startSocatUdpEcho("::1");
  });
  after(async () => {
    await peers.v4?.stop();
    await peers.v6?.stop();
  });

  test("text, bytes and a 65,507-byte datagram come back whole, from the echo's address", async () => {
    const { net } = runtimeForTest();
    const text = await openBound(net, 0, "127.0.0.1");
    const binary = await openBound(net, 0, "127.0.0.1", { binary: true });
    const port = peers.v4?.port as number;
    assert.equal(net.udp_send(text.handle, "127.0.0.1", port, "ping ✓"), true);
    const [echo] = await datagrams(net, text.handle, 1);
    assert.deepEqual([echo.data, echo.from], ["ping ✓", `127.0.0.1:${port}`]);
    for (const size of [1, 1200, 65_507]) {
      assert.equal(net.udp_send(binary.handle, "127.0.0.1", port, new Uint8Array(pattern(size))), true);
      const got = await pollUntil(() => net.udp_recv(binary.handle), { what: `the ${size}-byte echo` });
      assert.equal((got.data as Uint8Array).length, size);
      assert.deepEqual([...(got.data as Uint8Array)], pattern(size));
    }
  });

  test("over IPv6 from the default dual-stack socket", async () => {
    const { net } = runtimeForTest();
    const socket = await openBound(net);
    const port = peers.v6?.port as number;
    assert.equal(net.udp_send(socket.handle, "::1", port, "over v6"), true);
    const [echo] = await datagrams(net, socket.handle, 1);
    assert.deepEqual([echo.data, echo.from], ["over v6", `[::1]:${port}`]);
    assert.equal(net.udp_send(socket.handle, "127.0.0.1", peers.v4?.port as number, "and v4"), true);
    const [v4] = await datagrams(net, socket.handle, 2).then((all) => all.slice(1));
    assert.deepEqual([v4.data, v4.from], ["and v4", `127.0.0.1:${peers.v4?.port}`]);
  });
});

describe("the Python socket peer", () => {
  test("sizes 0, 1, 1,200 and 65,507 arrive whole and in order", async () => {
    const { net } = runtimeForTest();
    const socket = await openBound(net, 0, "127.0.0.1", { binary: true });
    const [from] = await pythonSends("sizes", "127.0.0.1", socket.port, 0, 1, 1200, 65_507);
    const got = await datagrams(net, socket.handle, 4);
    assert.deepEqual(got.map((event) => (event.data as Uint8Array).length), [0, 1, 1200, 65_507]);
    assert.deepEqual([...(got[3].data as Uint8Array)], pattern(65_507));
    assert.ok(got.every((event) => event.from === `127.0.0.1:${from}`));
  });

  test("an empty datagram goes out and comes back (the Python echo answers empty ones)", async () => {
    const echo = await startPythonUdpEcho("127.0.0.1");
    after(() => echo.stop());
    const { net } = runtimeForTest();
    const socket = await openBound(net, 0, "127.0.0.1");
    assert.equal(net.udp_send(socket.handle, "127.0.0.1", echo.port, ""), true);
    assert.equal(net.udp_send(socket.handle, "127.0.0.1", echo.port, new Uint8Array(0)), true);
    const got = await datagrams(net, socket.handle, 2);
    assert.deepEqual(got.map((event) => event.data), ["", ""]);
  });

  test("a burst of 100 datagrams arrives once each, in order, none merged or split", async () => {
    const { net } = runtimeForTest();
    const socket = await openBound(net, 0, "127.0.0.1");
    await pythonSends("burst", "127.0.0.1", socket.port, 100, 200);
    const got = await datagrams(net, socket.handle, 100);
    assert.deepEqual(got.map((event) => (event.data as string).slice(0, 6)), Array.from({ length: 100 }, (_, i) => String(i).padStart(6, "0")));
    assert.ok(got.every((event) => (event.data as string).length === 200));
  });

  test("datagrams from several source ports carry each sender's own ip:port", async () => {
    const { net } = runtimeForTest();
    const socket = await openBound(net);
    const ports = await pythonSends("ports", "127.0.0.1", socket.port, 5);
    const got = await datagrams(net, socket.handle, 5);
    assert.deepEqual(new Set(got.map((event) => event.from)), new Set(ports.map((port) => `127.0.0.1:${port}`)));
    for (const event of got) assert.equal(event.from, `127.0.0.1:${event.data as string}`);
    const v6 = await pythonSends("ports", "::1", socket.port, 3);
    const over6 = (await datagrams(net, socket.handle, 8)).slice(5);
    assert.deepEqual(new Set(over6.map((event) => event.from)), new Set(v6.map((port) => `[::1]:${port}`)));
  });
});

describe("receive buffer", () => {
  test('past recvBufferBytes new datagrams are dropped and counted, with one "udp_dropped" per burst', async () => {
    const runtime = runtimeForTest({ limits: { recvBufferBytes: 16 * 1024 } });
    const net = runtime.net;
    const socket = await openBound(net, 0, "127.0.0.1");
    await pythonSends("burst", "127.0.0.1", socket.port, 60, 1000);
    await pollUntil(() => (statsOf(runtime, socket.handle).counters?.droppedIn ?? 0) > 0, { what: "drops to be counted" });
    const first = statsOf(runtime, socket.handle);
    assert.ok(first.bufferedIn <= 16 * 1024, `bounded: ${first.bufferedIn} bytes held`);
    const held = first.counters?.datagramsIn as number;
    assert.ok(held > 0 && held < 60 && held + (first.counters?.droppedIn as number) <= 60, JSON.stringify(first.counters));
    await pythonSends("burst", "127.0.0.1", socket.port, 20, 1000);
    await pollUntil(() => (statsOf(runtime, socket.handle).counters?.droppedIn as number) > (first.counters?.droppedIn as number), { what: "the second burst's drops" });
    const events = await eventsUntil(net, (seen) => seen.filter((e) => e.type === "datagram").length >= held);
    const dropped = events.filter((e) => e.type === "udp_dropped");
    assert.deepEqual(dropped, [{ type: "udp_dropped", handle: socket.handle, data: ERR.receiveBufferFull }], "one per burst: the script took nothing in between");
    await pythonSends("burst", "127.0.0.1", socket.port, 60, 1000);
    const again = await eventsUntil(net, (seen) => seen.filter((e) => e.type === "udp_dropped").length >= 2, { what: "the next burst's report" });
    assert.equal(again.filter((e) => e.type === "udp_dropped").length, 2, "taking datagrams ended the first burst");
  });
});

describe("send-side drops", () => {
  test('a name that does not resolve: every datagram counted, one "udp_dropped" a second', async () => {
    const runtime = runtimeForTest();
    const net = runtime.net;
    const socket = await openBound(net, 0, "127.0.0.1");
    for (let i = 0; i < 30; i++) assert.equal(net.udp_send(socket.handle, "no-such-host.invalid", 9, `x${i}`), true);
    await pollUntil(() => statsOf(runtime, socket.handle).counters?.droppedOut === 30, { what: "30 drops to be counted" });
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.type === "udp_dropped"));
    assert.deepEqual(events.filter((e) => e.type === "udp_dropped"), [{ type: "udp_dropped", handle: socket.handle, data: ERR.hostNotFound }]);
    assert.equal(net.status(socket.handle), "listening", "not a terminal event");
    const later = Date.now();
    await pollUntil(() => Date.now() - later > 1100 && true, { what: "a second to pass", timeoutMs: 5000 });
    net.udp_send(socket.handle, "no-such-host.invalid", 9, "again");
    const next = await eventsUntil(net, (seen) => seen.filter((e) => e.type === "udp_dropped").length >= 2, { what: "the next second's report" });
    assert.equal(next.filter((e) => e.type === "udp_dropped").length, 2);
  });

  test("a send the system refuses is counted and reported, and the socket stays open", async () => {
    const runtime = runtimeForTest();
    const net = runtime.net;
    const v4 = await openBound(net, 0, "127.0.0.1");
    assert.equal(net.udp_send(v4.handle, "255.255.255.255", 9, "broadcast"), true);
    assert.equal(net.udp_send(v4.handle, "::1", 9, "v6 from a v4 socket"), true);
    const events = await eventsUntil(net, (seen) => seen.filter((e) => e.type === "udp_dropped").length >= 2);
    assert.deepEqual(new Set(events.filter((e) => e.type === "udp_dropped").map((e) => "data" in e && e.data)), new Set(["permission denied", ERR.addressFamily]));
    assert.deepEqual(statsOf(runtime, v4.handle).counters, { datagramsIn: 0, datagramsOut: 0, droppedIn: 0, droppedOut: 2 });
    assert.equal(net.status(v4.handle), "listening");
  });

  test("a name resolves once for many datagrams, and each reaches the peer", async () => {
    const sender = runtimeForTest();
    const receiver = runtimeForTest().net;
    const a = await openBound(sender.net, 0, "127.0.0.1");
    const b = await openBound(receiver, 0, "127.0.0.1");
    for (let i = 0; i < 20; i++) sender.net.udp_send(a.handle, "localhost", b.port, `n${i}`);
    const got = await datagrams(receiver, b.handle, 20);
    assert.deepEqual(got.map((event) => event.data), Array.from({ length: 20 }, (_, i) => `n${i}`));
    assert.equal(statsOf(sender, a.handle).counters?.datagramsOut, 20);
  });

  test("stats count datagrams and bytes per socket", async () => {
    const sender = runtimeForTest();
    const receiver = runtimeForTest();
    const a = await openBound(sender.net, 0, "127.0.0.1");
    const b = await openBound(receiver.net, 0, "127.0.0.1");
    for (let i = 0; i < 3; i++) sender.net.udp_send(a.handle, "127.0.0.1", b.port, "12345");
    await datagrams(receiver.net, b.handle, 3);
    const out = statsOf(sender, a.handle);
    const into = statsOf(receiver, b.handle);
    assert.deepEqual([out.bytesOut, out.counters?.datagramsOut], [15, 3]);
    assert.deepEqual([into.bytesIn, into.counters?.datagramsIn, into.localPort], [15, 3, b.port]);
  });
});
