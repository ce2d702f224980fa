/**
 * What the policy tests share: the recommended rule list for untrusted
 * scripts, a wait for a handle's terminal event that also returns every event
 * the handle had, and plain `node:http` servers bound to a chosen loopback
 * address with port 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Net, NetEvent, PolicyRule } from "../../src/index.js";
import { eventsUntil } from "../helpers/poll.js";

/** The recommended policy for untrusted scripts: nothing local or private, the rest allowed. */
export const NO_PRIVATE: PolicyRule[] = [
  { host: "$private", action: "deny" },
  { host: "*", action: "allow" },
];

const TERMINAL = new Set(["closed", "error", "http_done"]);

/** Waits for `handle`'s terminal event; returns all of the handle's events, oldest first. */
export async function endOf(net: Net, handle: number): Promise<NetEvent[]> {
  const ended = (events: NetEvent[]) => events.some((e) => e.handle === handle && TERMINAL.has(e.type));
  const seen = await eventsUntil(net, ended, { what: `the end of handle ${handle}` });
  return seen.filter((e) => e.handle === handle);
}

/** Waits for the handle's outcome: "connected", "http_done", or the error text. */
export async function outcomeOf(net: Net, handle: number): Promise<string> {
  const outcome = (events: NetEvent[]) =>
    events.find((e) => e.handle === handle && (e.type === "connected" || e.type === "error" || e.type === "http_done"));
  const seen = await eventsUntil(net, (events) => outcome(events) !== undefined, { what: `the outcome of handle ${handle}` });
  const event = outcome(seen) as NetEvent;
  return event.type === "error" ? event.data : event.type;
}

/** A running HTTP server and the requests it has seen. */
export interface TestHttpServer {
  server: Server;
  port: number;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

/** Starts a `node:http` server on `host` with port 0. */
export async function startHttp(
  host: string,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<TestHttpServer> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
