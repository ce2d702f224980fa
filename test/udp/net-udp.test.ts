/**
 * The `udp_*` functions of `net` (SPEC 12) between two runtimes of our own:
 * bound status and `local_port`, text and binary, boundaries, exactly once,
 * every error text of `udp_open` and `udp_send`, address in use, IPv6 `::1`,
 * close, the socket quota and the feature flag.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createNetRuntime as createBrowserRuntime } from "../../src/browser.js";
import { ERR } from "../../src/index.js";
import { eventOf, eventsUntil, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { datagrams, openBound } from "../helpers/udp.js";

const UDP = ["udp_open", "udp_send", "udp_recv", "udp_close"];

describe("udp_open", () => {
  test('is "opening", then "listening" with local_port answering, and queues no event for it', async () => {
    const { net } = runtimeForTest();
    const handle = net.udp_open(0, "127.0.0.1");
    assert.equal(net.status(handle), "opening");
    await pollUntil(() => net.status(handle) === "listening", { what: "the socket to bind" });
    const port = net.local_port(handle) as number;
    assert.ok(Number.isInteger(port) && port > 0, `local_port ${port}`);
    assert.equal(net.poll_event(), undefined);
    assert.equal(net.remote_addr(handle), undefined);
  });

  test("with no arguments binds every interface on a free port", async () => {
    const { net } = runtimeForTest();
    const { port } = await openBound(net);
    assert.ok(port > 0);
  });

  test('a bad port, host or options gives an "error" handle with its event', async () => {
    const { net } = runtimeForTest();
    const cases: [unknown[], string][] = [
      [[70_000], ERR.invalidPort],
      [[-1], ERR.invalidPort],
      [[1.5], ERR.invalidPort],
      [["80"], ERR.invalidPort],
      [[0, "bad host!"], ERR.invalidHost],
      [[0, 42], ERR.invalidHost],
      [[0, "127.0.0.1", { binary: "yes" }], ERR.invalidOptions],
      [[0, "127.0.0.1", { binray: true }], ERR.invalidOptions],
      [[0, "127.0.0.1", 7], ERR.invalidOptions],
    ];
    for (const [args, text] of cases) {
      const handle = (net.udp_open as (...a: unknown[]) => number)(...args);
      assert.equal(net.status(handle), "error", JSON.stringify(args));
      assert.deepEqual(await eventOf(net, handle, "error"), { type: "error", handle, data: text }, JSON.stringify(args));
    }
  });

  test('a port already bound ends in "address in use"', async () => {
    const { net } = runtimeForTest();
    const first = await openBound(net, 0, "127.0.0.1");
    const second = net.udp_open(first.port, "127.0.0.1");
    assert.deepEqual(await eventOf(net, second, "error"), { type: "error", handle: second, data: ERR.addressInUse });
    assert.equal(net.status(second), "error");
    assert.equal(net.status(first.handle), "listening");
  });

  test("maxUdpSockets bounds the open sockets, within maxConnections", async () => {
    const { net } = runtimeForTest({ limits: { maxUdpSockets: 2 } });
    const a = await openBound(net, 0, "127.0.0.1");
    await openBound(net, 0, "127.0.0.1");
    const third = net.udp_open(0, "127.0.0.1");
    assert.equal((await eventOf(net, third, "error")).data, ERR.tooManyConnections);
    net.udp_close(a.handle);
    await openBound(net, 0, "127.0.0.1");
    const tight = runtimeForTest({ limits: { maxConnections: 1 } }).net;
    await openBound(tight, 0, "127.0.0.1");
    const over = tight.udp_open(0, "127.0.0.1");
    assert.equal((await eventOf(tight, over, "error")).data, ERR.tooManyConnections, "a UDP socket counts against maxConnections");
    assert.equal(tight.status(tight.tcp_connect("127.0.0.1", 9)), "error", "and takes a TCP connection's place");
  });
});

describe("udp_send and receiving", () => {
  test("text arrives as text, bytes as a Uint8Array on a binary socket; from is ip:port", async () => {
    const sender = runtimeForTest().net;
    const receiver = runtimeForTest().net;
    const a = await openBound(sender, 0, "127.0.0.1");
    const text = await openBound(receiver, 0, "127.0.0.1");
    const binary = await openBound(receiver, 0, "127.0.0.1", { binary: true });
    assert.equal(sender.udp_send(a.handle, "127.0.0.1", text.port, "héllo ✓"), true);
    assert.equal(sender.udp_send(a.handle, "127.0.0.1", binary.port, new Uint8Array([0, 1, 255])), true);
    assert.equal(sender.udp_send(a.handle, "127.0.0.1", binary.port, new Uint8Array([7, 8]).buffer), true);
    assert.equal(sender.udp_send(a.handle, "127.0.0.1", text.port, new Uint8Array([0xff, 0x41])), true);
    const [first, invalid] = await datagrams(receiver, text.handle, 2);
    assert.deepEqual(first, { type: "datagram", handle: text.handle, data: "héllo ✓", from: `127.0.0.1:${a.port}` });
    assert.equal(invalid.data, "\ufffdA", "invalid UTF-8 is replaced");
    const [bytes, buffer] = await datagrams(receiver, binary.handle, 2);
    assert.ok(bytes.data instanceof Uint8Array);
    assert.deepEqual([...(bytes.data as Uint8Array)], [0, 1, 255]);
    assert.deepEqual([...(buffer.data as Uint8Array)], [7, 8]);
  });

  test("datagrams are never merged or split, and each is delivered once: by its event or by udp_recv", async () => {
    const sender = runtimeForTest().net;
    const receiver = runtimeForTest().net;
    const a = await openBound(sender, 0, "127.0.0.1");
    const b = await openBound(receiver, 0, "127.0.0.1");
    for (let i = 0; i < 40; i++) assert.equal(sender.udp_send(a.handle, "127.0.0.1", b.port, `m${i}`), true);
    const seen: string[] = [];
    await pollUntil(
      () => {
        const pulled = receiver.udp_recv(b.handle);
        if (pulled !== undefined) seen.push(`recv:${pulled.data as string}`);
        const event = receiver.poll_event();
        if (event?.type === "datagram") seen.push(`event:${event.data as string}`);
        return seen.length >= 40;
      },
      { what: `40 datagrams (got ${seen.length})` },
    );
    assert.deepEqual(seen.map((entry) => entry.split(":")[1]), Array.from({ length: 40 }, (_, i) => `m${i}`));
    assert.ok(seen.some((entry) => entry.startsWith("recv:")) && seen.some((entry) => entry.startsWith("event:")));
    assert.equal(receiver.udp_recv(b.handle), undefined);
    assert.equal(receiver.poll_event(), undefined, "no event left for a datagram udp_recv took");
  });

  test("udp_recv returns { data, from }", async () => {
    const sender = runtimeForTest().net;
    const receiver = runtimeForTest().net;
    const a = await openBound(sender, 0, "127.0.0.1");
    const b = await openBound(receiver, 0, "127.0.0.1");
    sender.udp_send(a.handle, "localhost", b.port, "by name");
    const got = await pollUntil(() => receiver.udp_recv(b.handle), { what: "a datagram by udp_recv" });
    assert.deepEqual(got, { data: "by name", from: `127.0.0.1:${a.port}` });
  });

  test("every error text of udp_send", async () => {
    const { net, limits } = runtimeForTest({ limits: { sendBufferBytes: 3000 } });
    const opening = net.udp_open(0, "127.0.0.1");
    assert.equal(net.udp_send(opening, "127.0.0.1", 9, "x"), ERR.notConnected);
    const a = await openBound(net, 0, "127.0.0.1");
    const send = net.udp_send as (...args: unknown[]) => unknown;
    assert.equal(send(999_999, "127.0.0.1", 9, "x"), ERR.unknownHandle);
    assert.equal(send(a.handle, undefined, 9, "x"), ERR.invalidHost, "no host at the first send");
    assert.equal(send(a.handle, "", 9, "x"), ERR.invalidHost);
    assert.equal(send(a.handle, "127.0.0.1", 9, "x"), true);
    assert.equal(send(a.handle, "bad host!", 9, "x"), ERR.invalidHost, "a bad host right after a good one");
    assert.equal(send(a.handle, 7, 9, "x"), ERR.invalidHost);
    assert.equal(send(a.handle, "127.0.0.1", 0, "x"), ERR.invalidPort);
    assert.equal(send(a.handle, "127.0.0.1", 70_000, "x"), ERR.invalidPort);
    assert.equal(send(a.handle, "127.0.0.1", 9, 42), ERR.invalidData);
    assert.equal(send(a.handle, "127.0.0.1", 9, { data: "x" }), ERR.invalidData);
    assert.equal(limits.udpMaxDatagramBytes, 65_507);
    const big = runtimeForTest().net;
    const b = await openBound(big, 0, "127.0.0.1");
    assert.equal(big.udp_send(b.handle, "127.0.0.1", 9, new Uint8Array(65_508)), ERR.messageTooLarge);
    assert.equal(big.udp_send(b.handle, "127.0.0.1", 9, "é".repeat(32_754)), ERR.messageTooLarge, "text is measured in UTF-8 bytes");
    assert.equal(big.udp_send(b.handle, "127.0.0.1", 9, new Uint8Array(65_507)), true);
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, new Uint8Array(2000)), true);
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, new Uint8Array(2000)), ERR.sendBufferFull, "past sendBufferBytes in one turn");
    net.udp_close(a.handle);
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, "x"), ERR.closed);
  });

  test("udpMaxDatagramBytes is an option", async () => {
    const { net } = runtimeForTest({ limits: { udpMaxDatagramBytes: 1200 } });
    const a = await openBound(net, 0, "127.0.0.1");
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, "x".repeat(1200)), true);
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, "x".repeat(1201)), ERR.messageTooLarge);
  });

  test("bytes are copied when queued: a buffer reused within a turn sends each value", async () => {
    const sender = runtimeForTest().net;
    const receiver = runtimeForTest().net;
    const a = await openBound(sender, 0, "127.0.0.1");
    const b = await openBound(receiver, 0, "127.0.0.1", { binary: true });
    const buffer = new Uint8Array(1);
    for (let seq = 1; seq <= 3; seq++) {
      buffer[0] = seq;
      sender.udp_send(a.handle, "127.0.0.1", b.port, buffer);
    }
    const got = await datagrams(receiver, b.handle, 3);
    assert.deepEqual(got.map((event) => (event.data as Uint8Array)[0]), [1, 2, 3]);
  });

  test("an IPv4 destination works from the default dual-stack socket; IPv6 peers show as [ip]:port", async () => {
    const left = runtimeForTest().net;
    const right = runtimeForTest().net;
    const dual = await openBound(left);
    const v4 = await openBound(right, 0, "127.0.0.1");
    const v6 = await openBound(right, 0, "::1");
    assert.equal(left.udp_send(dual.handle, "127.0.0.1", v4.port, "to v4"), true);
    assert.equal(left.udp_send(dual.handle, "[::1]", v6.port, "to v6"), true);
    const [at4] = await datagrams(right, v4.handle, 1);
    const [at6] = await datagrams(right, v6.handle, 1);
    assert.deepEqual([at4.data, at4.from], ["to v4", `127.0.0.1:${dual.port}`]);
    assert.deepEqual([at6.data, at6.from], ["to v6", `[::1]:${dual.port}`]);
    right.udp_send(v4.handle, "127.0.0.1", dual.port, "back over v4");
    right.udp_send(v6.handle, "::1", dual.port, "back over v6");
    const back = await datagrams(left, dual.handle, 2);
    const froms = new Map(back.map((event) => [event.data, event.from]));
    assert.equal(froms.get("back over v4"), `127.0.0.1:${v4.port}`, "never ::ffff:");
    assert.equal(froms.get("back over v6"), `[::1]:${v6.port}`);
  });
});

describe("udp_close", () => {
  test('queues "closed", leaves the status "closed", releases on the second close, and frees the port', async () => {
    const { net } = runtimeForTest();
    const a = await openBound(net, 0, "127.0.0.1");
    net.udp_close(a.handle);
    assert.equal(net.status(a.handle), "closed");
    assert.deepEqual(await eventOf(net, a.handle, "closed"), { type: "closed", handle: a.handle });
    assert.equal(net.udp_send(a.handle, "127.0.0.1", 9, "x"), ERR.closed);
    net.close(a.handle);
    assert.equal(net.status(a.handle), undefined);
    const again = await pollUntil(
      async () => {
        const attempt = net.udp_open(a.port, "127.0.0.1");
        await pollUntil(() => net.status(attempt) !== "opening");
        return net.status(attempt) === "listening" ? attempt : undefined;
      },
      { what: "the closed socket's port to be free again" },
    );
    assert.equal(net.local_port(again), a.port);
  });

  test("net.close works the same, and a datagram not yet taken stays readable until then", async () => {
    const sender = runtimeForTest().net;
    const runtime = runtimeForTest();
    const receiver = runtime.net;
    const a = await openBound(sender, 0, "127.0.0.1");
    const b = await openBound(receiver, 0, "127.0.0.1");
    sender.udp_send(a.handle, "127.0.0.1", b.port, "kept");
    await pollUntil(() => (runtime.stats().list.find((entry) => entry.handle === b.handle)?.bufferedIn ?? 0) > 0, { what: "the datagram to arrive" });
    receiver.close(b.handle);
    assert.deepEqual(receiver.udp_recv(b.handle), { data: "kept", from: `127.0.0.1:${a.port}` });
    const events = await eventsUntil(receiver, (seen) => seen.some((e) => e.type === "closed"));
    assert.deepEqual(events.map((e) => e.type), ["closed"]);
  });

  test("closing while opening ends the socket once, closed", async () => {
    const runtime = runtimeForTest();
    const net = runtime.net;
    const handle = net.udp_open(0, "127.0.0.1");
    net.udp_close(handle);
    assert.equal(net.status(handle), "closed");
    await runtime.close();
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === handle));
    assert.equal(net.poll_event(), undefined);
    assert.deepEqual(events.filter((e) => e.handle === handle).map((e) => e.type), ["closed"]);
  });
});

describe("feature flag", () => {
  test("udp is on by default; with features.udp false its functions are absent", () => {
    const on = runtimeForTest().net as unknown as Record<string, unknown>;
    for (const name of UDP) assert.equal(typeof on[name], "function", name);
    const off = runtimeForTest({ features: { udp: false } }).net;
    for (const name of UDP) assert.equal(name in off, false, name);
    assert.equal(typeof off.local_port, "function");
  });

  test("the browser build has no UDP, whatever features ask", async () => {
    const page = createBrowserRuntime({ features: { udp: true } as Record<string, boolean> });
    for (const name of UDP) assert.equal(name in page.net, false, name);
    await page.close();
  });
});
