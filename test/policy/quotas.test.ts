/**
 * Quotas reached and released, on real sockets: open TCP connections, open
 * WebSockets (each its own count, accepted clients included), HTTP requests in
 * flight and queued, and the upload and download byte budgets. Every refusal
 * is an error the script sees, and every quota frees up again.
 */
import assert from "node:assert/strict";
import type { ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { createNetRuntime, type Limits, type NetRuntime } from "../../src/index.js";
import { boundPort, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { endOf, outcomeOf, startHttp, type TestHttpServer } from "./helpers.js";
import { coreOf } from "../../src/api/internals.js";

describe("quotas", () => {
  let server: NetRuntime;
  let tcpPort: number;
  let wsPort: number;
  const client = (limits: Partial<Limits>) => runtimeForTest({ limits });
  /** A fresh TCP listener on the server runtime, and a wait for its next accepted client's handle. */
  const listenTcp = async () => {
    const listener = server.net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(server.net, listener);
    const accept = () => pollUntil(() => server.net.tcp_accept(listener), { what: "an accepted TCP client" });
    return { port, accept };
  };

  before(async () => {
    server = createNetRuntime();
    tcpPort = await boundPort(server.net, server.net.tcp_listen(0, "127.0.0.1"));
    wsPort = await boundPort(server.net, server.net.ws_listen(0, "127.0.0.1"));
  });

  after(async () => {
    await server.close();
  });

  it("refuses a TCP connection past maxTcpConnections and allows one again after a close", async () => {
    const { net } = client({ maxTcpConnections: 2 });
    const [a, b] = [net.tcp_connect("127.0.0.1", tcpPort), net.tcp_connect("127.0.0.1", tcpPort)];
    assert.deepEqual([await outcomeOf(net, a), await outcomeOf(net, b)], ["connected", "connected"]);
    const refused = net.tcp_connect("127.0.0.1", tcpPort);
    assert.deepEqual(await endOf(net, refused), [{ type: "error", handle: refused, data: "too many connections" }]);
    assert.equal(await outcomeOf(net, net.ws_connect(`ws://127.0.0.1:${wsPort}/`)), "connected", "WebSockets count apart");
    net.tcp_close(a);
    assert.equal(await outcomeOf(net, net.tcp_connect("127.0.0.1", tcpPort)), "connected");
  });

  it("refuses a WebSocket past maxWebSockets and allows one again after a close", async () => {
    const { net } = client({ maxWebSockets: 1 });
    const first = net.ws_connect(`ws://127.0.0.1:${wsPort}/`);
    assert.equal(await outcomeOf(net, first), "connected");
    assert.equal(await outcomeOf(net, net.ws_connect(`ws://127.0.0.1:${wsPort}/`)), "too many connections");
    assert.equal(await outcomeOf(net, net.tcp_connect("127.0.0.1", tcpPort)), "connected", "TCP counts apart");
    net.ws_close(first);
    assert.equal(await outcomeOf(net, net.ws_connect(`ws://127.0.0.1:${wsPort}/`)), "connected");
  });

  it("counts accepted clients: a listener drops the client past the quota", async () => {
    const limited = client({ maxTcpConnections: 1 });
    const listener = limited.net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(limited.net, listener);
    const { net } = client({});
    const kept = net.tcp_connect("127.0.0.1", port);
    assert.equal(await outcomeOf(net, kept), "connected");
    await pollUntil(() => limited.net.tcp_accept(listener), { what: "the first accepted client" });
    const dropped = net.tcp_connect("127.0.0.1", port);
    const ending = (await endOf(net, dropped)).at(-1);
    assert.ok(ending?.type === "closed" || ending?.type === "error", `dropped client ended with ${JSON.stringify(ending)}`);
    assert.equal(limited.net.tcp_accept(listener), undefined, "the second client was never offered");
  });

  describe("HTTP requests in flight", () => {
    let held: TestHttpServer;
    const waiting: ServerResponse[] = [];

    before(async () => {
      held = await startHttp("127.0.0.1", (request, response) => {
        if (request.url === "/now") response.end("now");
        else waiting.push(response);
      });
    });

    after(() => held.close());

    it("queues past maxRequestsInFlight, refuses past maxRequestsQueued, and frees both as requests finish", async () => {
      const { net } = client({ maxRequestsInFlight: 1, maxRequestsQueued: 1 });
      const url = `http://127.0.0.1:${held.port}/held`;
      const [first, second, third] = [net.http_get(url), net.http_get(url), net.http_get(url)];
      assert.equal(await outcomeOf(net, third), "too many requests");
      await pollUntil(() => waiting.length === 1, { what: "the first request at the server" });
      assert.deepEqual([net.status(first), net.status(second), held.requests.length], ["pending", "pending", 1]);
      waiting.shift()?.end("one");
      assert.equal(await outcomeOf(net, first), "http_done");
      await pollUntil(() => waiting.length === 1, { what: "the queued request at the server" });
      waiting.shift()?.end("two");
      assert.equal(await outcomeOf(net, second), "http_done");
      const again = net.http_get(`http://127.0.0.1:${held.port}/now`);
      assert.equal(await outcomeOf(net, again), "http_done");
      assert.equal((net.http_response(second) as { body: string }).body, "two");
    });
  });

  it("refuses sends while the upload budget is overdrawn, then accepts them again, losing nothing", async () => {
    const runtime = client({ uploadBytesPerSecond: 2000 });
    const { net } = runtime;
    const target = await listenTcp();
    const [tcp, ws] = [net.tcp_connect("127.0.0.1", target.port), net.ws_connect(`ws://127.0.0.1:${wsPort}/`)];
    assert.deepEqual([await outcomeOf(net, tcp), await outcomeOf(net, ws)], ["connected", "connected"]);
    const peer = await target.accept();
    assert.equal(net.tcp_send(tcp, "a".repeat(4000)), true, "a send bigger than a second's budget still goes");
    assert.equal(net.tcp_send(tcp, "b"), "rate limit exceeded");
    assert.equal(net.ws_send(ws, "c"), "rate limit exceeded");
    assert.equal(await outcomeOf(net, net.http_post(`http://127.0.0.1:${tcpPort}/`, "d")), "rate limit exceeded");
    await pollUntil(() => net.tcp_send(tcp, "b") === true, { what: "the upload budget to come back" });
    let received = "";
    await pollUntil(() => (received += server.net.tcp_recv(peer) ?? "").length === 4001, { what: "4001 bytes at the peer" });
    assert.equal(received, "a".repeat(4000) + "b");
  });

  it("pauses reading while the download budget is overdrawn, and delivers every byte", async () => {
    const runtime = client({ downloadBytesPerSecond: 100_000 });
    const { net } = runtime;
    const target = await listenTcp();
    const handle = net.tcp_connect("127.0.0.1", target.port);
    assert.equal(await outcomeOf(net, handle), "connected");
    const sent = Array.from({ length: 25_000 }, (_, i) => String(i % 10)).join("").repeat(10);
    assert.equal(server.net.tcp_send(await target.accept(), sent), true);
    let throttled = false;
    let received = "";
    await pollUntil(
      () => {
        throttled ||= coreOf(runtime).get(handle)?.throttled === true;
        received += net.tcp_recv(handle) ?? "";
        return received.length === sent.length;
      },
      { what: `${sent.length} bytes (have ${received.length})` },
    );
    assert.equal(received, sent);
    assert.ok(throttled, "reading was paused for the budget");
  });

  it("pauses an HTTP response body while the download budget is overdrawn, and completes it", async () => {
    const body = "z".repeat(250_000);
    const bulk = await startHttp("127.0.0.1", (_request, response) => response.end(body));
    try {
      const runtime = client({ downloadBytesPerSecond: 100_000 });
      const handle = runtime.net.http_get(`http://127.0.0.1:${bulk.port}/`);
      let paused = false;
      await pollUntil(
        () => {
          paused ||= coreOf(runtime).bandwidth.waitingReaders > 0;
          return runtime.net.status(handle) !== "pending";
        },
        { what: "the throttled response" },
      );
      assert.equal((runtime.net.http_response(handle) as { body: string }).body.length, body.length);
      assert.ok(paused, "the response was paused for the budget");
    } finally {
      await bulk.close();
    }
  });
});
