/**
 * The host policy and quotas on the Scripter's Rift API: `Network.Connect`
 * and `fetch` ride on the same TCP backend and HTTP client as `net`, so the
 * same checks hold, shown here on real sockets: refused hosts (by name, by
 * literal, at a redirect hop), the shared TCP quota, the shared HTTP queue,
 * and the upload budget on `Socket.write`.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Limits, PolicyRule } from "../../src/index.js";
import { pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { tcpPeerForTest } from "../helpers/tcp-peer.js";
import { NO_PRIVATE, startHttp } from "./helpers.js";

const network = (rules?: PolicyRule[], limits?: Partial<Limits>) =>
  runtimeForTest({ limits, ...(rules && { policy: { rules } }) });

/** Waits until the socket leaves "connecting"; returns its status and error. */
async function settled(socket: { status: string; error: string | null }): Promise<[string, string | null]> {
  await pollUntil(() => socket.status !== "connecting", { what: "the socket to connect or fail" });
  return [socket.status, socket.error];
}

describe("host policy on Network.Connect and fetch", () => {
  it("refuses Network.Connect to a name resolving to loopback and to a mapped literal", async () => {
    const peer = await tcpPeerForTest();
    const open = network().network.Network.Connect("localhost", peer.port);
    assert.deepEqual(await settled(open), ["connected", null], "control: reachable without a policy");
    const { Network } = network(NO_PRIVATE).network;
    assert.deepEqual(await settled(Network.Connect("localhost", peer.port)), ["error", "blocked by policy: localhost"]);
    assert.deepEqual(await settled(Network.Connect("[::ffff:127.0.0.1]", peer.port)), [
      "error",
      "blocked by policy: ::ffff:127.0.0.1",
    ]);
  });

  it("resolves fetch to a denied host with status -1, and a denied redirect hop the same way", async () => {
    const target = await startHttp("127.0.0.2", (_request, response) => response.end("secret"));
    const redirector = await startHttp("127.0.0.1", (_request, response) => {
      response.writeHead(302, { location: `http://127.0.0.2:${target.port}/` });
      response.end();
    });
    try {
      const open = await network().network.fetch(`http://localhost:${redirector.port}/`);
      assert.deepEqual([open.status, open.text()], [200, "secret"], "control: the redirect is followed without a policy");
      const { fetch } = network([{ host: "127.0.0.1", action: "allow", ports: [redirector.port] }]).network;
      const byName = await fetch(`http://localhost:${target.port}/`);
      assert.deepEqual([byName.status, byName.statusMessage, byName.error], [-1, "socket error", "blocked by policy: localhost"]);
      const hop = await fetch(`http://127.0.0.1:${redirector.port}/`);
      assert.deepEqual([hop.status, hop.error], [-1, "blocked by policy: 127.0.0.2"]);
      assert.equal(target.requests.length, 1, "only the control request reached the denied server");
    } finally {
      await Promise.all([target.close(), redirector.close()]);
    }
  });
});

describe("quotas on Network.Connect and fetch", () => {
  it("counts Network.Connect sockets and tcp_connect against one TCP quota", async () => {
    const peer = await tcpPeerForTest();
    const runtime = network(undefined, { maxTcpConnections: 1 });
    const socket = runtime.network.Network.Connect("127.0.0.1", peer.port);
    assert.equal((await settled(socket))[0], "connected");
    assert.deepEqual(await settled(runtime.network.Network.Connect("127.0.0.1", peer.port)), ["error", "too many connections"]);
    const handle = runtime.net.tcp_connect("127.0.0.1", peer.port);
    await pollUntil(() => runtime.net.status(handle) === "error", { what: "tcp_connect past the quota to fail" });
    socket.close();
    assert.equal((await settled(runtime.network.Network.Connect("127.0.0.1", peer.port)))[0], "connected");
  });

  it("refuses Socket.write while the upload budget is overdrawn, then accepts it again", async () => {
    const peer = await tcpPeerForTest();
    const socket = network(undefined, { uploadBytesPerSecond: 2000 }).network.Network.Connect("127.0.0.1", peer.port);
    assert.equal((await settled(socket))[0], "connected");
    assert.equal(socket.write(new Uint8Array(4000)), true);
    assert.equal(socket.write("late"), false);
    await pollUntil(() => socket.write("late"), { what: "the upload budget to come back" });
    const connection = await peer.accepted();
    await pollUntil(() => connection.received().length === 4004, { what: "4004 bytes at the peer" });
  });

  it("queues fetch behind maxRequestsInFlight and refuses past maxRequestsQueued", async () => {
    const waiting: { end(body: string): void }[] = [];
    const held = await startHttp("127.0.0.1", (_request, response) => waiting.push(response));
    try {
      const { fetch } = network(undefined, { maxRequestsInFlight: 1, maxRequestsQueued: 1 }).network;
      const url = `http://127.0.0.1:${held.port}/`;
      const [first, second, third] = [fetch(url), fetch(url), fetch(url)];
      assert.deepEqual([(await third).status, (await third).error], [-1, "too many requests"]);
      await pollUntil(() => waiting.length === 1, { what: "the first request at the server" });
      waiting.shift()?.end("one");
      assert.equal((await first).text(), "one");
      await pollUntil(() => waiting.length === 1, { what: "the queued request at the server" });
      waiting.shift()?.end("two");
      assert.equal((await second).text(), "two");
    } finally {
      await held.close();
    }
  });
});
