/**
 * The `http_*` functions of the `net` module (seed 000; docs/net.md, "HTTP").
 * A request handle is built, sent once, and ends with one `"http_done"` or
 * `"error"`; its response record is kept until the script closes the handle.
 */
import { ERR } from "../core/errors.js";
import type { Handle, Transport } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import type { HttpOutcome } from "./backend.js";
import type { HttpClient } from "./client.js";
import { checkHeader, checkTarget } from "./request-spec.js";
import { failedHandle, handleOf } from "../core/start.js";

/** What `http_response` returns: the response, or why there is none. */
export type HttpResponseRecord =
  | { status: number; body: string; headers: Record<string, string> }
  | { error: string };

/** The HTTP part of `net`. */
export interface NetHttp {
  /** Creates an unsent request; method is a name in any case or ":get". */
  http_request(method: string, url: string): number;
  /** Creates an unsent request with a text body. */
  http_request_body(method: string, url: string, body: string): number;
  /** Sets a header on a request still being built. */
  http_set_header(handle: number, name: string, value: string): void;
  /** Sets several headers from a map on a request still being built. */
  http_set_headers(handle: number, headers: Record<string, string>): void;
  /** Sends a request still being built. */
  http_send(handle: number): void;
  http_get(url: string): number;
  http_head(url: string): number;
  http_delete(url: string): number;
  http_options(url: string): number;
  http_post(url: string, body: string): number;
  http_put(url: string, body: string): number;
  http_patch(url: string, body: string): number;
  /** The response record once done or failed; undefined while building or pending. Reads, never pops. */
  http_response(handle: number): HttpResponseRecord | undefined;
  /** One response header, by case-insensitive name. */
  http_response_header(handle: number, name: string): string | undefined;
}

/** A request's state, kept on its handle; method and URL were checked when it was created, each header when it was set. */
interface RequestState {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | undefined;
  response: HttpResponseRecord | undefined;
  cancel: ((reason: string) => void) | null;
}

/** The transport of a request: closing it cancels. */
class RequestTransport implements Transport {
  constructor(
    private readonly core: NetCore,
    private readonly handle: Handle,
  ) {}

  /** Ends the request in error with `reason`, stopping it on the wire. */
  cancel(reason: string): void {
    const state = this.handle.info as RequestState;
    if (this.handle.finished) return;
    state.response = { error: reason };
    this.core.end(this.handle, "error", "error", reason);
    state.cancel?.(reason);
  }

  close(): void {
    this.cancel(ERR.cancelled);
  }

  async shutdown(): Promise<void> {
    this.cancel(ERR.runtimeClosed);
  }
}

const decoder = new TextDecoder();

/** The checked method and URL of a new request, or why it cannot even be built. */
function checkRequest(method: unknown, url: unknown, body: unknown): { method: string; url: URL } | string {
  const target = checkTarget(method, url);
  if (typeof target !== "string" && body !== undefined && typeof body !== "string") return ERR.invalidData;
  return target;
}

/** Builds the HTTP functions of `net` over one core and client. */
export function netHttp(core: NetCore, client: HttpClient): NetHttp {
  const building = (id: unknown): Handle | undefined => {
    const handle = handleOf(core, id, "http");
    return handle?.status === "building" ? handle : undefined;
  };
  const state = (id: unknown) => handleOf(core, id, "http")?.info as RequestState | undefined;

  const create = (method: unknown, url: unknown, body: unknown): Handle => {
    const target = checkRequest(method, url, body);
    if (typeof target === "string") {
      const failed = failedHandle(core, "http", target);
      failed.info = { response: { error: target } };
      return failed;
    }
    const handle = core.open("http", "building");
    const request: RequestState = {
      ...target,
      headers: {},
      body: body as string | undefined,
      response: undefined,
      cancel: null,
    };
    handle.info = request;
    core.attach(handle, new RequestTransport(core, handle));
    return handle;
  };

  const finish = (handle: Handle, outcome: HttpOutcome): void => {
    if (handle.finished) return;
    const request = handle.info as RequestState;
    if (!outcome.ok) {
      request.response = { error: outcome.error };
      return core.end(handle, "error", "error", outcome.error);
    }
    const { status, headers, body } = outcome.result;
    request.response = { status, body: decoder.decode(body), headers };
    core.end(handle, "done", "http_done");
  };

  const send = (handle: Handle): void => {
    const request = handle.info as RequestState;
    const { method, url, headers, body } = request;
    handle.status = "pending";
    request.cancel = client.request({ method, url, headers, body }, (outcome) => finish(handle, outcome));
  };

  const setHeader = (handle: Handle, name: unknown, value: unknown): void => {
    const problem = checkHeader(name, value);
    if (problem !== undefined) return (handle.transport as RequestTransport).cancel(problem);
    (handle.info as RequestState).headers[(name as string).toLowerCase()] = value as string;
  };

  const sendNow = (method: string, url: unknown, body?: unknown): number => {
    const handle = create(method, url, body);
    if (!handle.finished) send(handle);
    return handle.id;
  };

  return {
    http_request: (method, url) => create(method, url, undefined).id,
    http_request_body: (method, url, body) => create(method, url, body).id,
    http_set_header(id, name, value) {
      const handle = building(id);
      if (handle !== undefined) setHeader(handle, name, value);
    },
    http_set_headers(id, headers) {
      const handle = building(id);
      if (handle === undefined || typeof headers !== "object" || headers === null) return;
      for (const [name, value] of Object.entries(headers)) {
        if (!handle.finished) setHeader(handle, name, value);
      }
    },
    http_send(id) {
      const handle = building(id);
      if (handle !== undefined) send(handle);
    },
    http_get: (url) => sendNow("GET", url),
    http_head: (url) => sendNow("HEAD", url),
    http_delete: (url) => sendNow("DELETE", url),
    http_options: (url) => sendNow("OPTIONS", url),
    http_post: (url, body) => sendNow("POST", url, body),
    http_put: (url, body) => sendNow("PUT", url, body),
    http_patch: (url, body) => sendNow("PATCH", url, body),
    http_response: (id) => state(id)?.response,
    http_response_header(id, name) {
      const response = state(id)?.response;
      if (response === undefined || !("headers" in response) || typeof name !== "string") return undefined;
      return response.headers[name.toLowerCase()];
    },
  };
}
