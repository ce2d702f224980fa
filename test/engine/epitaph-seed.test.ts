/**
 * The six Epitaph examples of seed 000, byte for byte from
 * test/epitaph/fixtures/seed/, run BY THE ENGINE: mounted as `main.ep` of a
 * tree, ticked by the engine's own loop with the network installed, against
 * real local peers (a TCP echo server and a TCP client, an HTTP server
 * answering JSON, a WebSocket server). Examples that name an address run
 * from their `*.local.ep` twin, where only the address text is a placeholder
 * replaced here. Each test asserts the exact `[ep:...]` lines the engine
 * wrote and the traffic the peer saw. Two run through `tickwire run` in a
 * child process, one of them from a `.pak`.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { writePak } from "../../src/engine/index.js";
import { startCli } from "../helpers/cli.js";
import { engineForTest, writeTree, type TestEngine } from "../helpers/engine.js";
import { pollUntil } from "../helpers/poll.js";
import { freePort } from "../helpers/processes.js";
import { fixture, localExample } from "../epitaph/seed/fixtures.js";
import { httpJsonServer, tcpClient, tcpEchoServer, wsEchoOnceServer, type LocalPeer } from "../epitaph/seed/peers.js";

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function keep<T extends LocalPeer>(peer: T): T {
  cleanups.push(() => peer.close());
  return peer;
}

/** An engine with the network installed, running `src` as the main.ep of a folder tree. */
async function runExample(src: string): Promise<TestEngine> {
  const run = engineForTest({ runtimeRole: "client", tickRate: 120 });
  run.engine.installNetwork();
  await run.engine.mountScripts(writeTree({ "main.ep": src }));
  await run.engine.start();
  return run;
}

/** Waits until the engine has written `count` lines. */
function linesUntil(run: TestEngine, count: number, what: string): Promise<true> {
  return pollUntil(() => run.lines.length >= count || undefined, { what: `${what} (lines so far: ${JSON.stringify(run.lines)})` });
}

