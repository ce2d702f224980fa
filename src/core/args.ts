/**
 * Checks of the values scripts pass in. Every check answers with an error text
 * or undefined, so the API layer can fail a handle instead of throwing.
 */
import { ERR } from "./errors.js";

/** Error text for anything that is not a whole port number from 0 to 65535. */
export function checkPort(port: unknown, allowZero: boolean): string | undefined {
  if (typeof port !== "number" || !Number.isInteger(port)) return ERR.invalidPort;
  if (port < (allowZero ? 0 : 1) || port > 65535) return ERR.invalidPort;
  return undefined;
}

const HOST = /^[A-Za-z0-9._:%-]+$/;

/** Error text for anything that is not a host name, IPv4 or IPv6 literal (brackets allowed). */
export function checkHost(host: unknown): string | undefined {
  if (typeof host !== "string") return ERR.invalidHost;
  const bare = unbracket(host);
  if (bare.length === 0 || bare.length > 253 || !HOST.test(bare)) return ERR.invalidHost;
  return undefined;
}

/** Strips the brackets of an IPv6 literal written as "[::1]". */
export function unbracket(host: string): string {
  return host.length > 1 && host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "ws:": 80, "https:": 443, "wss:": 443 };

/** The port a URL names, else its scheme's default (0 for a scheme without one). */
export function urlPort(url: { port: string; protocol: string }): number {
  return url.port === "" ? (DEFAULT_PORTS[url.protocol] ?? 0) : Number(url.port);
}

/** Parses an absolute URL whose scheme is one of `schemes`; an error text otherwise. */
export function parseUrl(url: unknown, schemes: readonly string[]): URL | string {
  if (typeof url !== "string") return ERR.invalidUrl;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return ERR.invalidUrl;
  }
  if (!schemes.includes(parsed.protocol) || parsed.hostname === "") return ERR.invalidUrl;
  return parsed;
}

/** Bytes of a "text bytes" string (char codes 0-255), a Uint8Array or an ArrayBuffer; undefined otherwise. */
export function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data !== "string") return undefined;
  const bytes = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const code = data.charCodeAt(i);
    if (code > 255) return undefined;
    bytes[i] = code;
  }
  return bytes;
}
