/**
 * The bytes of a `Network.Connect` socket: what a script's `write` argument
 * (a buffer, an array of byte numbers, or text in one of five encodings)
 * becomes on the wire. Strict where Node's `Buffer` is lenient: data that is
 * not valid for its kind (a byte of 300, odd-length hex, a non-ASCII
 * character for "ascii") is refused, never truncated. Platform-neutral: only
 * web-standard globals.
 */
import { toBytes } from "../core/args.js";

/** Text encodings `Socket.write` accepts (names are case-insensitive). */
export type TextEncodingName = "utf8" | "utf-8" | "ascii" | "latin1" | "hex" | "base64";

const utf8 = new TextEncoder();
const ASCII = /^[\x00-\x7f]*$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** A private copy of the bytes to send, or undefined when `data` is not valid for its kind. */
export function bytesToWrite(data: unknown, encoding: unknown): Uint8Array | undefined {
  if (data instanceof Uint8Array) return new Uint8Array(data);
  if (Array.isArray(data)) return fromByteNumbers(data);
  if (typeof data === "string") return encodeText(data, encoding ?? "utf8");
  return undefined;
}

function fromByteNumbers(values: unknown[]): Uint8Array | undefined {
  const bytes = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

function encodeText(text: string, encoding: unknown): Uint8Array | undefined {
  if (typeof encoding !== "string") return undefined;
  switch (encoding.toLowerCase()) {
    case "utf8":
    case "utf-8":
      return utf8.encode(text);
    case "ascii":
      return ASCII.test(text) ? toBytes(text) : undefined;
    case "latin1":
      return toBytes(text);
    case "hex":
      return HEX.test(text) ? fromHex(text) : undefined;
    case "base64":
      return fromBase64(text);
    default:
      return undefined;
  }
}

function fromHex(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

function fromBase64(text: string): Uint8Array | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  return toBytes(binary);
}
