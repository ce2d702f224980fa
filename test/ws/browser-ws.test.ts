/**
 * The browser WebSocket backend in real headless Chromium: a page bundled
 * from the package talks through `net.ws_*` to a `ws` server on 127.0.0.1
 * that echoes, closes and floods on command, and records what it saw.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { WebSocketServer, type WebSocket } from "ws";
import type { RuntimeOptions } from "../../src/browser.js";
import { openNetPage, type NetPage } from "../helpers/page-net.js";
import { pollUntil } from "../helpers/poll.js";

/** How the peer closed or saw each connection close: code and reason, by connection number. */
const closes: { code: number; reason: string }[] = [];

/**
 * Echoes every message as it came (text or binary). Text commands:
 * `close:<code>:<reason>` closes, `flood:<count>:<size>` sends binary messages,
 * `pause` stops reading from the socket.
 */
function onConnection(socket: WebSocket): void {
  const index = closes.length;
  closes.push({ code: 0, reason: "" });
  socket.on("close", (code, reason) => (closes[index] = { code, reason: reason.toString() }));
  socket.on("message", (data, isBinary) => {
    const text = isBinary ? "" : data.toString();
    const [command, a, b] = text.split(":");
    if (command === "close") return socket.close(Number(a), b);
    if (command === "flood") {
      for (let i = 0; i < Number(a); i++) socket.send(new Uint8Array(Number(b)).fill(i % 256));
      return;
    }
    if (command === "pause") return socket.pause();
    socket.send(data, { binary: isBinary });
  });
}

