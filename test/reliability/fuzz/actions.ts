/**
 * The fuzzer's moves: one entry per `net` function, each drawing its
 * arguments, making the call, and checking that what came back is one of
 * the values that function may return. A move answers with a problem text,
 * or undefined when the call behaved.
 */
import { ERR, type Net } from "../../../src/index.js";
import type { EventLedger } from "../ledger.js";
import type { Kind, Model } from "./model.js";
import type { Values } from "./values.js";

/** What a move works with. */
export interface FuzzContext {
  net: Net;
  values: Values;
  model: Model;
  ledger: EventLedger;
}

/** One kind of call and how often to make it. */
export interface Move<C extends FuzzContext = FuzzContext> {
  name: string;
  weight: number;
  run(context: C): string | undefined;
}

const SEND_RESULTS = new Set<unknown>([true, ...Object.values(ERR)]);
const CONNECTION_OF: Partial<Record<Kind, Kind>> = { tcp_listener: "tcp", ws_listener: "ws" };

/** A problem text unless `result` is true or one of the error texts. */
export function sendResult(name: string, result: unknown): string | undefined {
  return SEND_RESULTS.has(result) ? undefined : `${name} returned ${JSON.stringify(result)}`;
}

function voidResult(name: string, result: unknown): string | undefined {
  return result === undefined ? undefined : `${name} returned ${JSON.stringify(result)}`;
}

function isResponse(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  if ("error" in record) return typeof record.error === "string" && record.error.length > 0;
  return typeof record.status === "number" && typeof record.body === "string" && typeof record.headers === "object";
}

/** A move that calls a handle-returning function and files the handle. */
function creates(name: string, weight: number, kind: Kind, call: (c: FuzzContext) => unknown): Move {
  return { name, weight, run: (c) => c.model.adopt(call(c), kind) };
}

/** A move whose function returns void whatever it is given. */
function voids(name: string, weight: number, call: (c: FuzzContext) => unknown): Move {
  return { name, weight, run: (c) => voidResult(name, call(c)) };
}

/** A move that pulls the next accepted client of a listener. */
function accepts(name: string, kind: Kind, pull: (net: Net, handle: unknown) => unknown): Move {
  return {
    name,
    weight: 3,
    run(c) {
      const result = pull(c.net, c.values.handle(kind));
      return result === undefined ? undefined : c.model.adopt(result, CONNECTION_OF[kind] as Kind);
    },
  };
}

/** Drains one event into the ledger, filing accepted clients. */
const pollEvent: Move = {
  name: "poll_event",
  weight: 30,
  run({ net, ledger, model }) {
    const event = net.poll_event();
    if (event === undefined) return undefined;
    ledger.record(event);
    if (event.handle === 0 && (event.type === "node_up" || event.type === "node_down")) return undefined;
    if (!model.knows(event.handle)) return `${event.type} event for handle ${event.handle}, which the script was never handed`;
    if (event.type !== "accepted") return undefined;
    const listenerKind = model.live.get(event.handle);
    return listenerKind === undefined ? `accepted on an untracked listener ${event.handle}` : model.adopt(event.data, CONNECTION_OF[listenerKind] as Kind);
  },
};

