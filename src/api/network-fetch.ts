/**
 * `fetch` of the Scripter's Rift API (seed 002; docs/network.md): a web-style
 * request over the runtime's shared HTTP client (the same pool, limits and
 * TLS options as `net`'s HTTP). Its promise never rejects and the call never
 * throws: every failure, from a malformed argument to a peer that breaks
 * HTTP/1.1, resolves with status -1 and the reason on `response.error`.
 */
import { ERR, errorText } from "../core/errors.js";
import type { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import type { HttpRequestSpec, HttpResult } from "../http/backend.js";
import type { HttpClient } from "../http/client.js";
import { buildSpec, checkHeader } from "../http/request-spec.js";
import { standardReasonPhrase } from "../http/status-text.js";

/** The seed's six methods; any letter case is accepted. */
export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "DELETE" | "PATCH";

/** What a request may set besides its URL. */
export interface FetchOptions {
  /** One of the six methods, any case; GET by default. */
  method?: HttpMethod | Lowercase<HttpMethod>;
  /** Request headers; names are case-insensitive. */
  headers?: Record<string, string>;
  /** Bytes, text (text/plain unless set), or `{ json: value }` (serialised, application/json unless set). */
  body?: Uint8Array | string | { json: unknown };
}

/** A complete response, or a failure with status -1. */
export interface Response {
  /** The HTTP status code, or -1 when the request failed. */
  readonly status: number;
  /** The server's reason phrase, the standard one when it sent none, or "socket error" on failure. */
  readonly statusMessage: string;
  /** Response headers with lower-case names; repeated headers joined with ", ". */
  readonly headers: Record<string, string>;
  /** The whole body (empty on failure). */
  readonly body: Uint8Array;
  /** Why the request failed, or null (beyond the seed). */
  readonly error: string | null;
  /** The body decoded as UTF-8. */
  text(): string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json<T = any>(): T;
}

/** The `fetch` function of `runtime.network`. */
export type Fetch = (uri: string, options?: FetchOptions) => Promise<Response>;

const SOCKET_ERROR = "socket error";
const METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]);
const utf8 = new TextDecoder();

/** A response as the script sees it. */
class FetchResponse implements Response {
  constructor(
    readonly status: number,
    readonly statusMessage: string,
    readonly headers: Record<string, string>,
    readonly body: Uint8Array,
    readonly error: string | null,
  ) {}

  text(): string {
    return utf8.decode(this.body);
  }

  json<T = any>(): T {
    try {
      return JSON.parse(this.text()) as T;
    } catch {
      return undefined as T;
    }
  }
}

/** Builds `fetch` over one core and the runtime's HTTP client (absent when HTTP is off). */
export function createFetch(core: NetCore, client: HttpClient | undefined, platform: Platform): Fetch {
  const failed = (why: string): Response =>
    new FetchResponse(-1, SOCKET_ERROR, {}, platform.bytes(new Uint8Array(0)), why);
  const succeeded = (result: HttpResult): Response => {
    const message = result.statusText || standardReasonPhrase(result.status);
    return new FetchResponse(result.status, message, result.headers, platform.bytes(result.body), null);
  };
  return (uri, options) =>
    new Promise<Response>((resolve) => {
      try {
        const spec = client === undefined ? ERR.httpUnavailable : core.closed ? ERR.runtimeClosed : toSpec(uri, options);
        if (typeof spec === "string") return resolve(failed(spec));
        (client as HttpClient).request(spec, (outcome) =>
          resolve(outcome.ok ? succeeded(outcome.result) : failed(outcome.error)),
        );
      } catch (error) {
        resolve(failed(errorText(error)));
      }
    });
}

/** Checks a script's URL and options and turns them into a request, or the error text that stops it. */
function toSpec(uri: unknown, options: unknown): HttpRequestSpec | string {
  if (options === undefined) return buildSpec("GET", uri, {}, undefined);
  if (typeof options !== "object" || options === null) return ERR.invalidOptions;
  const { method = "GET", headers = {}, body } = options as Record<string, unknown>;
  if (typeof method !== "string" || !METHODS.has(method.toUpperCase())) return ERR.invalidMethod;
  const lowered = lowerCaseHeaders(headers);
  if (typeof lowered === "string") return lowered;
  const payload = encodeBody(body);
  if (typeof payload === "string") return payload;
  if (payload.contentType !== undefined && !("content-type" in lowered)) lowered["content-type"] = payload.contentType;
  return buildSpec(method, uri, lowered, payload.data);
}

/** A checked copy of the script's headers with lower-case names, or an error text. */
function lowerCaseHeaders(headers: unknown): Record<string, string> | string {
  if (typeof headers !== "object" || headers === null) return ERR.invalidOptions;
  const lowered: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const problem = checkHeader(name, value);
    if (problem !== undefined) return problem;
    lowered[name.toLowerCase()] = value as string;
  }
  return lowered;
}

/** The request body and its default content type, or an error text. */
function encodeBody(body: unknown): { data: string | Uint8Array | undefined; contentType?: string } | string {
  if (body === undefined || body === null) return { data: undefined };
  if (body instanceof Uint8Array) return { data: new Uint8Array(body) };
  if (typeof body === "string") return { data: body, contentType: "text/plain;charset=UTF-8" };
  if (typeof body !== "object" || !("json" in body)) return ERR.invalidBody;
  let json: string | undefined;
  try {
    json = JSON.stringify((body as { json: unknown }).json);
  } catch {
    return ERR.invalidBody;
  }
  return typeof json === "string" ? { data: json, contentType: "application/json" } : ERR.invalidBody;
}
