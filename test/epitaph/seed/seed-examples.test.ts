/**
 * The six Epitaph examples of seed 000, byte for byte from
 * fixtures/seed/*.ep: all parse, and each runs against the real tickwire
 * runtime (createNetRuntime) with a real local peer on 127.0.0.1. Examples
 * that name an address run from their *.local.ep twin, where only that
 * address is a placeholder this file replaces with the peer's address.
 * Each test asserts the exact [ep:...] lines and what the peer saw.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createNetRuntime, type NetRuntime } from "../../../src/index.js";
import { checkEpitaphTree, loadEpitaphProgram, type EpitaphProgram } from "../../../src/epitaph/index.js";
import { freePort } from "../../helpers/processes.js";
import { pollUntil } from "../../helpers/poll.js";
import { recordingHost, type RecordingHost } from "../helpers.js";
import { EXAMPLES, fixture, localExample } from "./fixtures.js";
import { httpJsonServer, tcpClient, tcpEchoServer, wsEchoOnceServer, type LocalPeer } from "./peers.js";

const JSON_MODULE = { decode: (text: string) => JSON.parse(text), encode: (value: unknown) => JSON.stringify(value) };

/** A script running on its own runtime, ticked by the test. */
interface Session {
  runtime: NetRuntime;
  host: RecordingHost;
  program: EpitaphProgram;
}

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function start(src: string): Session {
  const runtime = createNetRuntime();
  cleanups.push(() => runtime.close());
  const host = recordingHost({ modules: { net: runtime.net, json: JSON_MODULE }, role: "client" });
  const program = loadEpitaphProgram(new Map([["main.ep", src]]), host);
  if (program.has("init")) program.call("init");
  return { runtime, host, program };
}

function keep<T extends LocalPeer>(peer: T): T {
  cleanups.push(() => peer.close());
  return peer;
}

/** Calls tick (when the script has one) every few ms until `done` holds. */
function tickUntil(s: Session, done: () => boolean, what: string): Promise<true> {
  return pollUntil(
    () => {
      if (s.program.has("tick")) s.program.call("tick", 1 / 60);
      return done() || undefined;
    },
    { timeoutMs: 10_000, what: `${what} (log so far: ${JSON.stringify(s.host.lines)})` },
  );
}

const logged = (s: Session, count: number) => () => s.host.lines.length >= count;

