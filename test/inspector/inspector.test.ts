/**
 * The live inspector on a busy Node runtime: a WebSocket listener, clients
 * that keep exchanging messages, a UDP socket sending datagrams to itself
 * and a refused connect; the inspector page,
 * opened in headless Chromium, lists the handles, charts the traffic and
 * shows the error. A screenshot goes to test-artifacts/inspector.png.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import type { RuntimeStats } from "../../src/index.js";
import { startInspector, type Inspector } from "../../src/inspector/server.js";
import { artifactPath, launchChromium, type Chromium } from "../helpers/chromium.js";
import { boundPort, eventOf } from "../helpers/poll.js";
import { freePort } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";

describe("live inspector", () => {
  const runtime = runtimeForTest();
  const { net } = runtime;
  let inspector: Inspector;
  let chromium: Chromium;
  let pump: ReturnType<typeof setInterval> | undefined;
  let listener = 0;
  let udp = 0;
  const clients: number[] = [];

  before(async () => {
    listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    for (let i = 0; i < 3; i++) clients.push(net.ws_connect(`ws://127.0.0.1:${port}/`));
    for (const client of clients) await eventOf(net, client, "connected");
    await eventOf(net, net.tcp_connect("127.0.0.1", await freePort()), "error");
    udp = net.udp_open(0, "127.0.0.1");
    const udpPort = await boundPort(net, udp);
    let turn = 0;
    pump = setInterval(() => {
      turn++;
      const size = 200 + Math.round(800 * (1 + Math.sin(turn / 6)));
      clients.forEach((client, i) => net.ws_send(client, "x".repeat(size * (i + 1))));
      net.udp_send(udp, "127.0.0.1", udpPort, "tick");
      for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
        if (event.type === "message" && turn % 3 !== 0) net.ws_send(event.handle, "ack");
      }
    }, 20);
    inspector = await startInspector(runtime, { title: "inspector test" });
    chromium = await launchChromium();
  });

  after(async () => {
    clearInterval(pump);
    await chromium?.close();
    await inspector?.close();
  });

  it("serves a stats snapshot as JSON", async () => {
    const response = await fetch(new URL("stats", inspector.url));
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    const stats = (await response.json()) as RuntimeStats;
    assert.equal(stats.handles.open, 8, "a listener, three clients, three accepted connections and a UDP socket");
    const socket = stats.list.find((entry) => entry.handle === udp);
    assert.ok((socket?.counters?.datagramsIn ?? 0) > 0 && (socket?.counters?.datagramsOut ?? 0) > 0, JSON.stringify(socket));
    assert.deepEqual(stats.recentErrors.map((e) => e.error), ["connection refused"]);
  });

  it("answers only GET of its three paths, and refuses a port that is taken", async () => {
    assert.equal((await fetch(new URL("nothing", inspector.url))).status, 404);
    assert.equal((await fetch(new URL("stats", inspector.url), { method: "POST" })).status, 405);
    await assert.rejects(startInspector(runtime, { port: inspector.port }), /EADDRINUSE/);
  });

  it("shows every handle, live charts and the recent error", async () => {
    const page: Page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto(inspector.url);
    await page.waitForFunction("Number(document.body.dataset.samples) >= 16", undefined, { timeout: 20_000 });
    const rows = await page.$$eval("#handles tr[data-handle]", (trs) => trs.map((tr) => tr.textContent ?? ""));
    assert.equal(rows.length, 9, `rows: ${rows.join(" | ")}`);
    assert.ok(rows.some((row) => row.startsWith(`#${udp}udp`) && /datagrams in \d/.test(row) && /datagrams out \d/.test(row)), `rows: ${rows.join(" | ")}`);
    assert.ok(rows.some((row) => row.includes(`#${listener}`) && row.includes("ws listener") && row.includes("listening")));
    for (const client of clients) assert.ok(rows.some((row) => row.startsWith(`#${client}ws`) && row.includes("connected")));
    assert.equal(await page.textContent("#live"), "live");
    assert.match((await page.textContent("#card-handles .value")) ?? "", /^8$/);
    assert.match((await page.textContent("#errors")) ?? "", /connection refused/);
    assert.notEqual(await page.textContent("#card-in .value"), "0 B/s");
    assert.equal(await page.locator("#card-in svg path").count(), 2);
    await page.screenshot({ path: artifactPath("inspector.png"), fullPage: true });
  });
});
