/**
 * Run by bypass.test.ts inside a fresh network namespace (`unshare -n`) that
 * has only loopback, so that a wrong answer sends nothing anywhere. It brings
 * `lo` up, adds 203.0.113.7 and 2001:db8::7 to it (standing in for this
 * machine's public addresses) and routes the other ranges under test to it
 * (so a wrong answer reaches the server instead of failing), starts one HTTP and WebSocket server on `::`
 * that counts every connection it sees (and a UDP socket on the same port
 * that counts every datagram), and tries each host form on it with
 * every API (`tcp_connect`, `Network.Connect`, `http_get`, `fetch`,
 * `ws_connect`, `udp_send`), once under the policy it is given and once without a policy
 * (the control). It prints one JSON line: every attempt's outcome and whether
 * the server saw a connection.
 */
import { execFileSync } from "node:child_process";
import { createSocket } from "node:dgram";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { createNetRuntime, type NetRuntime, type PolicyRule } from "../../src/index.js";
import { pollUntil } from "../helpers/poll.js";
import { outcomeOf } from "./helpers.js";

/** One attempt: which API, which host, what the script saw, and whether the server saw a connection or request. */
export interface Attempt {
  api: string;
  host: string;
  policy: boolean;
  outcome: string;
  reached: boolean;
}

const API = ["tcp_connect", "Network.Connect", "http_get", "fetch", "ws_connect", "udp_send"] as const;

/**
 * Ranges made local by a route, not an address: reachable here, yet not among the interfaces' addresses.
 * 198.51.100.0/24 and 2001:db8:1::/48 stand for public addresses elsewhere.
 */
const LOCAL_ROUTES = ["198.18.0.0/15", "::/96", "::ffff:0:0:0/96", "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16",
  "2001::/32", "fec0::/10", "198.51.100.0/24", "2001:db8:1::/48"];

/** Brings lo up with two stand-ins for public addresses and local routes for the ranges under test. */
function setUpLoopback(): void {
  const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
  ip("link", "set", "lo", "up");
  ip("addr", "add", "203.0.113.7/32", "dev", "lo");
  ip("-6", "addr", "add", "2001:db8::7/128", "dev", "lo", "nodad");
  for (const range of LOCAL_ROUTES) ip(range.includes(":") ? "-6" : "-4", "route", "add", "local", range, "dev", "lo");
}

async function startServer(): Promise<{ server: Server; port: number; seen: () => number }> {
  let connections = 0;
  const server = createServer((_request, response) => {
    connections++;
    response.end("reached");
  });
  server.on("connection", () => connections++);
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => ws.close()));
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "::", ipv6Only: false }, resolve));
  const port = (server.address() as AddressInfo).port;
  const datagrams = createSocket({ type: "udp6", ipv6Only: false });
  datagrams.on("message", () => connections++);
  await new Promise<void>((resolve) => datagrams.bind(port, "::", resolve));
  server.on("close", () => datagrams.close());
  return { server, port, seen: () => connections };
}

const urlHost = (host: string) => (host.includes(":") ? `[${host.replace("%", "%25")}]` : host);

/** Sends one datagram from a fresh socket; resolves with its "udp_dropped" reason, or "sent" once the server counted it. */
async function udpOutcome(runtime: NetRuntime, host: string, port: number, seen: () => number): Promise<string> {
  const { net } = runtime;
  const before = seen();
  const socket = net.udp_open();
  await pollUntil(() => net.status(socket) !== "opening", { what: "a UDP socket to bind" });
  const queued = net.udp_send(socket, host, port, "probe");
  const dropped = (): string | undefined => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.handle === socket && event.type === "udp_dropped") return event.data;
    }
    return seen() > before ? "sent" : undefined;
  };
  const outcome = queued !== true ? queued : await pollUntil(dropped, { timeoutMs: 3000 }).catch(() => "sent, never counted");
  net.close(socket);
  net.close(socket);
  return outcome;
}

/** Starts one attempt and resolves with what the script saw. */
async function attempt(runtime: NetRuntime, api: (typeof API)[number], host: string, port: number, seen: () => number): Promise<string> {
  const { net, network } = runtime;
  const url = (scheme: string) => `${scheme}://${urlHost(host)}:${port}/`;
  switch (api) {
    case "tcp_connect":
      return outcomeOf(net, net.tcp_connect(host, port));
    case "http_get":
      return outcomeOf(net, net.http_get(url("http")));
    case "ws_connect":
      return outcomeOf(net, net.ws_connect(url("ws")));
    case "fetch": {
      const response = await network.fetch(url("http"));
      return response.status === -1 ? String(response.error) : `status ${response.status}`;
    }
    case "udp_send":
      return udpOutcome(runtime, host, port, seen);
    case "Network.Connect": {
      const socket = network.Network.Connect(host, port);
      await pollUntil(() => socket.status !== "connecting", { what: `Network.Connect to ${host}` });
      return socket.status === "error" ? String(socket.error) : socket.status;
    }
  }
}

/** A policy to try and the hosts to try under it; a rule's port 0 stands for the server's port. */
export interface Scenario {
  rules: PolicyRule[];
  hosts: string[];
}

async function main(): Promise<void> {
  const { rules, hosts } = JSON.parse(process.argv[2]) as Scenario;
  setUpLoopback();
  const { server, port, seen } = await startServer();
  const withPort = rules.map((rule) => ({ ...rule, ...(rule.ports && { ports: rule.ports.map((p) => p || port) }) }));
  const attempts: Attempt[] = [];
  for (const policy of [true, false]) {
    const limits = { connectTimeoutMs: 2000, httpTimeoutMs: 3000 };
    const runtime = createNetRuntime(policy ? { policy: { rules: withPort }, limits } : { limits });
    for (const host of hosts) {
      for (const api of API) {
        const before = seen();
        const outcome = await attempt(runtime, api, host, port, seen);
        attempts.push({ api, host, policy, outcome, reached: seen() > before });
      }
    }
    await runtime.close();
  }
  server.closeAllConnections();
  server.close();
  process.stdout.write(`${JSON.stringify(attempts)}\n`);
}

await main();
