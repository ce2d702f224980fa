/**
 * The bytes of one broker message, the same for both brokers. A turn's
 * publishes to one topic travel together as one broker message, so the
 * broker and every subscriber handle one message per topic per turn instead
 * of one per publish. Layout: a format byte, the publisher's node id with a
 * one-byte length, then each publish in order as its kind (`t` text, `b`
 * bytes), its size in bytes in decimal, `:` and its bytes. The topic travels
 * as the broker's channel or subject. Node ids are ASCII, so a message of
 * text only goes to the driver as text (written by the client as UTF-8): no
 * encoding or copy per publish on the publishing side.
 */

const FORMAT = 2;
const TEXT = 0x74; // "t"
const BYTES = 0x62; // "b"
const COLON = 0x3a;
const ZERO = 0x30;
/** A broker message closes before its publishes pass this many bytes (a larger single publish travels alone). */
export const ENVELOPE_BYTES = 64 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One publish as it arrives: what it carried and its size in bytes. */
export interface Arrival {
  data: string | Uint8Array;
  bytes: number;
}

/** A decoded broker message: who published it and its publishes, in order. */
export interface Envelope {
  from: string;
  arrivals: Arrival[];
}

/** One broker message being filled with publishes of one topic. */
export class EnvelopeBuilder {
  /** Payload bytes so far. */
  bytes = 0;
  private text: string;
  /** Set once a publish of bytes joins: from then on the message is built as bytes. */
  private pieces: Uint8Array[] | null = null;

  constructor(header: string) {
    this.text = header;
  }

  /** Appends one publish of `bytes` bytes (text counted as UTF-8). */
  add(data: string | Uint8Array, bytes: number): void {
    const head = `${typeof data === "string" ? "t" : "b"}${bytes}:`;
    this.bytes += bytes;
    if (this.pieces === null && typeof data === "string") {
      this.text += head + data;
      return;
    }
    this.pieces ??= [encoder.encode(this.text)];
    this.pieces.push(encoder.encode(head), typeof data === "string" ? encoder.encode(data) : data);
  }

  /** The message: text while every publish in it was text, bytes otherwise. */
  payload(): string | Uint8Array {
    const pieces = this.pieces;
    if (pieces === null) return this.text;
    const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
    let at = 0;
    for (const piece of pieces) {
      out.set(piece, at);
      at += piece.length;
    }
    return out;
  }
}

/** The header of every broker message node `from` (ASCII, at most 127 characters) sends. */
export function envelopeHeader(from: string): string {
  return String.fromCharCode(FORMAT, from.length) + from;
}

/** Decodes a broker message, or undefined for bytes no tickwire node sent. */
export function decodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  if (bytes.length < 2 || bytes[0] !== FORMAT || bytes.length < 2 + bytes[1]) return undefined;
  let at = 2 + bytes[1];
  const from = String.fromCharCode.apply(null, bytes.subarray(2, at) as unknown as number[]);
  const arrivals: Arrival[] = [];
  while (at < bytes.length) {
    const kind = bytes[at++];
    const sizeStart = at;
    let size = 0;
    for (; at < bytes.length && bytes[at] !== COLON; at++) {
      const digit = bytes[at] - ZERO;
      if (digit < 0 || digit > 9) return undefined;
      size = size * 10 + digit;
    }
    const start = at + 1;
    if ((kind !== TEXT && kind !== BYTES) || at === sizeStart || start + size > bytes.length) return undefined;
    const body = bytes.subarray(start, start + size);
    arrivals.push({ data: kind === TEXT ? decoder.decode(body) : body, bytes: size });
    at = start + size;
  }
  return { from, arrivals };
}
