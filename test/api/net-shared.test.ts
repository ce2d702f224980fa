/**
 * What holds for every handle whatever its protocol (docs/design.md, rules 1-16): feature flags,
 * unknown, stale and released handles, and no function ever throwing.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { createNetRuntime, type Net } from "../../src/index.js";
import { boundPort, eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

const TCP = ["tcp_connect", "tcp_send", "tcp_recv", "tcp_close", "tcp_listen", "tcp_accept", "tcp_stop"];
const HTTP = ["http_request", "http_request_body", "http_set_header", "http_set_headers", "http_send", "http_get",
  "http_head", "http_delete", "http_options", "http_post", "http_put", "http_patch", "http_response",
  "http_response_header"];
const WS = ["ws_connect", "ws_send", "ws_send_binary", "ws_recv", "ws_close", "ws_listen", "ws_accept", "ws_stop"];
const SHARED = ["status", "poll_event", "close", "local_port", "remote_addr"];

describe("feature flags", () => {
  test("every seed function is there by default", () => {
    const { net } = runtimeForTest();
    for (const name of [...SHARED, ...TCP, ...HTTP, ...WS]) assert.equal(typeof (net as unknown as Record<string, unknown>)[name], "function", name);
  });

  test("a disabled protocol's functions are absent, the shared ones stay", () => {
    const { net } = runtimeForTest({ features: { tcp: false, ws: false } });
    for (const name of [...TCP, ...WS]) assert.equal(name in net, false, name);
    for (const name of [...SHARED, ...HTTP]) assert.equal(name in net, true, name);
    assert.equal("http_get" in runtimeForTest({ features: { http: false } }).net, false);
  });

  test("a disabled protocol's module is never imported", () => {
    const probe = fileURLToPath(new URL("../fixtures/feature-probe.ts", import.meta.url));
    const output = execFileSync(process.execPath, ["--import", "tsx", probe], { encoding: "utf8", timeout: 30_000 });
    const loaded = JSON.parse(output.trim().split("\n").pop() as string) as string[];
    assert.ok(loaded.some((url) => url.endsWith("/src/http/node-http.ts")), `http was used: ${loaded.join(", ")}`);
    assert.ok(!loaded.some((url) => url.includes("/src/tcp/node-tcp")), "tcp backend never loaded");
    assert.ok(!loaded.some((url) => url.includes("/src/ws/node-ws")), "ws backend never loaded");
    assert.ok(!loaded.some((url) => url.includes("/node_modules/ws/")), "the ws library never loaded");
    assert.ok(!loaded.some((url) => url.includes("/src/udp/node-udp")), "udp backend never loaded");
    assert.ok(!loaded.includes("node:dgram"), "node:dgram never loaded");
  });
});

describe("unknown, stale and released handles", () => {
  test("never throw: void reads, error-text sends, no-op closes", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    await boundPort(net, listener);
    net.tcp_stop(listener);
    net.close(listener);
    for (const handle of [0, -1, 999_999, 1.5, listener, NaN]) {
      assert.equal(net.status(handle), undefined);
      assert.equal(net.tcp_recv(handle), undefined);
      assert.equal(net.tcp_accept(handle), undefined);
      assert.equal(net.ws_recv(handle), undefined);
      assert.equal(net.ws_accept(handle), undefined);
      assert.equal(net.http_response(handle), undefined);
      assert.equal(net.http_response_header(handle, "x"), undefined);
      assert.equal(net.local_port(handle), undefined);
      assert.equal(net.remote_addr(handle), undefined);
      assert.equal(net.tcp_send(handle, "x"), "unknown handle");
      assert.equal(net.ws_send(handle, "x"), "unknown handle");
      assert.equal(net.ws_send_binary(handle, "x"), "unknown handle");
      assert.equal(net.udp_recv(handle), undefined);
      assert.equal(net.udp_send(handle, "127.0.0.1", 9, "x"), "unknown handle");
      net.udp_close(handle);
      net.close(handle);
      net.tcp_close(handle);
      net.tcp_stop(handle);
      net.ws_close(handle);
      net.ws_stop(handle);
      net.http_send(handle);
      net.http_set_header(handle, "a", "b");
    }
  });

  test("handles are positive, unique and never reused", () => {
    const { net } = runtimeForTest();
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const handle = i % 2 === 0 ? net.tcp_connect("127.0.0.1", 70000) : net.http_get("nope");
      assert.ok(Number.isInteger(handle) && handle > 0);
      assert.ok(!seen.has(handle));
      seen.add(handle);
      net.close(handle);
    }
  });

  test("a finished handle keeps its status and unread data until closed", async () => {
    const { net } = runtimeForTest();
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const conn = net.tcp_connect("127.0.0.1", port);
    const server = (await eventOf(net, listener, "accepted")).data;
    net.tcp_send(server, "kept");
    net.tcp_close(server);
    await eventOf(net, conn, "closed");
    assert.equal(net.status(conn), "closed");
    assert.equal(net.tcp_recv(conn), undefined, "the data event took it first");
    assert.equal(net.status(server), "closed");
  });
});

describe("runtime.close", () => {
  test("ends every handle and resolves once every socket is gone, lingering ones included", async () => {
    const runtime = createNetRuntime();
    const { net } = runtime;
    const silentSockets = new Set<nodeNet.Socket>();
    const silent = nodeNet.createServer({ allowHalfOpen: true }, (socket) => silentSockets.add(socket.resume()));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    after(() => {
      for (const socket of silentSockets) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const silentPort = (silent.address() as nodeNet.AddressInfo).port;
    const listener = net.tcp_listen(0, "127.0.0.1");
    const wsListener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const wsPort = await boundPort(net, wsListener);
    const lingering = net.tcp_connect("127.0.0.1", silentPort);
    await eventOf(net, lingering, "connected");
    net.tcp_close(lingering);
    const open = [
      net.tcp_connect("127.0.0.1", port),
      net.ws_connect(`ws://127.0.0.1:${wsPort}/`),
      net.http_get(`http://127.0.0.1:${silentPort}/never`),
      net.tcp_connect("127.0.0.1", silentPort),
    ];
    await eventOf(net, open[1], "connected");
    const quietPeer = nodeNet.connect({ port, host: "127.0.0.1", allowHalfOpen: true });
    after(() => quietPeer.destroy());
    const acceptedThenClosed = await pollUntil(() => {
      const event = net.poll_event();
      return event?.type === "accepted" && event.handle === listener && event.data !== undefined ? event.data : undefined;
    }, { what: "an accepted client" });
    net.tcp_close(acceptedThenClosed);
    let closed = false;
    void runtime.close().then(() => (closed = true));
    await pollUntil(() => closed, { timeoutMs: 5_000, what: "runtime.close() to resolve" });
    for (const handle of [listener, wsListener, ...open]) {
      assert.ok(["closed", "error"].includes(net.status(handle) ?? ""), `handle ${handle}: ${net.status(handle)}`);
    }
    const late = await eventOf(net, runtime.net.tcp_connect("127.0.0.1", port), "error");
    assert.equal(late.data, "runtime closed");
  });
});

/** A tiny seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("no function throws", () => {
  test("20,000 calls of every net function with arguments of every type", async () => {
    const seed = Number(process.env.TICKWIRE_FUZZ_SEED ?? 20261126);
    const next = random(seed);
    const { net } = runtimeForTest({ limits: { connectTimeoutMs: 500, httpTimeoutMs: 500 } });
    const hostile = {
      toString() {
        throw new Error("boom");
      },
      valueOf() {
        throw new Error("boom");
      },
    };
    const handles: number[] = [1];
    const values = (): unknown[] => [
      undefined, null, 0, -1, 1, 70000, 2 ** 53, NaN, Infinity, 1.5, "", "x", "127.0.0.1", ":get", "not a url",
      "http://127.0.0.1:1/", "ws://127.0.0.1:1/", "\r\n", "\u0100", true, false, {}, [], [1, 2], new Uint8Array(3),
      new ArrayBuffer(2), Symbol("s"), 10n, () => 1, hostile, new Proxy({}, { get() { throw new Error("trap"); } }),
      handles[Math.floor(next() * handles.length)],
    ];
    const names = Object.keys(net) as (keyof Net)[];
    for (let call = 0; call < 20_000; call++) {
      const name = names[Math.floor(next() * names.length)];
      const pool = values();
      const args = Array.from({ length: Math.floor(next() * 4) }, () => pool[Math.floor(next() * pool.length)]);
      let result: unknown;
      try {
        result = (net[name] as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        assert.fail(`seed ${seed}, call ${call}: net.${String(name)}(${args.map(String).join(", ")}) threw ${String(error)}`);
      }
      if (typeof result === "number" && name !== "local_port" && name !== "tcp_accept" && name !== "ws_accept") {
        handles.push(result);
      }
      if (call % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    for (const handle of handles) {
      const status = net.status(handle);
      assert.ok(status === undefined || typeof status === "string", `seed ${seed}: status of ${handle}`);
    }
  });
});