describe("seed 000 examples run by the engine", () => {
  test("Event Loop Pattern logs connected, data, closed and error events of connections on the engine's network", async () => {
    const echo = keep(await tcpEchoServer());
    const run = await runExample(fixture("event-loop.ep"));
    const net = run.engine.network!.net;
    const handle = net.tcp_connect("127.0.0.1", echo.port);
    await linesUntil(run, 1, "the connected event");
    assert.equal(net.tcp_send(handle, "ping"), true);
    await linesUntil(run, 2, "the echoed data");
    net.tcp_close(handle);
    await linesUntil(run, 3, "the closed event");
    net.tcp_connect("127.0.0.1", await freePort());
    await linesUntil(run, 4, "the error event");
    assert.deepEqual(run.lines, [
      `[ep:info] Connected: ${handle}`,
      "[ep:info] Received: ping",
      `[ep:info] Closed: ${handle}`,
      "[ep:error] Error: connection refused",
    ]);
    assert.deepEqual(echo.received, ["ping"]);
    assert.equal(run.entries[3]?.level, "error");
  });

  test("TCP Client connects in init, sends hello on connect, and logs the echo", async () => {
    const echo = keep(await tcpEchoServer());
    const run = await runExample(localExample("tcp-client", { __PEER_PORT__: String(echo.port) }));
    await linesUntil(run, 2, "the echo of hello");
    assert.deepEqual(run.lines, ["[ep:info] Connected to server", "[ep:info] Server says: hello\n"]);
    assert.deepEqual(echo.received, ["hello\n"]);
  });

  test("TCP Server listens, welcomes a real client, logs its line and its disconnect", async () => {
    const port = await freePort();
    const run = await runExample(localExample("tcp-server", { __PEER_PORT__: String(port) }));
    assert.deepEqual(run.lines, ["[ep:info] Listening on port 9000"], "init logs the seed's text as written");
    const client = await tcpClient(port);
    cleanups.push(async () => void client.socket.destroy());
    await linesUntil(run, 2, "the accepted client");
    const handle = /^\[ep:info\] Client connected: (\d+)$/.exec(run.lines[1] ?? "")?.[1];
    assert.ok(handle, `unexpected line ${JSON.stringify(run.lines[1])}`);
    await pollUntil(() => client.received.join("") === "welcome\n", { what: "the welcome line at the client" });
    client.socket.write("hi\n");
    await linesUntil(run, 3, "the client's line");
    client.socket.end();
    await linesUntil(run, 4, "the disconnect");
    assert.deepEqual(run.lines, [
      "[ep:info] Listening on port 9000",
      `[ep:info] Client connected: ${handle}`,
      `[ep:info] Client ${handle} says: hi\n`,
      `[ep:info] Client disconnected: ${handle}`,
    ]);
  });

  test("Simple GET logs the decoded JSON of a 200 answer once, through the engine's json module", async () => {
    const server = keep(await httpJsonServer(200, '{"id":7,"name":"ep","tags":["a"]}'));
    const run = await runExample(localExample("simple-get", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    await linesUntil(run, 1, "the response");
    const ticks = run.engine.ticks;
    await pollUntil(() => run.engine.ticks >= ticks + 5, { what: "five more ticks" });
    assert.deepEqual(run.lines, ['[ep:info] Got data: { id: 7, name: "ep", tags: ["a"] }']);
    assert.deepEqual(server.received, ["GET /data"]);
  });

  test("Simple GET logs the status of a failed answer with log.error", async () => {
    const server = keep(await httpJsonServer(500, '{"error":"boom"}'));
    const run = await runExample(localExample("simple-get", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    await linesUntil(run, 1, "the response");
    assert.deepEqual(run.entries, [{ level: "error", line: "[ep:error] HTTP error: 500" }]);
  });

  test("POST with Headers sends from top-level statements alone, with :post and both headers", async () => {
    const server = keep(await httpJsonServer(201, "{}", ["content-type", "authorization"]));
    const run = await runExample(localExample("post-with-headers", { __PEER_ORIGIN__: `http://127.0.0.1:${server.port}` }));
    await pollUntil(() => server.received.length > 0, { what: "the POST at the server" });
    assert.deepEqual(server.received, ["POST /submit content-type=application/json authorization=Bearer my-token"]);
    assert.deepEqual(run.lines, []);
    assert.equal(run.engine.errorCount, 0);
  });

  test("WebSocket Chat greets the room on connect, logs the answer, and resets ws on close", async () => {
    const server = keep(await wsEchoOnceServer());
    const run = await runExample(localExample("websocket-chat", { __PEER_WS_ORIGIN__: `ws://127.0.0.1:${server.port}` }));
    await linesUntil(run, 3, "connect, message and close");
    assert.deepEqual(run.lines, ["[ep:info] WebSocket connected", "[ep:info] Chat: echo: Hello, room!", "[ep:info] WebSocket closed"]);
    assert.deepEqual(server.received, ["path /room", "Hello, room!"]);
  });
});

describe("seed 000 examples through tickwire run", () => {
  test("WebSocket Chat from a .pak: the exact lines on stdout, the room saw the greeting, SIGTERM exits 0", async () => {
    const server = keep(await wsEchoOnceServer());
    const tree = writeTree({ "main.ep": localExample("websocket-chat", { __PEER_WS_ORIGIN__: `ws://127.0.0.1:${server.port}` }) });
    const pak = join(mkdtempSync(join(tmpdir(), "tickwire-ep-")), "scripts.pak");
    writePak(tree, pak);
    const client = startCli(["run", pak, "--role", "client", "--headless"]);
    after(() => client.stop("SIGKILL"));
    await client.line(/\[ep:info\] WebSocket closed/);
    const ended = await client.stop("SIGTERM");
    assert.equal(ended.code, 0, ended.stderr);
    assert.equal(ended.stdout, "[ep:info] WebSocket connected\n[ep:info] Chat: echo: Hello, room!\n[ep:info] WebSocket closed\n");
    assert.equal(ended.stderr, "");
    assert.deepEqual(server.received, ["path /room", "Hello, room!"]);
  });

  test("TCP Server from a folder: accepts a real client, logs its line and its disconnect, SIGTERM exits 0", async () => {
    const port = await freePort();
    const tree = writeTree({ "main.ep": localExample("tcp-server", { __PEER_PORT__: String(port) }) });
    const server = startCli(["run", tree, "--role", "server", "--headless"]);
    after(() => server.stop("SIGKILL"));
    await server.line(/\[ep:info\] Listening on port 9000/);
    const client = await tcpClient(port);
    cleanups.push(async () => void client.socket.destroy());
    await pollUntil(() => client.received.join("") === "welcome\n", { what: "the welcome line at the client" });
    client.socket.end("bye\n");
    await server.line(/Client disconnected/);
    const ended = await server.stop("SIGTERM");
    assert.equal(ended.code, 0, ended.stderr);
    const handle = /Client connected: (\d+)/.exec(ended.stdout)?.[1];
    assert.equal(
      ended.stdout,
      `[ep:info] Listening on port 9000\n[ep:info] Client connected: ${handle}\n` +
        `[ep:info] Client ${handle} says: bye\n\n[ep:info] Client disconnected: ${handle}\n`,
    );
  });
});
