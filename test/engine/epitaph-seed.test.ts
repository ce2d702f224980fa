/**
 * The six Epitaph examples of seed 000, byte for byte from
 * test/epitaph/fixtures/seed/, run BY THE ENGINE: mounted as `main.ep` of a
 * tree, ticked by the engine's own loop with the network installed, against
 * real local peers (a TCP echo server and a TCP client, an HTTP server
 * answering JSON, a WebSocket server). The steps, the exact `[ep:...]` lines
 * and the traffic each peer must see are test/epitaph/seed/scenarios.ts,
 * shared with the front end's own test. Two examples also run through
 * `tickwire run` in a child process, one of them from a `.pak`; examples
 * that name an address run from their `*.local.ep` twin, where only the
 * address text is a placeholder.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { writePak } from "../../src/engine/index.js";
import { startCli } from "../helpers/cli.js";
import { engineForTest, writeTree } from "../helpers/engine.js";
import { pollUntil } from "../helpers/poll.js";
import { freePort } from "../helpers/processes.js";
import { localExample } from "../epitaph/seed/fixtures.js";
import { tcpClient, wsEchoOnceServer, type LocalPeer } from "../epitaph/seed/peers.js";
import { SEED_SCENARIOS, type SeedDriver } from "../epitaph/seed/scenarios.js";

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function keep<T extends LocalPeer>(peer: T): T {
  cleanups.push(() => peer.close());
  return peer;
}

/** Runs each script in an engine with the network installed, ticking on its own loop at 120 Hz. */
const engine: SeedDriver = {
  later: (cleanup) => void cleanups.push(cleanup),
  async start(src) {
    const run = engineForTest({ runtimeRole: "client", tickRate: 120 });
    const net = run.engine.installNetwork().net;
    await run.engine.mountScripts(writeTree({ "main.ep": src }));
    await run.engine.start();
    return {
      lines: run.lines,
      net,
      async linesUntil(count, what) {
        await pollUntil(() => run.lines.length >= count || undefined, { what: `${what} (lines so far: ${JSON.stringify(run.lines)})` });
      },
      async moreTicks(count) {
        const target = run.engine.ticks + count;
        await pollUntil(() => run.engine.ticks >= target, { what: `${count} more ticks` });
      },
    };
  },
};

describe("seed 000 examples run by the engine", () => {
  for (const scenario of SEED_SCENARIOS) test(scenario.title, () => scenario.run(engine));
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