describe("browser WebSocket backend in Chromium", () => {
  let page: NetPage;
  let server: WebSocketServer;
  let url: string;

  before(async () => {
    server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    server.on("connection", onConnection);
    await new Promise((resolve) => server.once("listening", resolve));
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    page = await openNetPage();
  });

  after(async () => {
    await page?.close();
    for (const client of server?.clients ?? []) client.terminate();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Starts a fresh runtime and a connected WebSocket; returns its handle. */
  async function connect(options?: RuntimeOptions): Promise<number> {
    await page.call("start", options);
    const handle = (await page.call("call", "ws_connect", url)) as number;
    assert.deepEqual(await page.call("event", handle, "connected"), { type: "connected", handle });
    assert.equal(await page.call("call", "status", handle), "connected");
    return handle;
  }

  it("echoes text as strings and binary as bytes, in order", async () => {
    const handle = await connect();
    assert.equal(await page.call("call", "ws_send", handle, "héllo ✓"), true);
    assert.equal(await page.call("call", "ws_send_binary", handle, "\u0000\u00ff\u0010"), true);
    assert.deepEqual(await page.call("events", handle, 3), [
      { type: "connected", handle },
      { type: "message", handle, data: "héllo ✓" },
      { type: "message", handle, data: { bytes: [0, 255, 16] } },
    ]);
  });

  it("closes with the script's code and reason, and the peer sees them", async () => {
    const handle = await connect();
    const peer = closes.length - 1;
    await page.call("call", "ws_close", handle, 4000, "bye now");
    assert.deepEqual(await page.call("event", handle, "terminal"), { type: "closed", handle, code: 4000, reason: "bye now" });
    await pollUntil(() => closes[peer].code === 4000 && closes[peer].reason === "bye now", {
      what: `the peer to see close 4000 (saw ${JSON.stringify(closes[peer])})`,
    });
    assert.equal(await page.call("call", "status", handle), "closed");
  });

  it("reports the peer's close code and reason", async () => {
    const handle = await connect();
    await page.call("call", "ws_send", handle, "close:4001:see you");
    assert.deepEqual(await page.call("event", handle, "terminal"), { type: "closed", handle, code: 4001, reason: "see you" });
  });

  it("fails a refused connection with a network error, and a custom CA at once", async () => {
    await page.call("start");
    const refused = (await page.call("call", "ws_connect", "ws://127.0.0.1:1/")) as number;
    assert.deepEqual(await page.call("event", refused, "terminal"), { type: "error", handle: refused, data: "network error" });
    await page.call("start", { tls: { ca: "-----BEGIN CERTIFICATE-----" } });
    const secure = (await page.call("call", "ws_connect", "wss://127.0.0.1:1/")) as number;
    assert.deepEqual(await page.call("event", secure, "terminal"), {
      type: "error",
      handle: secure,
      data: "tls: not possible in a browser: a custom ca",
    });
  });

  it("cannot listen in a page", async () => {
    await page.call("start");
    const listener = (await page.call("call", "ws_listen", 0)) as number;
    assert.deepEqual(await page.call("event", listener, "terminal"), {
      type: "error",
      handle: listener,
      data: "listening is not supported here",
    });
  });

  it("ends a connection whose incoming message passes wsMaxMessageBytes", async () => {
    const handle = await connect({ limits: { wsMaxMessageBytes: 1000 } });
    const peer = closes.length - 1;
    await page.call("call", "ws_send", handle, "flood:1:5000");
    assert.deepEqual(await page.call("event", handle, "terminal"), { type: "error", handle, data: "message too large" });
    await pollUntil(() => closes[peer].code === 4009, { what: "the peer to see close 4009" });
  });

  it("holds messages while the script is behind, then ends past recvBufferBytes held, keeping what arrived", async () => {
    const handle = await connect({ limits: { recvBufferBytes: 64 * 1024 } });
    const peer = closes.length - 1;
    await page.call("call", "ws_send", handle, "flood:100:8192");
    await page.call("status", handle, "error");
    await pollUntil(() => closes[peer].code === 4008, { what: "the peer to see close 4008" });
    let kept = 0;
    while ((await page.call("call", "ws_recv", handle)) !== undefined) kept++;
    // 9 reach the inbox (the 9th passes 64 KiB and pauses it), 8 more are held, the 18th overflows the hold.
    assert.equal(kept, 18);
    const events = (await page.call("events", handle)) as { type: string; data?: unknown }[];
    assert.deepEqual(events.map((e) => e.type), ["connected", "error"]);
    assert.equal(events[1].data, "receive buffer full");
  });

  it("keeps every message, in order, under a download budget", async () => {
    const handle = await connect({ limits: { downloadBytesPerSecond: 32 * 1024 } });
    await page.call("call", "ws_send", handle, "flood:12:8192");
    const events = await page.call("summary", handle, 13);
    assert.deepEqual(events, [
      { type: "connected", handle },
      ...Array.from({ length: 12 }, (_, i) => ({ type: "message", length: 8192, first: i })),
    ]);
  });

  it("applies the host policy to what a page can see", async () => {
    await page.call("start", { policy: { rules: [{ host: "127.0.0.1", action: "deny" }, { host: "*", action: "allow" }] } });
    const blocked = (await page.call("call", "ws_connect", url)) as number;
    assert.deepEqual(await page.call("event", blocked, "terminal"), {
      type: "error",
      handle: blocked,
      data: "blocked by policy: 127.0.0.1",
    });
    await page.call("start", { policy: { rules: [{ host: "$private", action: "deny" }, { host: "*", action: "allow" }] } });
    const unknowable = (await page.call("call", "ws_connect", url.replace("127.0.0.1", "localhost"))) as number;
    assert.deepEqual(await page.call("event", unknowable, "terminal"), {
      type: "error",
      handle: unknowable,
      data: "not possible in a browser: checking localhost against an address rule of the policy",
    });
    await page.call("start", { policy: { rules: [{ host: "localhost", action: "allow" }] } });
    const allowed = (await page.call("call", "ws_connect", url.replace("127.0.0.1", "localhost"))) as number;
    assert.deepEqual(await page.call("event", allowed, "connected"), { type: "connected", handle: allowed });
  });

  it("refuses a send once bufferedAmount and the queue pass sendBufferBytes; close does not wait on a deaf peer", async () => {
    const handle = await connect({ limits: { sendBufferBytes: 256 * 1024 } });
    await page.call("call", "ws_send", handle, "pause");
    const result = await page.call("sendUntilRefused", handle, 64 * 1024, 4000);
    assert.equal(result.refusal, "send buffer full", `sent ${result.sent} messages of 64 KiB without a refusal`);
    assert.ok(result.sent >= 3, `only ${result.sent} sends before the refusal`);
    const peer = closes.length - 1;
    await page.call("stop");
    assert.equal(closes[peer].code, 0, "the paused peer cannot have read the close frame");
  });

  it("counts handles, events and bytes in the runtime's stats", async () => {
    const handle = await connect();
    await page.call("call", "ws_send", handle, "twelve bytes");
    await page.call("event", handle, "message");
    const stats = (await page.call("stats")) as {
      handles: { open: number; byKind: Record<string, Record<string, number>> };
      totals: { bytesIn: number; bytesOut: number; events: number };
    };
    assert.deepEqual(stats.handles.byKind, { ws: { connected: 1 } });
    assert.equal(stats.handles.open, 1);
    assert.deepEqual(stats.totals, { ...stats.totals, bytesIn: 12, bytesOut: 12, events: 2 });
    const peer = closes.length - 1;
    await page.call("stop");
    await pollUntil(() => closes[peer].code === 1000 && closes[peer].reason === "runtime closed", {
      what: `the peer to see the runtime close (saw ${JSON.stringify(closes[peer])})`,
    });
  });
});
