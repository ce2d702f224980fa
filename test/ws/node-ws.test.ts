/**
 * The Node WebSocket backend on its own (`src/ws/node-ws.ts`), driven
 * straight through its factory and a bare core against `ws` servers of the
 * test: its ping sweep ends a connection whose peer stopped answering pings,
 * a listener reports itself bound and hands accepted clients to the core, and
 * `shutdown` tears down every connection it holds.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { WebSocketServer, type WebSocket } from "ws";
import { createNodeWs } from "../../src/ws/node-ws.js";
import { backendForTest } from "../helpers/backend.js";
import { pollUntil } from "../helpers/poll.js";

/** A `ws` server on 127.0.0.1 (`autoPong` as given); closed when the test ends. */
async function wsPeer(autoPong: boolean): Promise<{ url: URL; clients: Set<WebSocket> }> {
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1", autoPong });
  await new Promise((resolve) => server.once("listening", resolve));
  after(() => {
    for (const client of server.clients) client.terminate();
    return new Promise((resolve) => server.close(resolve));
  });
  const { port } = server.address() as { port: number };
  return { url: new URL(`ws://127.0.0.1:${port}/`), clients: server.clients };
}

describe("createNodeWs", () => {
  test("the ping sweep ends a connection whose peer stopped answering", async () => {
    const { url } = await wsPeer(false);
    const { core, backend } = backendForTest(createNodeWs, { wsPingIntervalMs: 50 });
    const handle = core.open("ws", "connecting");
    backend.connect(handle, url);
    await pollUntil(() => handle.status !== "connecting", { what: "the connection to open" });
    assert.equal(handle.status, "connected");
    await pollUntil(() => handle.status === "error", { what: `the silent peer to be found (status ${handle.status})` });
    assert.equal(handle.error, "peer not responding");
  });

  test("a peer that answers pings stays connected across sweeps", async () => {
    const { url } = await wsPeer(true);
    const { core, backend } = backendForTest(createNodeWs, { wsPingIntervalMs: 20 });
    const handle = core.open("ws", "connecting");
    backend.connect(handle, url);
    await pollUntil(() => handle.status === "connected", { what: "the connection to open" });
    const swept = Date.now() + 200;
    await pollUntil(() => Date.now() > swept || handle.status !== "connected", { what: "ten sweeps" });
    assert.equal(handle.status, "connected");
  });

  test("a listener is bound before it reads \"listening\", accepts into the core, and shutdown ends its clients", async () => {
    const { core, backend } = backendForTest(createNodeWs);
    const listener = core.open("ws_listener", "opening");
    assert.ok(backend.listen !== undefined, "Node can listen");
    backend.listen(listener, 0, "127.0.0.1");
    assert.equal(listener.status, "opening");
    await pollUntil(() => listener.status === "listening", { what: "the listener to be bound" });
    const port = listener.transport?.localPort?.() ?? 0;
    const client = core.open("ws", "connecting");
    backend.connect(client, new URL(`ws://127.0.0.1:${port}/`));
    const accepted = await pollUntil(() => core.take(listener) as number | undefined, { what: "an accepted client" });
    assert.equal(core.get(accepted)?.status, "connected");
    await pollUntil(() => client.status === "connected", { what: "the client to connect" });
    await backend.shutdown();
    await pollUntil(() => client.status === "closed" && core.get(accepted)?.status === "closed", {
      what: `both ends closed (client ${client.status}, accepted ${core.get(accepted)?.status})`,
    });
  });
});
