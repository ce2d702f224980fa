/**
 * The quick start: a server runtime and a client runtime in one process,
 * exchanging TCP, WebSocket and HTTP traffic from a 60 Hz tick loop. Every
 * call returns at once; everything that happens arrives through poll_event.
 * Run it with `npx tsx examples/quickstart.ts`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { createNetRuntime } from "../src/index.js";

const server = createNetRuntime();
const client = createNetRuntime();
const status = http.createServer((_req, res) => res.end(JSON.stringify({ players: 2 }))).listen(0, "127.0.0.1");

const tcpListener = server.net.tcp_listen(0, "127.0.0.1");
const wsListener = server.net.ws_listen(0, "127.0.0.1");
let tcp = 0;
let ws = 0;
let req = 0;
const seen: string[] = [];

/** One server tick: greet new clients, echo what they say. */
function serverTick(): void {
  const { net } = server;
  for (let evt = net.poll_event(); evt !== undefined; evt = net.poll_event()) {
    if (evt.type === "accepted" && evt.handle === tcpListener) net.tcp_send(evt.data, "welcome\n");
    if (evt.type === "accepted" && evt.handle === wsListener) net.ws_send(evt.data, "welcome");
    if (evt.type === "data") net.tcp_send(evt.handle, `echo ${evt.data}`);
    if (evt.type === "message") net.ws_send(evt.handle, `echo ${String(evt.data)}`);
  }
}

/** One client tick: connect once the server is bound, talk, read the status page. */
function clientTick(): void {
  const { net } = client;
  const tcpPort = server.net.local_port(tcpListener);
  const wsPort = server.net.local_port(wsListener);
  if (tcp === 0 && tcpPort !== undefined && wsPort !== undefined) {
    tcp = net.tcp_connect("127.0.0.1", tcpPort);
    ws = net.ws_connect(`ws://127.0.0.1:${wsPort}/`);
    req = net.http_get(`http://127.0.0.1:${(status.address() as AddressInfo).port}/status`);
  }
  for (let evt = net.poll_event(); evt !== undefined; evt = net.poll_event()) {
    if (evt.type === "connected" && evt.handle === tcp) net.tcp_send(tcp, "hello over tcp\n");
    if (evt.type === "connected" && evt.handle === ws) net.ws_send(ws, "hello over ws");
    if (evt.type === "data" || evt.type === "message") seen.push(`${evt.handle === tcp ? "tcp" : "ws"}: ${String(evt.data).trim()}`);
    if (evt.type === "http_done") seen.push(`http: ${JSON.stringify(net.http_response(req))}`);
    if (evt.type === "error") seen.push(`error on ${evt.handle}: ${evt.data}`);
  }
}

const started = Date.now();
const timer = setInterval(async () => {
  serverTick();
  clientTick();
  const done = seen.filter((line) => line.includes("echo")).length === 2 && seen.some((l) => l.startsWith("http"));
  if (!done && Date.now() - started < 10_000) return;
  clearInterval(timer);
  for (const line of seen) console.log(line);
  await Promise.all([client.close(), server.close()]);
  status.close();
  process.exitCode = done ? 0 : 1;
}, 1000 / 60);
