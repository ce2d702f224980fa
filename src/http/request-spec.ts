/**
 * Turns what a script gave for a request (a method name or `:symbol`, a URL,
 * headers, a body) into a checked request, or the error text that explains
 * why it can never be sent (docs/net.md, "HTTP": nothing that could split a
 * request).
 */
import { parseUrl } from "../core/args.js";
import { ERR } from "../core/errors.js";
import { LastResult } from "../core/last-result.js";
import type { HttpRequestSpec } from "./backend.js";

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const BAD_VALUE = /[\r\n\0]/;

/** The upper-case method for "get", "GET" or ":get"; an error text for anything else. */
export function normalizeMethod(method: unknown): string | { error: string } {
  if (typeof method !== "string") return { error: ERR.invalidMethod };
  const name = method.startsWith(":") ? method.slice(1) : method;
  return TOKEN.test(name) ? name.toUpperCase() : { error: ERR.invalidMethod };
}

/** Error text when a header name or value could corrupt the request, else undefined. */
export function checkHeader(name: unknown, value: unknown): string | undefined {
  if (typeof name !== "string" || !TOKEN.test(name)) return `${ERR.invalidHeader}: bad name ${JSON.stringify(name)}`;
  if (typeof value !== "string" || BAD_VALUE.test(value)) return `${ERR.invalidHeader}: bad value for ${name}`;
  return undefined;
}

/** Parses an http: or https: URL; an error text otherwise. */
export function parseHttpUrl(url: unknown): URL | string {
  return parseUrl(url, ["http:", "https:"]);
}

/** The last method and URL checked: a script polling one endpoint has each checked once (a parsed URL is only read, so requests share it). */
const lastMethod = new LastResult<unknown, string | { error: string }>();
const lastUrl = new LastResult<unknown, URL | string>();

/** The checked method and URL of a request, or the error text of the first that is wrong. */
export function checkTarget(method: unknown, url: unknown): { method: string; url: URL } | string {
  const verb = lastMethod.of(method, normalizeMethod);
  if (typeof verb !== "string") return verb.error;
  const parsed = lastUrl.of(url, parseHttpUrl);
  return typeof parsed === "string" ? parsed : { method: verb, url: parsed };
}

/** Assembles a request, or the first error that stops it. */
export function buildSpec(
  method: unknown,
  url: unknown,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
): HttpRequestSpec | string {
  const target = checkTarget(method, url);
  if (typeof target === "string") return target;
  for (const [name, value] of Object.entries(headers)) {
    const problem = checkHeader(name, value);
    if (problem !== undefined) return problem;
  }
  return { ...target, headers, body };
}
