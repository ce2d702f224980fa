/**
 * The runtime object itself (`src/api/runtime.ts`): `flush()` writes the
 * sends of the current turn at once, and the core stays reachable only
 * through this package's internals, never through the runtime's own fields.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import { coreOf } from "../../src/api/internals.js";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

describe("runtime.flush", () => {
  test("writes this turn's sends at once instead of when the turn ends", async () => {
    let received = "";
    const sockets = new Set<nodeNet.Socket>();
    const peer = nodeNet.createServer((socket) => {
      sockets.add(socket);
      socket.on("data", (chunk) => (received += chunk.toString()));
    });
    await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
    after(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => peer.close(resolve));
    });
    const runtime = runtimeForTest();
    const { net } = runtime;
    const conn = net.tcp_connect("127.0.0.1", (peer.address() as nodeNet.AddressInfo).port);
    await eventOf(net, conn, "connected");
    assert.equal(net.tcp_send(conn, "abc"), true);
    const handle = coreOf(runtime).get(conn);
    assert.equal(handle?.outboxBytes, 3, "queued for the end of the turn");
    runtime.flush();
    assert.equal(handle?.outboxBytes, 0, "handed to the socket by flush()");
    await pollUntil(() => received === "abc", { what: `the peer to get "abc" (got "${received}")` });
  });

  test("keeps the core out of the runtime's own fields", () => {
    const runtime = runtimeForTest();
    assert.deepEqual(Object.keys(runtime).sort(), ["close", "flush", "limits", "net", "network", "stats"]);
    assert.throws(() => coreOf({}), /not a tickwire runtime/);
  });
});
