/**
 * Adversarial HTTP servers (raw node:net, in this process): a malformed
 * status line, a response that is not HTTP, headers that never end, a body
 * longer than its chunk length and one shorter than its Content-Length. Each
 * ends its request with one clear "error" event; the runtime goes on.
 */
import assert from "node:assert/strict";
import type { Socket } from "node:net";
import { describe, test } from "node:test";
import { runtimeForTest } from "../helpers/runtime.js";
import { drainUntil, startBystander } from "./bystander.js";
import { EventLedger } from "./ledger.js";
import { dribble, rawServer } from "./raw-server.js";

const SCENARIOS: { name: string; answer: (socket: Socket) => void; error: RegExp }[] = [
  { name: "a malformed status line", answer: (s) => s.end("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n"), error: /^protocol error$/ },
  { name: "a response that is not HTTP", answer: (s) => s.end("SSH-2.0-OpenSSH_9.2\r\n\r\n"), error: /^protocol error$/ },
  {
    name: "headers that never end",
    answer: (s) => {
      s.write("HTTP/1.1 200 OK\r\n");
      dribble(s, () => `X-Filler: ${"a".repeat(1000)}\r\n`, 1);
    },
    error: /^headers too large$/,
  },
  {
    name: "a chunk longer than its length",
    answer: (s) => s.end("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello world\r\n0\r\n\r\n"),
    error: /^protocol error$/,
  },
  { name: "a body shorter than its Content-Length", answer: (s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nhello"), error: /^connection reset$/ },
  { name: "two Content-Length headers that disagree", answer: (s) => s.end("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello"), error: /./ },
  { name: "a header name with spaces", answer: (s) => s.end("HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n"), error: /^protocol error$/ },
];

describe("adversarial HTTP servers", () => {
  for (const scenario of SCENARIOS) {
    test(`${scenario.name} ends the request with one clear error`, async () => {
      const { net } = runtimeForTest();
      const ledger = new EventLedger(net);
      const bystander = await startBystander(net, ledger);
      const { port } = await rawServer((socket) => scenario.answer(socket));
      const request = net.http_get(`http://127.0.0.1:${port}/`);
      await drainUntil(ledger, () => ledger.terminalOf(request) !== undefined, `the request to end (${scenario.name})`);
      const terminal = ledger.terminalOf(request);
      assert.ok(terminal?.type === "error", JSON.stringify(terminal));
      assert.match(terminal.data, scenario.error);
      assert.deepEqual(net.http_response(request), { error: terminal.data });
      assert.equal(net.status(request), "error");
      await bystander.check();
      assert.equal(ledger.terminalCount(request), 1);
      ledger.assertClean();
    });
  }

  test("a body longer than its Content-Length: the response is cut at the length, the surplus never reaches a later request", async () => {
    const { net } = runtimeForTest();
    const ledger = new EventLedger(net);
    let served = 0;
    const { port } = await rawServer((socket) => {
      served++;
      socket.on("data", () => {});
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nsmuggled");
    });
    const first = net.http_get(`http://127.0.0.1:${port}/first`);
    await drainUntil(ledger, () => ledger.terminalOf(first) !== undefined, "the first request");
    assert.deepEqual(net.http_response(first), { status: 200, body: "hello", headers: { "content-length": "5" } });
    const second = net.http_get(`http://127.0.0.1:${port}/second`);
    await drainUntil(ledger, () => ledger.terminalOf(second) !== undefined, "the second request");
    const response = net.http_response(second);
    assert.ok(response !== undefined && !("body" in response && response.body === "smuggled"), JSON.stringify(response));
    assert.equal(served, 2, "the second request went out on a fresh connection");
    ledger.assertClean();
  });
});
