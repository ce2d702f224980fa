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

/** What a request handle keeps until it is released: its response record, once there is one. */
class RequestRecord {
  response: HttpResponseRecord | undefined = undefined;
}

/** A request being built or on the wire, and its handle's transport (closing the handle cancels it). Method and URL were checked when it was created, each header when it was set. */
class HttpRequest extends RequestRecord implements Transport {
  readonly headers: Record<string, string> = {};
  /** Stops the request on the wire once it was sent. */
  cancelWire: ((reason: string) => void) | null = null;

  constructor(
    private readonly core: NetCore,
    readonly handle: Handle,
    readonly method: string,
    readonly url: URL,
    readonly body: string | undefined,
  ) {
    super();
  }

  /** Ends the request in error with `reason`, stopping it on the wire. */
  cancel(reason: string): void {
    if (this.handle.finished) return;
    this.fail(reason);
    this.cancelWire?.(reason);
  }

  /** Records the outcome and ends the handle with it. */
  settle(outcome: HttpOutcome): void {
    if (this.handle.finished) return;
    if (!outcome.ok) return this.fail(outcome.error);
    const { status, headers, body } = outcome.result;
    this.response = { status, body: decoder.decode(body), headers };
    this.core.complete(this.handle);
  }

  close(): void {
    this.cancel(ERR.cancelled);
  }

  async shutdown(): Promise<void> {
    this.cancel(ERR.runtimeClosed);
  }

  private fail(reason: string): void {
    this.response = { error: reason };
    this.core.fail(this.handle, reason);
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
  /** The request of a live handle that is still being built. */
  const building = (id: unknown): HttpRequest | undefined => {
    const handle = handleOf(core, id, "http");
    return handle?.status === "building" && handle.info instanceof HttpRequest ? handle.info : undefined;
  };
  const responseOf = (id: unknown): HttpResponseRecord | undefined => {
    const info = handleOf(core, id, "http")?.info;
    return info instanceof RequestRecord ? info.response : undefined;
  };

  const create = (method: unknown, url: unknown, body: unknown): Handle => {
    const target = checkRequest(method, url, body);
    if (typeof target === "string") {
      const failed = failedHandle(core, "http", target);
      const record = new RequestRecord();
      record.response = { error: target };
      failed.info = record;
      return failed;
    }
    const handle = core.open("http", "building");
    const request = new HttpRequest(core, handle, target.method, target.url, body as string | undefined);
    handle.info = request;
    core.attach(handle, request);
    return handle;
  };

  const send = (request: HttpRequest): void => {
    const { method, url, headers, body } = request;
    request.handle.status = "pending";
    request.cancelWire = client.request({ method, url, headers, body }, (outcome) => request.settle(outcome));
  };

  const setHeader = (request: HttpRequest, name: unknown, value: unknown): void => {
    const problem = checkHeader(name, value);
    if (problem !== undefined) return request.cancel(problem);
    request.headers[(name as string).toLowerCase()] = value as string;
  };

  const sendNow = (method: string, url: unknown, body?: unknown): number => {
    const handle = create(method, url, body);
    if (handle.info instanceof HttpRequest) send(handle.info);
    return handle.id;
  };

  return {
    http_request: (method, url) => create(method, url, undefined).id,
    http_request_body: (method, url, body) => create(method, url, body).id,
    http_set_header(id, name, value) {
      const request = building(id);
      if (request !== undefined) setHeader(request, name, value);
    },
    http_set_headers(id, headers) {
      const request = building(id);
      if (request === undefined || typeof headers !== "object" || headers === null) return;
      for (const [name, value] of Object.entries(headers)) {
        if (!request.handle.finished) setHeader(request, name, value);
      }
    },
    http_send(id) {
      const request = building(id);
      if (request !== undefined) send(request);
    },
    http_get: (url) => sendNow("GET", url),
    http_head: (url) => sendNow("HEAD", url),
    http_delete: (url) => sendNow("DELETE", url),
    http_options: (url) => sendNow("OPTIONS", url),
    http_post: (url, body) => sendNow("POST", url, body),
    http_put: (url, body) => sendNow("PUT", url, body),
    http_patch: (url, body) => sendNow("PATCH", url, body),
    http_response: responseOf,
    http_response_header(id, name) {
      const response = responseOf(id);
      if (response === undefined || !("headers" in response) || typeof name !== "string") return undefined;
      return response.headers[name.toLowerCase()];
    },
  };
}
