/**
 * The Node TCP backend's write path: each turn's sends leave as one joined
 * string (small pieces; ASCII copied as latin1) or one corked writev (large
 * pieces), and either way a plain node:net server receives exactly the UTF-8
 * bytes of every send, in order: ASCII, multi-byte text, a lone surrogate,
 * pieces past the join limits.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, before, describe, test } from "node:test";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

/** The turns sent, one array of tcp_send calls per turn. */
const TURNS: string[][] = [
  ["plain ascii"],
  ["é and ☃ and 🎲"],
  Array.from({ length: 100 }, (_, i) => `line ${i}\n`),
  Array.from({ length: 100 }, (_, i) => `ligne ${i} é\n`),
  ["x".repeat(4000), "y".repeat(4000), "ß".repeat(3000)],
  ["z".repeat(70_000), "tail"],
  ["lone \ud800 surrogate", "ok"],
];

describe("the Node TCP write path", () => {
  let server: nodeNet.Server;
  let port = 0;
  const received: Buffer[] = [];

  before(async () => {
    server = nodeNet.createServer((socket) => socket.on("data", (chunk) => received.push(chunk)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as nodeNet.AddressInfo).port;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("every turn, joined or corked, arrives as the UTF-8 bytes of its sends, in order", async () => {
    const { net } = runtimeForTest();
    const handle = net.tcp_connect("127.0.0.1", port);
    await eventOf(net, handle, "connected");
    for (const turn of TURNS) {
      for (const piece of turn) assert.equal(net.tcp_send(handle, piece), true);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = Buffer.from(TURNS.flat().join(""), "utf8");
    await pollUntil(() => Buffer.concat(received).length >= expected.length, { what: `${expected.length} bytes at the server` });
    assert.ok(Buffer.concat(received).equals(expected), "the server got exactly the sent bytes");
  });
});
