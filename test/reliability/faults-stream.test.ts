/**
 * Faults on a live connection: a reset mid-stream, a peer that half-closes,
 * a peer process killed with SIGKILL, messages and bodies over the limits,
 * and slowloris peers on both sides. Each ends its handle with exactly one
 * terminal event (or, for a refused send, none), and a bystander connection
 * in the same runtime goes on unaffected.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import type { RuntimeOptions } from "../../src/index.js";
import { makeCertificates, startNginx } from "../helpers/peers.js";
import { freePort, startPeer, stopProcess } from "../helpers/processes.js";
import { boundPort, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { drainUntil, expectEachEnds, startBystander } from "./bystander.js";
import { startTcpPeer, startWsEcho } from "./fault-peers.js";
import { EventLedger } from "./ledger.js";
import { dribble, rawServer } from "./raw-server.js";
import { handshakeResponse } from "./ws-frames.js";

async function setup(options?: RuntimeOptions) {
  const runtime = runtimeForTest(options);
  const ledger = new EventLedger(runtime.net);
  const bystander = await startBystander(runtime.net, ledger);
  return { net: runtime.net, ledger, bystander };
}

const received = (ledger: EventLedger, handle: number) =>
  ledger
    .eventsOf(handle)
    .map((e) => (e.type === "data" || e.type === "message" ? String(e.data) : ""))
    .join("");

describe("faults on a live connection", () => {
  test("reset mid-stream: the bytes before the reset arrive, then one 'connection reset'", async () => {
    const { net, ledger, bystander } = await setup();
    const { port } = await rawServer((socket) => {
      socket.on("data", () => {});
      socket.write("x".repeat(100_000), () => setTimeout(() => socket.resetAndDestroy(), 50));
    });
    const conn = net.tcp_connect("127.0.0.1", port);
    await drainUntil(ledger, () => net.status(conn) === "connected", "the connection");
    for (let i = 0; i < 100; i++) net.tcp_send(conn, "still sending ");
    await expectEachEnds(net, ledger, bystander, { conn }, { type: "error", data: /^connection reset$/ });
    assert.equal(received(ledger, conn), "x".repeat(100_000));
  });

  test("half-close: socat sends its text and shuts its side; the text arrives, then one 'closed'", async () => {
    const port = await freePort();
    const socat = await startPeer("socat", ["-t", "5", `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, "SYSTEM:printf half-closed"], port);
    after(() => socat.stop());
    const { net, ledger, bystander } = await setup();
    const conn = net.tcp_connect("127.0.0.1", port);
    await expectEachEnds(net, ledger, bystander, { conn }, { type: "closed" });
    assert.equal(received(ledger, conn), "half-closed");
    assert.equal(net.tcp_send(conn, "too late"), "closed");
  });

  test("peer process killed: tcp, ws and an http request in flight each end with one terminal event", async () => {
    const [echo, ws, silent] = [await startTcpPeer("echo"), await startWsEcho(), await startTcpPeer("silent")];
    const { net, ledger, bystander } = await setup();
    const tcp = net.tcp_connect("127.0.0.1", echo.port);
    const socket = net.ws_connect(`ws://127.0.0.1:${ws.port}/`);
    await drainUntil(ledger, () => net.status(tcp) === "connected" && net.status(socket) === "connected", "both connections");
    net.tcp_send(tcp, "echo me");
    net.ws_send(socket, "echo me too");
    await drainUntil(ledger, () => received(ledger, tcp) === "echo me" && received(ledger, socket) === "echo me too", "the echoes");
    const request = net.http_get(`http://127.0.0.1:${silent.port}/`);
    await pollUntil(() => silent.output().length >= 0 && net.status(request) === "pending", { what: "the request to be pending" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const peer of [echo, ws, silent]) await stopProcess(peer.process, "SIGKILL");
    await drainUntil(ledger, () => [tcp, socket, request].every((h) => ledger.terminalOf(h) !== undefined), "every handle to end");
    assert.ok(["closed", "error"].includes(String(ledger.terminalOf(tcp)?.type)));
    assert.ok(["closed", "error"].includes(String(ledger.terminalOf(socket)?.type)));
    assert.equal(ledger.terminalOf(request)?.type, "error");
    await bystander.check();
    for (const handle of [tcp, socket, request]) assert.equal(ledger.terminalCount(handle), 1);
    ledger.assertClean();
  });

  test("over the limits: a WebSocket message too large ends one handle; a refused send ends none", async () => {
    const server = runtimeForTest();
    const listener = server.net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(server.net, listener);
    const { net, ledger, bystander } = await setup({ limits: { wsMaxMessageBytes: 1000, sendBufferBytes: 64 * 1024 } });
    const small = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await drainUntil(ledger, () => net.status(small) === "connected", "the ws client");
    const peer = await pollUntil(() => server.net.ws_accept(listener), { what: "the accepted ws client" });
    assert.equal(net.ws_send(small, "y".repeat(1001)), "message too large");
    assert.equal(server.net.ws_send(peer, "z".repeat(2000)), true);
    await expectEachEnds(net, ledger, bystander, { small }, { type: "error", data: /^message too large$/ });
  });

  test("over the limits: a TCP send past the buffer is refused whole and the connection goes on", async () => {
    const { net, ledger, bystander } = await setup({ limits: { sendBufferBytes: 1024 } });
    const echo = await startTcpPeer("echo");
    const conn = net.tcp_connect("127.0.0.1", echo.port);
    await drainUntil(ledger, () => net.status(conn) === "connected", "the connection");
    assert.equal(net.tcp_send(conn, "a".repeat(2000)), "send buffer full");
    assert.equal(net.tcp_send(conn, "fits"), true);
    await drainUntil(ledger, () => received(ledger, conn) === "fits", "the echo of what fit");
    await bystander.check();
    assert.equal(ledger.terminalOf(conn), undefined);
    assert.equal(net.status(conn), "connected");
  });

  test("over the limits: an HTTP body past httpMaxBodyBytes ends one request in 'response too large'", async () => {
    const nginx = await startNginx(makeCertificates());
    after(() => nginx.stop());
    const { net, ledger, bystander } = await setup({ limits: { httpMaxBodyBytes: 1000 } });
    const handles = { big: net.http_get(`http://127.0.0.1:${nginx.port}/big.txt`) };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^response too large$/ });
    const fine = net.http_get(`http://127.0.0.1:${nginx.port}/hello.txt`);
    await drainUntil(ledger, () => ledger.terminalOf(fine) !== undefined, "a small request after");
    assert.equal(ledger.terminalOf(fine)?.type, "http_done");
  });

  test("slowloris servers: headers and a handshake dribbled a byte at a time end in one 'timeout'", async () => {
    const { net, ledger, bystander } = await setup({ limits: { httpTimeoutMs: 600, connectTimeoutMs: 600 } });
    const http = await rawServer((socket) => {
      socket.write("HTTP/1.1 200 OK\r\n");
      dribble(socket, () => "X", 50);
    });
    const ws = await rawServer((socket, request) => {
      const answer = handshakeResponse(request);
      let sent = 0;
      dribble(socket, () => answer[sent++ % (answer.length - 4)], 50);
    });
    const handles = {
      http: net.http_get(`http://127.0.0.1:${http.port}/`),
      ws: net.ws_connect(`ws://127.0.0.1:${ws.port}/`),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^timeout$/ });
  });

  test("a slowloris client dribbling its upgrade does not hold up other clients of a ws listener", async () => {
    const { net, ledger, bystander } = await setup();
    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const slow = nodeNet.connect({ host: "127.0.0.1", port });
    slow.on("error", () => {});
    after(() => slow.destroy());
    const request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
    let sent = 0;
    dribble(slow, () => request[sent++ % request.length], 20);
    const client = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await drainUntil(ledger, () => net.status(client) === "connected", "a normal client to connect");
    const accepted = ledger.eventsOf(listener).filter((e) => e.type === "accepted");
    assert.equal(accepted.length, 1, "only the normal client was accepted");
    const peer = accepted[0].data as number;
    net.ws_send(client, "hello");
    await drainUntil(ledger, () => received(ledger, peer) === "hello", "the message to the accepted client");
    await bystander.check();
    assert.equal(net.status(listener), "listening");
    ledger.assertClean();
  });
});
