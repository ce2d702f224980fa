/**
 * The bytes of one bus message on the wire, the same for both brokers: a
 * kind byte (text or bytes), the publisher's node id with a one-byte length,
 * then the payload. The topic travels as the broker's channel or subject.
 * Node ids are ASCII, so a text message goes to the driver as text (header
 * characters then the payload, the same bytes once the client writes it as
 * UTF-8): no encoding or copy per message on the publishing side.
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

/** Encodes the publishes of node `from` (ASCII, at most 127 characters). */
export class EnvelopeWriter {
  private readonly textHeader: string;
  private readonly bytesHeader: Uint8Array;

  constructor(from: string) {
    this.textHeader = String.fromCharCode(TEXT, from.length) + from;
    this.bytesHeader = encoder.encode(String.fromCharCode(BYTES, from.length) + from);
  }

  /** The envelope of one publish: text as text (written as UTF-8 by the client), bytes as bytes. */
  encode(data: string | Uint8Array): string | Uint8Array {
    if (typeof data === "string") return this.textHeader + data;
    const out = new Uint8Array(this.bytesHeader.length + data.length);
    out.set(this.bytesHeader);
    out.set(data, this.bytesHeader.length);
    return out;
  }
}

/** Decodes a message, or undefined for bytes no tickwire node sent. */
export function decodeEnvelope(bytes: Uint8Array): Envelope | undefined {
  if (bytes.length < 2 || bytes[0] > BYTES || bytes.length < 2 + bytes[1]) return undefined;
  const start = 2 + bytes[1];
  const from = String.fromCharCode.apply(null, bytes.subarray(2, start) as unknown as number[]);
  return { from, data: bytes[0] === TEXT ? decoder.decode(bytes.subarray(start)) : bytes.subarray(start) };
}
