/**
 * The bytes of one bus message on the wire, the same for both brokers: a
 * kind byte (text or bytes), the publisher's node id with a one-byte length,
 * then the payload. The topic travels as the broker's channel or subject.
 */

const TEXT = 0;
const BYTES = 1;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A decoded message: what it carried and who published it. */
export interface Envelope {
  data: string | Uint8Array;
  from: string;
}

/** Encodes a publish from node `from` (ASCII, at most 255 characters). */
export function encodeEnvelope(from: string, data: string | Uint8Array): Uint8Array {
  const body = typeof data === "string" ? encoder.encode(data) : data;
  const out = new Uint8Array(2 + from.length + body.length);
  out[0] = typeof data === "string" ? TEXT : BYTES;
  out[1] = from.length;
  for (let i = 0; i < from.length; i++) out[2 + i] = from.charCodeAt(i);
  out.set(body, 2 + from.length);
  return out;
}

/** Decodes a message, or undefined for bytes no tickwire node sent. */
export function decodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  if (bytes.length < 2 || bytes[0] > BYTES || bytes.length < 2 + bytes[1]) return undefined;
  const start = 2 + bytes[1];
  const from = String.fromCharCode(...bytes.subarray(2, start));
  const body = bytes.subarray(start);
  return { from, data: bytes[0] === TEXT ? decoder.decode(body) : body };
}

/** Bytes a payload takes, as counted against `busMessageBytes`. */
export function payloadBytes(data: string | Uint8Array): number {
  return typeof data === "string" ? encoder.encode(data).length : data.length;
}
