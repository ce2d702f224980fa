/**
 * The Node TCP backend on its own (`src/tcp/node-tcp.ts`), driven straight
 * through its factory and a bare core against plain `node:net` peers: text
 * mode decodes UTF-8 split across packets, bytes mode hands the bytes over
 * untouched, a listener reports itself bound, and closing the runtime destroys every
 * socket, a locally closed one still lingering included.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import { createNodeTcp } from "../../src/tcp/node-tcp.js";
import { backendForTest } from "../helpers/backend.js";
import { pollUntil } from "../helpers/poll.js";

/** A `node:net` server on 127.0.0.1 that runs `onClient` for each client; closed when the file ends. */
async function peer(onClient: (socket: nodeNet.Socket) => void): Promise<{ port: number; sockets: Set<nodeNet.Socket> }> {
  const sockets = new Set<nodeNet.Socket>();
  const server = nodeNet.createServer((socket) => {
    sockets.add(socket);
    onClient(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return { port: (server.address() as nodeNet.AddressInfo).port, sockets };
}

describe("createNodeTcp", () => {
  test("text mode joins a character split across two packets; bytes mode keeps the bytes", async () => {
    const euro = Buffer.from("€", "utf8");
    const { port } = await peer((socket) => {
      socket.write(euro.subarray(0, 1));
      setTimeout(() => socket.write(Buffer.concat([euro.subarray(1), Buffer.from([0xff])])), 20);
    });
    const { core, backend } = backendForTest(createNodeTcp);
    const text = core.open("tcp", "connecting");
    const bytes = core.open("socket", "connecting", true);
    backend.connect(text, "127.0.0.1", port, "text");
    backend.connect(bytes, "127.0.0.1", port, "bytes");
    let decoded = "";
    const raw: number[] = [];
    await pollUntil(() => {
      for (let chunk = core.take(text); chunk !== undefined; chunk = core.take(text)) decoded += chunk as string;
      for (let chunk = core.take(bytes); chunk !== undefined; chunk = core.take(bytes)) raw.push(...(chunk as Uint8Array));
      return decoded.length >= 2 && raw.length >= 4;
    }, { what: `the text and the bytes (got ${JSON.stringify(decoded)} and ${raw.length} bytes)` });
    assert.equal(text.status, "connected");
    assert.equal(decoded, "€\ufffd", "the split character arrives whole, the stray byte replaced");
    assert.deepEqual(raw, [...euro, 0xff]);
  });

  test("a listener reads \"opening\" until bound, then reports its port", async () => {
    const { core, backend } = backendForTest(createNodeTcp);
    const listener = core.open("tcp_listener", "opening");
    backend.listen(listener, 0, "127.0.0.1");
    assert.equal(listener.status, "opening");
    await pollUntil(() => listener.status === "listening", { what: "the listener to be bound" });
    assert.ok((listener.transport?.localPort?.() ?? 0) > 0);
  });

  test("closing the runtime (the core's handles, then the backend) destroys every socket, a locally closed one still lingering included", async () => {
    const { port, sockets } = await peer(() => {});
    const { core, backend } = backendForTest(createNodeTcp);
    const open = core.open("tcp", "connecting");
    const lingering = core.open("tcp", "connecting");
    backend.connect(open, "127.0.0.1", port, "text");
    backend.connect(lingering, "127.0.0.1", port, "text");
    await pollUntil(() => open.status === "connected" && lingering.status === "connected" && sockets.size === 2, {
      what: "both connections up",
    });
    core.closeLocal(lingering);
    assert.equal(lingering.status, "closed");
    await Promise.all([core.shutdown(), backend.shutdown()]);
    const peerSides = [...sockets];
    await pollUntil(() => peerSides.every((socket) => socket.closed || socket.readableEnded), { what: "the peer to see both sockets end" });
    assert.equal(open.status, "closed");
  });
});