describe("seed 000 examples", () => {
  it("parse byte for byte, and each local twin differs only in its address line", () => {
    for (const name of EXAMPLES) {
      const src = fixture(`${name}.ep`);
      assert.deepEqual(checkEpitaphTree(new Map([["main.ep", src]])), [], `${name}.ep must parse`);
      if (name === "event-loop") continue;
      const local = fixture(`${name}.local.ep`).split("\n");
      const changed = src.split("\n").filter((line, i) => line !== local[i]);
      assert.equal(changed.length, 1, `${name}.local.ep must change exactly one line`);
      assert.match(changed[0], /8080|9000|example\.com/, `${name}: the changed line must hold the address`);
    }
  });

  it("Event Loop Pattern logs connected, data, closed and error events of connections the test opens", async () => {
    const echo = keep(await tcpEchoServer());
    const s = start(fixture("event-loop.ep"));
    const net = s.runtime.net;
    const h = net.tcp_connect("127.0.0.1", echo.port);
    await tickUntil(s, logged(s, 1), "the connected event");
    assert.equal(net.tcp_send(h, "ping"), true);
    await tickUntil(s, logged(s, 2), "the echoed data");
    net.tcp_close(h);
    await tickUntil(s, logged(s, 3), "the closed event");
    const refused = net.tcp_connect("127.0.0.1", await freePort());
    await tickUntil(s, logged(s, 4), "the error event");
    assert.deepEqual(s.host.lines, [`[ep:info] Connected: ${h}`, "[ep:info] Received: ping", `[ep:info] Closed: ${h}`, "[ep:error] Error: connection refused"]);
    assert.notEqual(refused, h);
    assert.deepEqual(echo.received, ["ping"]);
  });

  it("TCP Client connects in init, sends hello on connect, and logs the server's answer", async () => {
    const echo = keep(await tcpEchoServer());
    const s = start(localExample("tcp-client", { __PEER_PORT__: String(echo.port) }));
    await tickUntil(s, logged(s, 2), "the echo of hello");
    assert.deepEqual(s.host.lines, ["[ep:info] Connected to server", "[ep:info] Server says: hello\n"]);
    assert.deepEqual(echo.received, ["hello\n"]);
  });

  it("TCP Server listens, welcomes a client, logs what it says and its disconnect", async () => {
    const port = await freePort();
    const s = start(localExample("tcp-server", { __PEER_PORT__: String(port) }));
    assert.deepEqual(s.host.lines, ["[ep:info] Listening on port 9000"], "init logs the seed's text as written");
    const client = await tcpClient(port);
    cleanups.push(async () => void client.socket.destroy());
    await tickUntil(s, logged(s, 2), "the accepted client");
    const handle = /^\[ep:info\] Client connected: (\d+)$/.exec(s.host.lines[1])?.[1];
    assert.ok(handle, `unexpected line ${JSON.stringify(s.host.lines[1])}`);
    await pollUntil(() => client.received.join("") === "welcome\n", { what: "the welcome line at the client" });
    client.socket.write("hi\n");
    await tickUntil(s, logged(s, 3), "the client's line");
    client.socket.end();
    await tickUntil(s, logged(s, 4), "the disconnect");
    assert.deepEqual(s.host.lines, [
      "[ep:info] Listening on port 9000",
      `[ep:info] Client connected: ${handle}`,
      `[ep:info] Client ${handle} says: hi\n`,
      `[ep:info] Client disconnected: ${handle}`,
    ]);
  });

  it("Simple GET logs the decoded JSON of a 200 answer once", async () => {
    const server = keep(await httpJsonServer(200, '{"id":7,"name":"ep","tags":["a"]}'));
    const s = start(localExample("simple-get", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    await tickUntil(s, logged(s, 1), "the response");
    for (let i = 0; i < 5; i++) s.program.call("tick", 1 / 60);
    assert.deepEqual(s.host.lines, ['[ep:info] Got data: { id: 7, name: "ep", tags: ["a"] }']);
    assert.deepEqual(server.received, ["GET /data"]);
  });

  it("Simple GET logs the status of a failed answer with log.error", async () => {
    const server = keep(await httpJsonServer(500, '{"error":"boom"}'));
    const s = start(localExample("simple-get", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    await tickUntil(s, logged(s, 1), "the response");
    assert.deepEqual(s.host.lines, ["[ep:error] HTTP error: 500"]);
  });

  it("POST with Headers sends from top-level statements alone, with the method symbol :post and both headers", async () => {
    const server = keep(await httpJsonServer(201, "{}", ["content-type", "authorization"]));
    const s = start(localExample("post-with-headers", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    assert.equal(s.program.has("tick"), false);
    await pollUntil(() => server.received.length > 0, { what: "the POST at the server" });
    assert.deepEqual(server.received, ["POST /submit content-type=application/json authorization=Bearer my-token"]);
    assert.deepEqual(s.host.lines, []);
  });

  it("WebSocket Chat greets the room on connect, logs the answer, and resets ws on close", async () => {
    const server = keep(await wsEchoOnceServer());
    const s = start(localExample("websocket-chat", { __PEER_WS_ORIGIN__: `ws://127.0.0.1:${server.port}` }));
    await tickUntil(s, logged(s, 3), "connect, message and close");
    assert.deepEqual(s.host.lines, ["[ep:info] WebSocket connected", "[ep:info] Chat: echo: Hello, room!", "[ep:info] WebSocket closed"]);
    assert.deepEqual(server.received, ["path /room", "Hello, room!"]);
  });
});
