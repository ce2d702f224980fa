/**
 * The engine logs the first send refused as "not connected" on each handle,
 * once: a script that sends before the "connected" event (to a real TCP
 * server and a real WebSocket server of a second runtime) gets the error
 * text back as always, and the log says what to wait for, once per handle.
 */
import assert from "node:assert/strict";
import { createServer, type AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import { runScript } from "../helpers/engine.js";

describe("sends before connected", () => {
  test("one warning per handle, whatever the number of refused sends; the script still sees the error text", async () => {
    const server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const { engine, lines, entries } = await runScript(
      {
        "main.ts": `const net = access("net");
const a = net.tcp_connect("127.0.0.1", ${port});
const b = net.tcp_connect("127.0.0.1", ${port});
print("a:", net.tcp_send(a, "x"), net.tcp_send(a, "y"), "b:", net.tcp_send(b, "z"));
print("ws:", net.ws_send(net.ws_connect("ws://127.0.0.1:${port}/"), "hi"));
print("unknown:", net.tcp_send(9999, "x"));
export function tick() {}
`,
      },
      {},
      (e) => e.installNetwork(),
      2,
    );
    await engine.finished;
    assert.ok(lines.includes("[server] a: not connected not connected b: not connected"), lines.join("\n"));
    assert.ok(lines.includes("[server] ws: not connected"), lines.join("\n"));
    assert.ok(lines.includes("[server] unknown: unknown handle"), lines.join("\n"));
    const warnings = entries.filter((entry) => entry.level === "warn").map((entry) => entry.line);
    assert.deepEqual(
      warnings.map((line) => /^\[server:warn\] (\w+)\(\d+\) refused: "not connected" \(wait for the handle's "connected" event before sending/.exec(line)?.[1]),
      ["tcp_send", "tcp_send", "ws_send"],
      warnings.join("\n"),
    );
  });
});
