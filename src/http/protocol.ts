/**
 * HTTP's row of the protocol table: the `http_*` functions of `net` and the
 * one-shot `http` request kind (no connection quota: requests are bounded by
 * `maxRequestsInFlight` and `maxRequestsQueued`). Its service is the runtime's
 * shared HTTP client, which `fetch` of the Scripter's Rift layer uses too;
 * closing the runtime cancels every request it holds.
 */
import { defineProtocol, type ProtocolContext } from "../core/protocol.js";
import type { HttpBackend } from "./backend.js";
import { HttpClient } from "./client.js";
import { netHttp } from "./net-http.js";

/** The HTTP protocol. */
export const httpProtocol = defineProtocol({
  name: "http",
  kinds: { http: null },
  open({ core, backend }: ProtocolContext<HttpBackend>) {
    const client = new HttpClient(backend, core.limits, core.bandwidth);
    return { functions: netHttp(core, client), service: client, close: () => client.close() };
  },
});
