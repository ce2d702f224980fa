/**
 * `tickwire run --inspect <port>` and the engine's `inspect` option: the run's
 * network is served by the live inspector while the scripts talk to
 * themselves over WebSocket, and the inspector goes away with the engine.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RuntimeStats } from "../../src/index.js";
import { cli, startCli } from "../helpers/cli.js";
import { engineForTest, writeTree } from "../helpers/engine.js";
import { pollAsync } from "../helpers/poll.js";

/** A server that listens, connects to itself and keeps a message going back and forth. */
const ECHOING = `const net = access("net");
let listener = 0;
let client = 0;
export function init(): void {
  listener = net.ws_listen(0, "127.0.0.1");
}
export function tick(): void {
  const port = net.local_port(listener);
  if (client === 0 && port !== undefined) client = net.ws_connect("ws://127.0.0.1:" + port + "/");
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
    if (event.type === "connected") net.ws_send(client, "ping");
    if (event.type === "message") net.ws_send(event.handle, "ping");
  }
}
`;

async function statsOf(url: string): Promise<RuntimeStats> {
  return (await (await fetch(new URL("stats", url))).json()) as RuntimeStats;
}

describe("inspector of an engine", () => {
  it("is served by tickwire run --inspect while the scripts run", async () => {
    const run = startCli(["run", writeTree({ "main.ts": ECHOING }), "--role", "server", "--headless", "--inspect", "0"]);
    try {
      const url = /inspector at (http:\S+)/.exec(await run.line(/^inspector at http:\/\/127\.0\.0\.1:\d+\/$/))?.[1] ?? "";
      const busy = await pollAsync(
        async () => {
          const stats = await statsOf(url);
          return stats.handles.byKind.ws?.connected === 2 && stats.totals.events > 10 ? stats : undefined;
        },
        { what: "the inspector to show both ends of the WebSocket exchanging messages" },
      );
      assert.deepEqual(busy.handles.byKind.ws_listener, { listening: 1 });
      const page = await (await fetch(url)).text();
      assert.match(page, /<title>.* · tickwire inspector<\/title>/);
    } finally {
      const ended = await run.stop();
      assert.equal(ended.code, 0, ended.stderr);
    }
  });

  it("refuses a port that is not one", async () => {
    const result = await cli(["run", writeTree({ "main.ts": ECHOING }), "--role", "server", "--inspect", "70000"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--inspect must be a port number from 0 to 65535, not "70000"/);
  });

  it("is started by the engine's inspect option and closed when the engine stops", async () => {
    const { engine } = engineForTest({ inspect: { port: 0, title: "option test" } });
    engine.installNetwork();
    await engine.mountScripts(writeTree({ "main.ts": ECHOING }));
    await engine.start();
    const url = engine.inspector?.url ?? "";
    assert.match(await (await fetch(url)).text(), /option test/);
    await engine.stop();
    await assert.rejects(fetch(url), /fetch failed/);
  });

  it("needs the network to be installed", async () => {
    const { engine } = engineForTest({ inspect: 0 });
    await engine.mountScripts(writeTree({ "main.ts": ECHOING }));
    await assert.rejects(engine.start(), /the inspect option needs the network: call engine.installNetwork\(\) first/);
  });
});
