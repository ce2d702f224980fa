/**
 * Writes a turn's WebSocket messages as whole frames packed into one buffer,
 * so that a turn of thousands of messages is one socket write instead of a
 * header and a payload buffer per message. ASCII text is copied as
 * `latin1` (one native copy) and every payload masked four bytes at a time, with no
 * `charCodeAt` loop: V8 slows those for the whole process once any library
 * subclasses `String` (ioredis does). It goes through the socket only while
 * `ws`'s own sender is idle (nothing queued, no fragmented message open, socket
 * open); otherwise it hands each message to `ws.send`, so control frames and
 * ws's queue keep their order. Client frames are masked with keys from a pool
 * of crypto-random bytes, as `ws` itself does.
 */
import { randomFillSync } from "node:crypto";
import type { Socket } from "node:net";
import { WebSocket } from "ws";
import type { Payload } from "../core/handle.js";

const OPCODE_TEXT = 0x81;
const OPCODE_BINARY = 0x82;
const RANDOM_POOL_SIZE = 8 * 1024;
const randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
let randomPoolUsed = RANDOM_POOL_SIZE;

/** The parts of a `ws` WebSocket's sender this writer reads to know it may write past it. */
interface SenderState {
  _sender?: { _state?: number; _queue?: unknown[]; _firstFragment?: boolean } | null;
}

/** True while ws's sender has nothing queued and no fragmented message open, so a frame written now lands in order. */
function senderIdle(ws: WebSocket): boolean {
  const sender = (ws as WebSocket & SenderState)._sender;
  return ws.readyState === WebSocket.OPEN && sender?._state === 0 && sender._queue?.length === 0 && sender._firstFragment === true;
}

/** Writes `chunks` as one message each, in order: one buffer of packed frames when ws's sender is idle, ws.send otherwise. */
export function writeMessages(ws: WebSocket, socket: Socket | null, masked: boolean, chunks: Payload[]): void {
  if (socket === null || !senderIdle(ws)) return sendEach(ws, chunks);
  let bytes = 0;
  for (let i = 0; i < chunks.length; i++) {
    const length = payloadBytes(chunks[i]);
    lengths[i] = length;
    bytes += frameBytes(length, masked);
  }
  socket.write(packFrames(chunks, lengths, bytes, masked));
}

/** Each chunk's payload size of the turn being packed, reused from turn to turn. */
const lengths: number[] = [];

function sendEach(ws: WebSocket, chunks: Payload[]): void {
  for (const chunk of chunks as (string | Uint8Array)[]) ws.send(chunk, { binary: typeof chunk !== "string" });
}

/** A payload's size on the wire: UTF-8 bytes of a text message. */
function payloadBytes(chunk: Payload): number {
  return typeof chunk === "string" ? Buffer.byteLength(chunk) : (chunk as Uint8Array).length;
}

/** Header (2, 4 or 10 bytes), mask key and payload. */
function frameBytes(length: number, masked: boolean): number {
  return (length > 0xffff ? 10 : length > 125 ? 4 : 2) + (masked ? 4 : 0) + length;
}

/** Encodes every chunk, of the payload sizes in `lengths`, as a complete frame into one buffer of `bytes` bytes. */
function packFrames(chunks: Payload[], lengths: number[], bytes: number, masked: boolean): Buffer {
  const out = Buffer.allocUnsafe(bytes);
  const view = new DataView(out.buffer, out.byteOffset, out.length);
  let offset = 0;
  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index] as string | Uint8Array;
    const length = lengths[index];
    out[offset] = typeof chunk === "string" ? OPCODE_TEXT : OPCODE_BINARY;
    const maskBit = masked ? 0x80 : 0;
    if (length > 0xffff) {
      out[offset + 1] = maskBit | 127;
      out.writeUInt32BE(Math.floor(length / 2 ** 32), offset + 2);
      out.writeUInt32BE(length >>> 0, offset + 6);
      offset += 10;
    } else if (length > 125) {
      out[offset + 1] = maskBit | 126;
      out.writeUInt16BE(length, offset + 2);
      offset += 4;
    } else {
      out[offset + 1] = maskBit | length;
      offset += 2;
    }
    if (masked) {
      writeMaskKey(out, offset);
      offset += 4;
    }
    if (typeof chunk === "string" && length === chunk.length) out.write(chunk, offset, length, "latin1");
    else if (typeof chunk === "string") out.write(chunk, offset, length, "utf8");
    else out.set(chunk, offset);
    if (masked) maskInPlace(out, view, offset, length);
    offset += length;
  }
  return out;
}

/** Writes a fresh random mask key at `at`, from the pool. */
function writeMaskKey(out: Buffer, at: number): void {
  if (randomPoolUsed === RANDOM_POOL_SIZE) {
    randomFillSync(randomPool);
    randomPoolUsed = 0;
  }
  const used = randomPoolUsed;
  out[at] = randomPool[used];
  out[at + 1] = randomPool[used + 1];
  out[at + 2] = randomPool[used + 2];
  out[at + 3] = randomPool[used + 3];
  randomPoolUsed = used + 4;
}

/** Masks the `length` payload bytes at `at` with the key just before them, four bytes per load and store. */
function maskInPlace(out: Buffer, view: DataView, at: number, length: number): void {
  const key = view.getInt32(at - 4);
  let i = 0;
  for (; i + 3 < length; i += 4) view.setInt32(at + i, view.getInt32(at + i) ^ key);
  for (; i < length; i++) out[at + i] ^= out[at - 4 + (i & 3)];
}
