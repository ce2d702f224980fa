/**
 * Open-exchange-close cycles across TCP, HTTP (nginx) and WebSocket, many at
 * once: each cycle opens, exchanges one message, closes and releases. The
 * heap must not grow by 5 MB or more from the warmed-up start, and no handle
 * may be left behind. 3,000 cycles in npm test, 100,000 under soak.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { createNetRuntime, type NetEvent, type NetRuntime } from "../../src/index.js";
import { makeCertificates, startNginx } from "../helpers/peers.js";
import { boundPort } from "../helpers/poll.js";
import { heapAfterGc } from "./heap.js";
import { EventRouter } from "./router.js";
import { scaled } from "./scale.js";
import { coreOf } from "../../src/api/internals.js";

const CYCLES = scaled(3_000, 100_000);
const LANES = 24;
const WARMUP = Math.min(600, CYCLES / 5);
const MAX_GROWTH = 5 * 1024 * 1024;

/** The server runtime's script: echo every message back, release every handle that ends. */
function echoServer(server: NetRuntime, router: EventRouter): void {
  const net = server.net;
  router.onUnclaimed = (event: NetEvent) => {
    if (event.type === "data") net.tcp_send(event.handle, `echo ${event.data}`);
    else if (event.type === "message") net.ws_send(event.handle, `echo ${String(event.data)}`);
    else if (event.type === "closed" || event.type === "error") {
      net.close(event.handle);
      router.ledger.markReleased(event.handle);
    }
  };
}

test(`soak: ${CYCLES.toLocaleString("en-US")} open-exchange-close cycles over TCP, HTTP and WebSocket keep the heap flat`, { timeout: 1_800_000 }, async (t) => {
  const nginx = await startNginx(makeCertificates());
  after(() => nginx.stop());
  const server = createNetRuntime();
  const client = createNetRuntime();
  after(() => Promise.all([server.close(), client.close()]));
  const serverRouter = new EventRouter(server.net);
  const router = new EventRouter(client.net);
  after(() => (serverRouter.stop(), router.stop()));
  echoServer(server, serverRouter);
  const tcpListener = server.net.tcp_listen(0, "127.0.0.1");
  const wsListener = server.net.ws_listen(0, "127.0.0.1");
  const tcpPort = await boundPort(server.net, tcpListener);
  const wsPort = await boundPort(server.net, wsListener);
  const net = client.net;

  const release = (handle: number) => {
    net.close(handle);
    router.ledger.markReleased(handle);
  };
  const cycle = async (n: number): Promise<void> => {
    const kind = n % 3;
    if (kind === 0) {
      const conn = net.tcp_connect("127.0.0.1", tcpPort);
      await router.until(conn, "connected");
      assert.equal(net.tcp_send(conn, `ping ${n}`), true);
      let text = "";
      while (text !== `echo ping ${n}`) text += (await router.until(conn, "data")).data;
      net.tcp_close(conn);
      await router.until(conn, "closed");
      release(conn);
    } else if (kind === 1) {
      const request = net.http_get(`http://127.0.0.1:${nginx.port}/hello.txt`);
      await router.until(request, "http_done");
      const response = net.http_response(request);
      assert.ok(response !== undefined && "body" in response && response.body === "hello from nginx\n", JSON.stringify(response));
      release(request);
    } else {
      const ws = net.ws_connect(`ws://127.0.0.1:${wsPort}/`);
      await router.until(ws, "connected");
      assert.equal(net.ws_send(ws, `ping ${n}`), true);
      assert.equal((await router.until(ws, "message")).data, `echo ping ${n}`);
      net.ws_close(ws);
      await router.until(ws, "closed");
      release(ws);
    }
  };

  let next = 0;
  const lane = async (until: number) => {
    while (next < until) await cycle(next++);
  };
  const run = (until: number) => Promise.all(Array.from({ length: LANES }, () => lane(until)));

  await run(WARMUP);
  const start = await heapAfterGc();
  await run(CYCLES);
  await waitForEmpty(server, client);
  const growth = (await heapAfterGc()) - start;
  t.diagnostic(`heap growth after ${CYCLES} cycles: ${(growth / 1024).toFixed(0)} KiB`);
  router.ledger.assertClean("client");
  serverRouter.ledger.assertClean("server");
  assert.ok(growth < MAX_GROWTH, `heap grew by ${(growth / 1048576).toFixed(2)} MB`);
});

/** Waits until only the listeners remain in the server and nothing in the client. */
async function waitForEmpty(server: NetRuntime, client: NetRuntime): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (coreOf(server).size > 2 || coreOf(client).size > 0) {
    if (Date.now() > deadline) throw new Error(`handles left behind: server ${coreOf(server).size}, client ${coreOf(client).size}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
