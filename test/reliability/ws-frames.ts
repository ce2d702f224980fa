/**
 * Hand-made WebSocket wire data for adversarial tests: the server's side of
 * the opening handshake, and frames with any header bits a test wants,
 * including the ones RFC 6455 forbids.
 */
import { createHash } from "node:crypto";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** The 101 response for the client request in `request` (its Sec-WebSocket-Key answered; `accept` overrides it). */
export function handshakeResponse(request: Buffer, accept?: string): string {
  const key = /sec-websocket-key:\s*(\S+)/i.exec(request.toString("latin1"))?.[1] ?? "";
  const answer = accept ?? createHash("sha1").update(key + GUID).digest("base64");
  return `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${answer}\r\n\r\n`;
}

/** Header fields of a frame; anything left out is what a valid server frame would have. */
export interface FrameOptions {
  fin?: boolean;
  rsv?: number;
  masked?: boolean;
  /** The length written in the header, if not the payload's. */
  declaredLength?: bigint;
}

/** Builds one frame with `opcode` and `payload`. */
export function frame(opcode: number, payload: Buffer | string, options: FrameOptions = {}): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload) : payload;
  const length = options.declaredLength ?? BigInt(body.length);
  const first = ((options.fin ?? true) ? 0x80 : 0) | ((options.rsv ?? 0) << 4) | opcode;
  const mask = options.masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, mask | Number(length)]);
  else if (length < 65536n) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(Number(length), 2);
    header[1] = mask | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(length, 2);
    header[1] = mask | 127;
  }
  header[0] = first;
  return Buffer.concat([header, options.masked ? Buffer.alloc(4) : Buffer.alloc(0), body]);
}
