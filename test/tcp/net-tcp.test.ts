/**
 * The TCP functions of `net` (seed 000; docs/net.md, "TCP") on real sockets: our own
 * listener, a socat echo and a socat peer that resets.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import type { NetEvent } from "../../src/index.js";
import { startSocatEcho, startSocatResetter } from "../helpers/peers.js";
import { boundPort, eventOf, eventsUntil, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

const terminal = (e: NetEvent) => e.type === "closed" || e.type === "error";

describe("tcp_connect", () => {
  test("connects to a socat echo and gets its bytes back", async () => {
    const echo = await startSocatEcho();
    after(() => echo.stop());
    const { net } = runtimeForTest();
    const conn = net.tcp_connect("127.0.0.1", echo.port);
    assert.equal(net.status(conn), "connecting");
    assert.equal(net.tcp_send(conn, "early"), "not connected");
    await eventOf(net, conn, "connected");
    assert.equal(net.status(conn), "connected");
    assert.equal(net.tcp_send(conn, "ping\n"), true);
    let text = "";
    await pollUntil(() => ((text += net.tcp_recv(conn) ?? ""), text === "ping\n"), { what: "the echo" });
    assert.match(net.remote_addr(conn) ?? "", /^127\.0\.0\.1:\d+$/);
    assert.ok((net.local_port(conn) ?? 0) > 0);
  });

  test("reaches an IPv6 listener at ::1", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "::1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("::1", port);
    await eventOf(net, conn, "connected");
    assert.match(net.remote_addr(conn) ?? "", /^\[::1\]:\d+$/);
  });

  test("a refused connection ends with one error event", async () => {
    const { net } = runtimeForTest();
    const server = nodeNet.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as nodeNet.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    const conn = net.tcp_connect("127.0.0.1", port);
    const error = await eventOf(net, conn, "error");
    assert.equal(error.data, "connection refused");
    assert.equal(net.status(conn), "error");
    assert.equal(net.tcp_send(conn, "x"), "closed");
  });

  test("an unknown host ends in 'host not found'", async () => {
    const { net } = runtimeForTest();
    const conn = net.tcp_connect("no-such-host.invalid", 80);
    assert.equal((await eventOf(net, conn, "error")).data, "host not found");
  });

  test("a peer reset delivers the bytes before it, then one error", async () => {
    const resetter = await startSocatResetter("abc");
    after(() => resetter.stop());
    const { net } = runtimeForTest();
    const conn = net.tcp_connect("127.0.0.1", resetter.port);
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === conn && terminal(e)));
    const mine = events.filter((e) => e.handle === conn);
    assert.equal(mine[0].type, "connected");
    const text = mine.filter((e) => e.type === "data").map((e) => e.data).join("");
    assert.equal(text, "abc");
    assert.equal(mine.filter(terminal).length, 1, "exactly one terminal event");
    const last = mine[mine.length - 1];
    assert.ok(last.type === "error" ? last.data === "connection reset" : last.type === "closed", JSON.stringify(last));
  });

  test("bad arguments return a handle that ends in error", async () => {
    const { net } = runtimeForTest();
    const cases: [unknown, unknown, string][] = [
      ["127.0.0.1", 70000, "invalid port"],
      ["127.0.0.1", -1, "invalid port"],
      ["127.0.0.1", 1.5, "invalid port"],
      [42, 80, "invalid host"],
      ["", 80, "invalid host"],
      ["bad host name", 80, "invalid host"],
    ];
    for (const [host, port, text] of cases) {
      const handle = net.tcp_connect(host as string, port as number);
      assert.ok(Number.isInteger(handle) && handle > 0);
      assert.equal(net.status(handle), "error");
      assert.equal((await eventOf(net, handle, "error")).data, text, `${String(host)}:${String(port)}`);
    }
  });
});

describe("tcp_listen, tcp_accept, tcp_stop", () => {
  test("accepted clients are connected at once and delivered exactly once", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    assert.equal(net.status(listener), "listening");
    const clients = Array.from({ length: 6 }, () => nodeNet.connect(port, "127.0.0.1"));
    after(() => clients.forEach((c) => c.destroy()));
    const viaAccept: number[] = [];
    const viaEvent: number[] = [];
    await pollUntil(() => {
      const pulled = net.tcp_accept(listener);
      if (pulled !== undefined) viaAccept.push(pulled);
      const event = net.poll_event();
      if (event?.type === "accepted") viaEvent.push(event.data);
      return viaAccept.length + viaEvent.length === 6;
    }, { what: "six accepted clients" });
    const all = [...viaAccept, ...viaEvent];
    assert.equal(new Set(all).size, 6, "no client delivered twice");
    for (const client of all) assert.equal(net.status(client), "connected");
    assert.equal(net.tcp_accept(listener), undefined);
    assert.equal(net.poll_event(), undefined);
  });

  test("tcp_stop closes the listener and leaves its clients open", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("127.0.0.1", port);
    const accepted = await eventOf(net, listener, "accepted");
    await eventOf(net, conn, "connected");
    net.tcp_stop(listener);
    assert.equal(net.status(listener), "closed");
    assert.equal(net.tcp_send(accepted.data, "still here"), true);
    let text = "";
    await pollUntil(() => ((text += net.tcp_recv(conn) ?? ""), text === "still here"), { what: "data after stop" });
  });
});

describe("ordering and exactly-once", () => {
  test("data sent before a remote close arrives before its one closed event", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("127.0.0.1", port);
    const server = (await eventOf(net, listener, "accepted")).data;
    for (let i = 0; i < 100; i++) net.tcp_send(server, `line ${i}\n`);
    net.tcp_close(server);
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === conn && terminal(e)));
    const mine = events.filter((e) => e.handle === conn);
    const text = mine.filter((e) => e.type === "data").map((e) => e.data).join("");
    assert.equal(text, Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(""));
    assert.deepEqual(mine.filter(terminal).map((e) => e.type), ["closed"]);
    assert.equal(mine[mine.length - 1].type, "closed", "closed comes last");
    assert.equal(net.status(conn), "closed");
  });

  test("mixing tcp_recv and poll_event delivers every byte exactly once", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("127.0.0.1", port);
    const server = (await eventOf(net, listener, "accepted")).data;
    const expected = Array.from({ length: 2000 }, (_, i) => `<${i}>`).join("");
    for (let i = 0; i < 2000; i += 50) {
      net.tcp_send(server, Array.from({ length: 50 }, (_, j) => `<${i + j}>`).join(""));
      await new Promise((resolve) => setImmediate(resolve));
    }
    let received = "";
    let turn = 0;
    await pollUntil(() => {
      turn++;
      if (turn % 2 === 0) received += net.tcp_recv(conn) ?? "";
      const event = net.poll_event();
      if (event?.type === "data" && event.handle === conn) received += event.data;
      return received.length >= expected.length;
    }, { what: "all bytes" });
    assert.equal(received, expected);
    assert.equal(net.tcp_recv(conn), undefined);
  });

  test("a local close queues exactly one closed event and a second close releases", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("127.0.0.1", port);
    await eventOf(net, conn, "connected");
    net.tcp_close(conn);
    net.close(conn);
    assert.equal(net.status(conn), undefined, "the second close released the handle");
    assert.equal(net.tcp_send(conn, "x"), "unknown handle");
    const other = net.tcp_connect("127.0.0.1", port);
    net.tcp_close(other);
    assert.equal(net.status(other), "closed");
    const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === other && e.type === "closed"));
    assert.equal(events.filter((e) => e.handle === other && terminal(e)).length, 1);
    assert.equal(events.filter((e) => e.handle === conn && terminal(e)).length, 0, "a released handle's events are dropped");
  });

  test("tcp_close flushes what was queued before closing", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const peer = nodeNet.connect(port, "127.0.0.1");
    let got = "";
    peer.on("data", (chunk) => (got += chunk));
    const ended = new Promise((resolve) => peer.on("end", resolve));
    const server = (await eventOf(net, listener, "accepted")).data;
    net.tcp_send(server, "last words");
    net.tcp_close(server);
    await Promise.race([ended, pollUntil(() => false, { timeoutMs: 5000, what: "the peer to see the end" })]);
    assert.equal(got, "last words");
  });
});

describe("text", () => {
  test("a UTF-8 character split across packets arrives whole", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const peer = nodeNet.connect(port, "127.0.0.1");
    peer.setNoDelay(true);
    after(() => peer.destroy());
    const client = (await eventOf(net, listener, "accepted")).data;
    const bytes = Buffer.from("é€😀", "utf8");
    let text = "";
    for (let i = 0; i < bytes.length; i++) {
      peer.write(bytes.subarray(i, i + 1));
      const before = text.length;
      await pollUntil(() => {
        text += net.tcp_recv(client) ?? "";
        return text.length > before || i < bytes.length - 1;
      }, { what: `byte ${i}` });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await pollUntil(() => ((text += net.tcp_recv(client) ?? ""), text === "é€😀"), { what: "the whole text" });
    assert.ok(!text.includes("\uFFFD"), "no replacement character");
  });
});
