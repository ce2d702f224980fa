/**
 * Faults the script causes itself: cancelling what is in flight, using a
 * handle after it was released, and closing the whole runtime with every
 * kind of handle in every state. Each handle ends with exactly one terminal
 * event, released handles behave as unknown, and nothing throws.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import { createNetRuntime, type Net, type NetRuntime } from "../../src/index.js";
import { boundPort, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { drainUntil, startBystander } from "./bystander.js";
import { startBlackhole, startTcpPeer } from "./fault-peers.js";
import { heapAfterGc } from "./heap.js";
import { EventLedger } from "./ledger.js";
import { coreOf } from "../../src/api/internals.js";

/** An HTTP server that answers each request after `delayMs`. */
async function slowServer(delayMs: number): Promise<number> {
  const server = http.createServer((_request, response) => {
    setTimeout(() => response.end("late answer"), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  return (server.address() as { port: number }).port;
}

/** Every function that takes a handle, called with `handle`; returns what each gave. */
function callEverything(net: Net, handle: number): Record<string, unknown> {
  return {
    status: net.status(handle),
    tcp_send: net.tcp_send(handle, "x"),
    tcp_recv: net.tcp_recv(handle),
    tcp_accept: net.tcp_accept(handle),
    ws_send: net.ws_send(handle, "x"),
    ws_send_binary: net.ws_send_binary(handle, new Uint8Array([1])),
    ws_recv: net.ws_recv(handle),
    ws_accept: net.ws_accept(handle),
    http_response: net.http_response(handle),
    http_response_header: net.http_response_header(handle, "content-type"),
    local_port: net.local_port(handle),
    remote_addr: net.remote_addr(handle),
    close: net.close(handle),
    tcp_close: net.tcp_close(handle),
    ws_close: net.ws_close(handle),
    tcp_stop: net.tcp_stop(handle),
    ws_stop: net.ws_stop(handle),
    http_set_header: net.http_set_header(handle, "x-a", "b"),
    http_send: net.http_send(handle),
  };
}

const UNKNOWN = {
  status: undefined,
  tcp_send: "unknown handle",
  tcp_recv: undefined,
  tcp_accept: undefined,
  ws_send: "unknown handle",
  ws_send_binary: "unknown handle",
  ws_recv: undefined,
  ws_accept: undefined,
  http_response: undefined,
  http_response_header: undefined,
  local_port: undefined,
  remote_addr: undefined,
  close: undefined,
  tcp_close: undefined,
  ws_close: undefined,
  tcp_stop: undefined,
  ws_stop: undefined,
  http_set_header: undefined,
  http_send: undefined,
};

describe("cancel", () => {
  test("closing a pending request cancels it: one 'cancelled' error, no http_done when the answer comes", async () => {
    const port = await slowServer(300);
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    const bystander = await startBystander(net, ledger);
    const cancelled = net.http_get(`http://127.0.0.1:${port}/`);
    const kept = net.http_get(`http://127.0.0.1:${port}/`);
    await pollUntil(() => net.status(cancelled) === "pending", { what: "the request to be pending" });
    net.close(cancelled);
    assert.equal(net.status(cancelled), "error");
    assert.deepEqual(net.http_response(cancelled), { error: "cancelled" });
    await drainUntil(ledger, () => ledger.terminalOf(kept) !== undefined, "the other request to finish");
    assert.equal(ledger.terminalOf(kept)?.type, "http_done");
    await bystander.check();
    assert.deepEqual(ledger.eventsOf(cancelled), [{ type: "error", handle: cancelled, data: "cancelled" }]);
    ledger.assertClean();
  });

  test("closing connections that are still connecting ends each with one 'closed'", async () => {
    const blackhole = await startBlackhole();
    const runtime = runtimeForTest();
    const net = runtime.net;
    const ledger = new EventLedger(net);
    const bystander = await startBystander(net, ledger);
    const tcp = net.tcp_connect("127.0.0.1", blackhole.port);
    const ws = net.ws_connect(`ws://127.0.0.1:${blackhole.port}/`);
    const building = net.http_request("GET", `http://127.0.0.1:${blackhole.port}/`);
    const onTheWire = (handle: number) => coreOf(runtime).get(handle)?.transport != null;
    await pollUntil(() => onTheWire(tcp) && onTheWire(ws), { what: "both connects to be under way" });
    for (const handle of [tcp, ws, building]) net.close(handle);
    await bystander.check();
    await drainUntil(ledger, () => [tcp, ws, building].every((h) => ledger.terminalOf(h) !== undefined), "every cancel");
    assert.deepEqual(ledger.eventsOf(tcp).map((e) => e.type), ["closed"]);
    assert.deepEqual(ledger.eventsOf(ws).map((e) => e.type), ["closed"]);
    assert.deepEqual(ledger.eventsOf(building), [{ type: "error", handle: building, data: "cancelled" }]);
    ledger.assertClean();
  });
});

describe("stale handles", () => {
  test("every function treats a released handle as unknown, and no event of it is delivered", async () => {
    const echo = await startTcpPeer("echo");
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    const conn = net.tcp_connect("127.0.0.1", echo.port);
    await drainUntil(ledger, () => net.status(conn) === "connected", "the connection");
    net.close(conn);
    assert.equal(net.status(conn), "closed", "closed, not yet released");
    net.close(conn);
    ledger.markReleased(conn);
    assert.deepEqual(callEverything(net, conn), UNKNOWN);
    const listener = net.tcp_listen(0, "127.0.0.1");
    await boundPort(net, listener);
    net.tcp_stop(listener);
    net.close(listener);
    assert.deepEqual(callEverything(net, listener), UNKNOWN);
    for (const never of [0, -1, 1.5, 99_999, Number.NaN]) assert.deepEqual(callEverything(net, never), UNKNOWN);
    ledger.drain();
    ledger.assertClean("the queued closed event of the released handle was skipped");
  });

  test("a released request keeps none of its response", async () => {
    const body = "r".repeat(2 * 1024 * 1024);
    const server = http.createServer((_request, response) => response.end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    after(() => server.close());
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const fetchAndRelease = async () => {
      const request = net.http_get(url);
      await drainUntil(ledger, () => ledger.terminalOf(request) !== undefined, "the 2 MB response");
      assert.equal((net.http_response(request) as { body: string }).body.length, body.length);
      net.close(request);
      ledger.markReleased(request);
    };
    await fetchAndRelease();
    const start = await heapAfterGc();
    for (let i = 0; i < 40; i++) await fetchAndRelease();
    const growth = (await heapAfterGc()) - start;
    assert.ok(growth < 20 * 1024 * 1024, `40 released 2 MB responses left ${(growth / 1048576).toFixed(1)} MB behind`);
  });
});

describe("released listeners", () => {
  test("clients accepted but never handed to the script are closed when their listener is released", async () => {
    const runtime = runtimeForTest();
    const net = runtime.net;
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const clients = Array.from({ length: 3 }, () => nodeNet.connect({ host: "127.0.0.1", port }));
    let closed = 0;
    for (const client of clients) client.on("error", () => {}).once("close", () => closed++);
    after(() => clients.forEach((client) => client.destroy()));
    await pollUntil(() => coreOf(runtime).size >= 4, { what: "the three clients to be accepted" });
    net.tcp_stop(listener);
    net.close(listener);
    await pollUntil(() => closed === 3, { what: "the server to close the three clients nobody was handed" });
    const ledger = new EventLedger(net);
    ledger.markReleased(listener);
    assert.deepEqual(ledger.drain(), [], "no event for the listener or the clients nobody was handed");
    assert.equal(coreOf(runtime).size, 0);
  });
});

describe("runtime.close() with everything in flight", () => {
  test("every handle ends with exactly one terminal event and no socket is left", async () => {
    const [echo, blackhole, port] = [await startTcpPeer("echo"), await startBlackhole(), await slowServer(5_000)];
    const server: NetRuntime = createNetRuntime();
    after(() => server.close());
    const wsListener = server.net.ws_listen(0, "127.0.0.1");
    const wsPort = await boundPort(server.net, wsListener);
    const runtime = createNetRuntime();
    const net = runtime.net;
    const ledger = new EventLedger(net);
    const tcpListener = net.tcp_listen(0, "127.0.0.1");
    const tcpPort = await boundPort(net, tcpListener);
    const handles = {
      tcpConnected: net.tcp_connect("127.0.0.1", echo.port),
      tcpAcceptedFrom: net.tcp_connect("127.0.0.1", tcpPort),
      wsConnected: net.ws_connect(`ws://127.0.0.1:${wsPort}/`),
      tcpListener,
      wsListener: net.ws_listen(0, "127.0.0.1"),
    };
    await drainUntil(ledger, () => [handles.tcpConnected, handles.tcpAcceptedFrom, handles.wsConnected].every((h) => net.status(h) === "connected"), "the connections");
    const accepted = ledger.eventsOf(tcpListener).find((e) => e.type === "accepted")?.data as number;
    net.tcp_send(handles.tcpConnected, "queued in this turn");
    net.ws_send(handles.wsConnected, "queued too");
    const inFlight = {
      accepted,
      tcpConnecting: net.tcp_connect("127.0.0.1", blackhole.port),
      wsConnecting: net.ws_connect(`ws://127.0.0.1:${blackhole.port}/`),
      httpPending: net.http_get(`http://127.0.0.1:${port}/`),
      httpBuilding: net.http_request("POST", `http://127.0.0.1:${port}/`),
      dnsPending: net.tcp_connect("slow-or-missing.invalid", 80),
    };
    await pollUntil(() => net.status(inFlight.httpPending) === "pending", { what: "the request on the wire" });
    const all = { ...handles, ...inFlight };
    await runtime.close();
    ledger.drain();
    for (const [name, handle] of Object.entries(all)) {
      assert.equal(ledger.terminalCount(handle), 1, `${name}: ${JSON.stringify(ledger.eventsOf(handle))}`);
      assert.ok(["closed", "error"].includes(String(net.status(handle))), `${name} status ${net.status(handle)}`);
    }
    const after_ = net.tcp_connect("127.0.0.1", echo.port);
    await drainUntil(ledger, () => ledger.terminalOf(after_) !== undefined, "a connect after close");
    assert.equal(ledger.terminalOf(after_)?.type, "error");
    ledger.assertClean();
    const stillAttached = Object.entries(all).filter(([, handle]) => coreOf(runtime).get(handle)?.transport != null);
    assert.deepEqual(stillAttached, [], "no handle keeps a socket");
  });
});