/** Every move, covering every function of `net`. */
export const MOVES: Move[] = [
  pollEvent,
  { name: "status", weight: 4, run: ({ net, values }) => (["string", "undefined"].includes(typeof net.status(values.handle() as number)) ? undefined : "status returned a non-string") },
  voids("close", 6, ({ net, values }) => net.close(values.handle() as number)),
  {
    name: "local_port",
    weight: 2,
    run: ({ net, values }) => {
      const port = net.local_port(values.handle() as number);
      return port === undefined || (Number.isInteger(port) && port > 0 && port < 65536) ? undefined : `local_port returned ${port}`;
    },
  },
  {
    name: "remote_addr",
    weight: 2,
    run: ({ net, values }) => {
      const address = net.remote_addr(values.handle() as number);
      return address === undefined || /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:.]+\]):\d+$/.test(address) ? undefined : `remote_addr returned ${address}`;
    },
  },
  creates("tcp_connect", 5, "tcp", ({ net, values }) => net.tcp_connect(...(values.tcpTarget() as [string, number]))),
  creates("tcp_listen", 1, "tcp_listener", ({ net, values }) => net.tcp_listen(values.listenPort() as number, values.listenHost() as string)),
  { name: "tcp_send", weight: 10, run: ({ net, values }) => sendResult("tcp_send", net.tcp_send(values.handle("tcp") as number, values.text() as string)) },
  {
    name: "tcp_recv",
    weight: 4,
    run: ({ net, values }) => {
      const chunk = net.tcp_recv(values.handle("tcp") as number);
      return chunk === undefined || typeof chunk === "string" ? undefined : `tcp_recv returned ${typeof chunk}`;
    },
  },
  accepts("tcp_accept", "tcp_listener", (net, handle) => net.tcp_accept(handle as number)),
  voids("tcp_close", 3, ({ net, values }) => net.tcp_close(values.handle("tcp") as number)),
  voids("tcp_stop", 1, ({ net, values }) => net.tcp_stop(values.handle("tcp_listener") as number)),
  creates("ws_connect", 4, "ws", ({ net, values }) => net.ws_connect(values.wsUrl() as string)),
  creates("ws_listen", 1, "ws_listener", ({ net, values }) => net.ws_listen(values.listenPort() as number, values.listenHost() as string)),
  { name: "ws_send", weight: 8, run: ({ net, values }) => sendResult("ws_send", net.ws_send(values.handle("ws") as number, values.text() as string)) },
  { name: "ws_send_binary", weight: 4, run: ({ net, values }) => sendResult("ws_send_binary", net.ws_send_binary(values.handle("ws") as number, values.bytes() as Uint8Array)) },
  {
    name: "ws_recv",
    weight: 4,
    run: ({ net, values }) => {
      const message = net.ws_recv(values.handle("ws") as number);
      return message === undefined || typeof message === "string" || message instanceof Uint8Array ? undefined : `ws_recv returned ${typeof message}`;
    },
  },
  accepts("ws_accept", "ws_listener", (net, handle) => net.ws_accept(handle as number)),
  voids("ws_close", 3, ({ net, values }) => net.ws_close(values.handle("ws") as number, values.garbage() === undefined ? 4000 : (values.garbage() as number), "bye")),
  voids("ws_stop", 1, ({ net, values }) => net.ws_stop(values.handle("ws_listener") as number)),
  creates("http_request", 2, "http", ({ net, values }) => net.http_request(values.method() as string, values.httpUrl() as string)),
  creates("http_request_body", 1, "http", ({ net, values }) => net.http_request_body(values.method() as string, values.httpUrl() as string, values.text() as string)),
  voids("http_set_header", 2, ({ net, values }) => net.http_set_header(values.handle("http") as number, ...(values.header() as [string, string]))),
  voids("http_set_headers", 1, ({ net, values }) => net.http_set_headers(values.handle("http") as number, Object.fromEntries([values.header()]) as Record<string, string>)),
  voids("http_send", 2, ({ net, values }) => net.http_send(values.handle("http") as number)),
  creates("http_get", 3, "http", ({ net, values }) => net.http_get(values.httpUrl() as string)),
  creates("http_head", 1, "http", ({ net, values }) => net.http_head(values.httpUrl() as string)),
  creates("http_delete", 1, "http", ({ net, values }) => net.http_delete(values.httpUrl() as string)),
  creates("http_options", 1, "http", ({ net, values }) => net.http_options(values.httpUrl() as string)),
  creates("http_post", 1, "http", ({ net, values }) => net.http_post(values.httpUrl() as string, values.text() as string)),
  creates("http_put", 1, "http", ({ net, values }) => net.http_put(values.httpUrl() as string, values.text() as string)),
  creates("http_patch", 1, "http", ({ net, values }) => net.http_patch(values.httpUrl() as string, values.text() as string)),
  {
    name: "http_response",
    weight: 3,
    run: ({ net, values }) => {
      const response = net.http_response(values.handle("http") as number);
      return response === undefined || isResponse(response) ? undefined : `http_response returned ${JSON.stringify(response)}`;
    },
  },
  {
    name: "http_response_header",
    weight: 1,
    run: ({ net, values }) => {
      const value = net.http_response_header(values.handle("http") as number, values.rngHeaderName());
      return value === undefined || typeof value === "string" ? undefined : `http_response_header returned ${typeof value}`;
    },
  },
];
