/**
 * The six seed-000 examples as test scenarios, each against a real local
 * peer on 127.0.0.1, asserting the exact `[ep:...]` lines the script wrote
 * and the traffic the peer saw. A scenario does not know what runs the
 * script: a driver does (the front end ticked by the test in
 * test/epitaph/seed, the engine's own loop in test/engine), so both run the
 * same steps and the same expectations.
 */
import assert from "node:assert/strict";
import type { Net } from "../../../src/index.js";
import { pollUntil } from "../../helpers/poll.js";
import { freePort } from "../../helpers/processes.js";
import { fixture, localExample } from "./fixtures.js";
import { httpJsonServer, tcpClient, tcpEchoServer, wsEchoOnceServer, type LocalPeer } from "./peers.js";

/** One example script, running. */
export interface SeedScript {
  /** The `[ep:...]` lines written so far. */
  readonly lines: string[];
  /** The `net` of the runtime the script uses (tests open connections on it too). */
  readonly net: Net;
  /** Lets the script run until it has written `count` lines. */
  linesUntil(count: number, what: string): Promise<void>;
  /** Lets the script run `count` more ticks. */
  moreTicks(count: number): Promise<void>;
}

/** What runs the scripts of a scenario. */
export interface SeedDriver {
  /** Starts `src` as the main.ep of a tree, with the network and `json` available. */
  start(src: string): Promise<SeedScript>;
  /** Runs `cleanup` when the test file ends. */
  later(cleanup: () => Promise<void>): void;
}

/** A named scenario. */
export interface SeedScenario {
  title: string;
  run(driver: SeedDriver): Promise<void>;
}

async function peer<T extends LocalPeer>(driver: SeedDriver, started: Promise<T>): Promise<T> {
  const value = await started;
  driver.later(() => value.close());
  return value;
}

const origin = (server: LocalPeer) => ({ __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` });

/** The six examples' scenarios, in the seed's order (Simple GET twice: a 200 and a 500 answer). */
export const SEED_SCENARIOS: SeedScenario[] = [
  {
    title: "Event Loop Pattern logs connected, data, closed and error events of connections the test opens",
    async run(driver) {
      const echo = await peer(driver, tcpEchoServer());
      const script = await driver.start(fixture("event-loop.ep"));
      const net = script.net;
      const handle = net.tcp_connect("127.0.0.1", echo.port);
      await script.linesUntil(1, "the connected event");
      assert.equal(net.tcp_send(handle, "ping"), true);
      await script.linesUntil(2, "the echoed data");
      net.tcp_close(handle);
      await script.linesUntil(3, "the closed event");
      const refused = net.tcp_connect("127.0.0.1", await freePort());
      await script.linesUntil(4, "the error event");
      assert.deepEqual(script.lines, [
        `[ep:info] Connected: ${handle}`,
        "[ep:info] Received: ping",
        `[ep:info] Closed: ${handle}`,
        "[ep:error] Error: connection refused",
      ]);
      assert.notEqual(refused, handle);
      assert.deepEqual(echo.received, ["ping"]);
    },
  },
  {
    title: "TCP Client connects in init, sends hello on connect, and logs the server's answer",
    async run(driver) {
      const echo = await peer(driver, tcpEchoServer());
      const script = await driver.start(localExample("tcp-client", { __PEER_PORT__: String(echo.port) }));
      await script.linesUntil(2, "the echo of hello");
      assert.deepEqual(script.lines, ["[ep:info] Connected to server", "[ep:info] Server says: hello\n"]);
      assert.deepEqual(echo.received, ["hello\n"]);
    },
  },
  {
    title: "TCP Server listens, welcomes a client, logs what it says and its disconnect",
    async run(driver) {
      const port = await freePort();
      const script = await driver.start(localExample("tcp-server", { __PEER_PORT__: String(port) }));
      assert.deepEqual(script.lines, ["[ep:info] Listening on port 9000"], "init logs the seed's text as written");
      const client = await tcpClient(port);
      driver.later(async () => void client.socket.destroy());
      await script.linesUntil(2, "the accepted client");
      const handle = /^\[ep:info\] Client connected: (\d+)$/.exec(script.lines[1] ?? "")?.[1];
      assert.ok(handle, `unexpected line ${JSON.stringify(script.lines[1])}`);
      await pollUntil(() => client.received.join("") === "welcome\n", { what: "the welcome line at the client" });
      client.socket.write("hi\n");
      await script.linesUntil(3, "the client's line");
      client.socket.end();
      await script.linesUntil(4, "the disconnect");
      assert.deepEqual(script.lines, [
        "[ep:info] Listening on port 9000",
        `[ep:info] Client connected: ${handle}`,
        `[ep:info] Client ${handle} says: hi\n`,
        `[ep:info] Client disconnected: ${handle}`,
      ]);
    },
  },
  {
    title: "Simple GET logs the decoded JSON of a 200 answer once",
    async run(driver) {
      const server = await peer(driver, httpJsonServer(200, '{"id":7,"name":"ep","tags":["a"]}'));
      const script = await driver.start(localExample("simple-get", origin(server)));
      await script.linesUntil(1, "the response");
      await script.moreTicks(5);
      assert.deepEqual(script.lines, ['[ep:info] Got data: { id: 7, name: "ep", tags: ["a"] }']);
      assert.deepEqual(server.received, ["GET /data"]);
    },
  },
  {
    title: "Simple GET logs the status of a failed answer with log.error",
    async run(driver) {
      const server = await peer(driver, httpJsonServer(500, '{"error":"boom"}'));
      const script = await driver.start(localExample("simple-get", origin(server)));
      await script.linesUntil(1, "the response");
      assert.deepEqual(script.lines, ["[ep:error] HTTP error: 500"]);
    },
  },
  {
    title: "POST with Headers sends from top-level statements alone, with the method symbol :post and both headers",
    async run(driver) {
      const server = await peer(driver, httpJsonServer(201, "{}", ["content-type", "authorization"]));
      const script = await driver.start(localExample("post-with-headers", origin(server)));
      await pollUntil(() => server.received.length > 0, { what: "the POST at the server" });
      assert.deepEqual(server.received, ["POST /submit content-type=application/json authorization=Bearer my-token"]);
      await script.moreTicks(2);
      assert.deepEqual(script.lines, []);
    },
  },
  {
    title: "WebSocket Chat greets the room on connect, logs the answer, and resets ws on close",
    async run(driver) {
      const server = await peer(driver, wsEchoOnceServer());
      const script = await driver.start(localExample("websocket-chat", { __PEER_WS_ORIGIN__: `ws://127.0.0.1:${server.port}` }));
      await script.linesUntil(3, "connect, message and close");
      assert.deepEqual(script.lines, ["[ep:info] WebSocket connected", "[ep:info] Chat: echo: Hello, room!", "[ep:info] WebSocket closed"]);
      assert.deepEqual(server.received, ["path /room", "Hello, room!"]);
    },
  },
];
