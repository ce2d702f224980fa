/**
 * Adversarial WebSocket servers: a raw node:net server completes the opening
 * handshake (or botches it) and then sends frames RFC 6455 forbids, or a
 * message over the size limit. Each ends the client's handle with one clear
 * "error" event; the runtime and its other handles go on.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runtimeForTest } from "../helpers/runtime.js";
import { drainUntil, startBystander } from "./bystander.js";
import { EventLedger } from "./ledger.js";
import { rawServer } from "./raw-server.js";
import { frame, handshakeResponse } from "./ws-frames.js";

/** The error text a handle ended with, or "". */
function errorOf(ledger: EventLedger, handle: number): string {
  const terminal = ledger.terminalOf(handle);
  return terminal?.type === "error" ? terminal.data : "";
}

const TEXT = 0x1;
const BINARY = 0x2;
const CONTINUATION = 0x0;
const PING = 0x9;

const SCENARIOS: { name: string; frames: Buffer[]; error: RegExp }[] = [
  { name: "reserved bits set", frames: [frame(TEXT, "hi", { rsv: 0b100 })], error: /rsv1 must be clear/ },
  { name: "an unknown opcode", frames: [frame(0x3, "hi")], error: /invalid opcode 3/ },
  { name: "a masked frame from the server", frames: [frame(TEXT, "hi", { masked: true })], error: /mask must be clear/ },
  { name: "a text frame that is not UTF-8", frames: [frame(TEXT, Buffer.from([0xc3, 0x28, 0xff]))], error: /invalid utf-8/ },
  { name: "a fragmented ping", frames: [frame(PING, "x", { fin: false })], error: /fin must be set/ },
  { name: "a ping over 125 bytes", frames: [frame(PING, "x".repeat(200))], error: /invalid payload length/ },
  { name: "a continuation with nothing to continue", frames: [frame(CONTINUATION, "late")], error: /invalid opcode 0/ },
  { name: "a length past 2^53", frames: [frame(BINARY, "", { declaredLength: 2n ** 62n })], error: /./ },
  { name: "a message over wsMaxMessageBytes", frames: [frame(BINARY, Buffer.alloc(5000))], error: /^message too large$/ },
  {
    name: "fragments that add up past wsMaxMessageBytes",
    frames: [frame(TEXT, "a".repeat(3000), { fin: false }), frame(CONTINUATION, "b".repeat(3000))],
    error: /^message too large$/,
  },
];

describe("adversarial WebSocket servers", () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.name} ends the connection with one clear error`, async () => {
      const { net } = runtimeForTest({ limits: { wsMaxMessageBytes: 4096 } });
      const ledger = new EventLedger(net);
      const bystander = await startBystander(net, ledger);
      const { port } = await rawServer((socket, request) => {
        socket.on("data", () => {});
        socket.write(handshakeResponse(request));
        socket.write(frame(TEXT, "before the fault"));
        for (const bad of scenario.frames) socket.write(bad);
      });
      const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
      await drainUntil(ledger, () => ledger.terminalOf(ws) !== undefined, `the connection to end (${scenario.name})`);
      const events = ledger.eventsOf(ws);
      assert.deepEqual(events.slice(0, 2).map((e) => e.type), ["connected", "message"]);
      assert.equal(events[1].type === "message" && events[1].data, "before the fault");
      const terminal = ledger.terminalOf(ws);
      assert.equal(terminal?.type, "error", JSON.stringify(events));
      assert.match(errorOf(ledger, ws), scenario.error);
      assert.equal(net.status(ws), "error");
      assert.equal(net.ws_send(ws, "after"), "closed");
      await bystander.check();
      assert.equal(ledger.terminalCount(ws), 1);
      ledger.assertClean();
    });
  }

  test("a handshake with the wrong Sec-WebSocket-Accept ends in one error", async () => {
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    const { port } = await rawServer((socket, request) => socket.write(handshakeResponse(request, "d3JvbmcgYWNjZXB0IGtleQ==")));
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await drainUntil(ledger, () => ledger.terminalOf(ws) !== undefined, "the handshake to fail");
    assert.deepEqual(ledger.eventsOf(ws).map((e) => e.type), ["error"]);
    assert.match(errorOf(ledger, ws), /sec-websocket-accept/);
    ledger.assertClean();
  });

  test("an HTTP answer instead of an upgrade ends in one error", async () => {
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    const { port } = await rawServer((socket) => socket.end("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"));
    const ws = net.ws_connect(`ws://127.0.0.1:${port}/`);
    await drainUntil(ledger, () => ledger.terminalOf(ws) !== undefined, "the handshake to fail");
    assert.deepEqual(ledger.eventsOf(ws).map((e) => e.type), ["error"]);
    assert.match(errorOf(ledger, ws), /404/);
    ledger.assertClean();
  });
});
