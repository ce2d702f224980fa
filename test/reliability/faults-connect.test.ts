/**
 * Faults before a connection exists: refused, DNS failure, TLS failure, a
 * connect that never completes, a request never answered. For TCP,
 * WebSocket and HTTP alike each ends its handle with exactly one "error",
 * and a bystander connection in the same runtime goes on unaffected.
 */
import { after, describe, test } from "node:test";
import { makeCertificates, startNginx } from "../helpers/peers.js";
import { freePort } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";
import type { RuntimeOptions } from "../../src/index.js";
import { expectEachEnds, startBystander } from "./bystander.js";
import { startBlackhole, startTcpPeer } from "./fault-peers.js";
import { EventLedger } from "./ledger.js";

/** A runtime with its ledger and bystander. */
async function setup(options?: RuntimeOptions) {
  const runtime = runtimeForTest(options);
  const ledger = new EventLedger(runtime.net);
  const bystander = await startBystander(runtime.net, ledger);
  return { net: runtime.net, ledger, bystander };
}

describe("faults before connecting", () => {
  test("connection refused: tcp, ws and http each end in one 'connection refused'", async () => {
    const { net, ledger, bystander } = await setup();
    const port = await freePort();
    const handles = {
      tcp: net.tcp_connect("127.0.0.1", port),
      ws: net.ws_connect(`ws://127.0.0.1:${port}/`),
      http: net.http_get(`http://127.0.0.1:${port}/`),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^connection refused$/ });
  });

  test("DNS failure: tcp, ws and http each end in one 'host not found'", async () => {
    const { net, ledger, bystander } = await setup();
    const handles = {
      tcp: net.tcp_connect("no-such-host.invalid", 80),
      ws: net.ws_connect("ws://no-such-host.invalid/"),
      http: net.http_get("http://no-such-host.invalid/"),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^host not found$/ });
  });

  test("TLS failure: https and wss to a server whose CA is not trusted end in one 'tls: ...'", async () => {
    const nginx = await startNginx(makeCertificates());
    after(() => nginx.stop());
    const { net, ledger, bystander } = await setup();
    const handles = {
      https: net.http_get(`https://127.0.0.1:${nginx.tlsPort}/hello.txt`),
      wss: net.ws_connect(`wss://127.0.0.1:${nginx.tlsPort}/`),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^tls: / });
  });

  test("connect timeout: a listener that never accepts ends tcp, ws and http in one 'timeout'", async () => {
    const blackhole = await startBlackhole();
    const { net, ledger, bystander } = await setup({ limits: { connectTimeoutMs: 300, httpTimeoutMs: 600 } });
    const handles = {
      tcp: net.tcp_connect("127.0.0.1", blackhole.port),
      ws: net.ws_connect(`ws://127.0.0.1:${blackhole.port}/`),
      http: net.http_get(`http://127.0.0.1:${blackhole.port}/`),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^timeout$/ });
  });

  test("request timeout: a server that accepts and never answers ends http and the ws handshake in one 'timeout'", async () => {
    const silent = await startTcpPeer("silent");
    const { net, ledger, bystander } = await setup({ limits: { connectTimeoutMs: 400, httpTimeoutMs: 400 } });
    const handles = {
      get: net.http_get(`http://127.0.0.1:${silent.port}/`),
      post: net.http_post(`http://127.0.0.1:${silent.port}/`, "body"),
      ws: net.ws_connect(`ws://127.0.0.1:${silent.port}/`),
    };
    await expectEachEnds(net, ledger, bystander, handles, { type: "error", data: /^timeout$/ });
  });
});
