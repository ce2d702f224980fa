/**
 * `Socket.read(n)` as a framing primitive, against a real TCP peer that writes
 * in controlled pieces: a length-prefixed stream split at every offset, one
 * byte at a time, and a frame spread over many received chunks. Then receive
 * backpressure: a socket whose script does not read stops reading from the
 * kernel, and every byte still arrives once, in order.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Socket } from "../../src/index.js";
import { pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { tcpPeerForTest } from "../helpers/tcp-peer.js";

/** Frames with a 2-byte big-endian length prefix, as a script's binary protocol would. */
function encodeFrames(bodies: Buffer[]): Buffer {
  return Buffer.concat(
    bodies.flatMap((body) => {
      const head = Buffer.alloc(2);
      head.writeUInt16BE(body.length);
      return [head, body];
    }),
  );
}

/** A script-style frame reader: `read(2)` for the length, then `read(length)` for the body. */
function frameReader(sock: Socket): () => Buffer[] {
  let length: number | null = null;
  return () => {
    const frames: Buffer[] = [];
    for (;;) {
      if (length === null) {
        const head = sock.read(2);
        if (head === null) return frames;
        length = Buffer.from(head).readUInt16BE(0);
      }
      const body = sock.read(length);
      if (body === null) return frames;
      frames.push(Buffer.from(body));
      length = null;
    }
  };
}

/** Bytes of the frames that end within the first `offset` bytes of the stream, and the bytes consumed reading them. */
function completeBefore(bodies: Buffer[], offset: number): { frames: Buffer[]; consumed: number } {
  const frames: Buffer[] = [];
  let position = 0;
  for (const body of bodies) {
    if (position + 2 > offset) return { frames, consumed: position };
    if (position + 2 + body.length > offset) return { frames, consumed: position + 2 };
    frames.push(body);
    position += 2 + body.length;
  }
  return { frames, consumed: position };
}

/** A socket connected to a peer for this test, and `arrive`: the peer writes bytes and the socket then holds `expected` unread. */
async function framingPair(): Promise<{ sock: Socket; arrive: (bytes: Buffer, expected: number) => Promise<void> }> {
  const peer = await tcpPeerForTest();
  const sock = runtimeForTest().network.Network.Connect("127.0.0.1", peer.port);
  const side = await peer.accepted();
  await pollUntil(() => sock.status === "connected", { what: "the framing connection" });
  const arrive = async (bytes: Buffer, expected: number) => {
    if (bytes.length > 0) await side.write(bytes);
    await pollUntil(() => sock.available === expected, { what: `${expected} buffered bytes (have ${sock.available})` });
  };
  return { sock, arrive };
}

describe("Socket.read(n) framing", () => {
  const bodies = [Buffer.from("abc"), Buffer.alloc(0), Buffer.from([0, 255, 1, 254, 10, 13]), Buffer.from("x".repeat(40))];
  const stream = encodeFrames(bodies);

  it(`reads the same ${bodies.length} frames whatever offset the stream is split at`, async () => {
    const { sock, arrive } = await framingPair();
    const read = frameReader(sock);
    for (let offset = 0; offset <= stream.length; offset++) {
      await arrive(stream.subarray(0, offset), offset);
      const early = completeBefore(bodies, offset);
      const first = read();
      assert.deepEqual(first, early.frames, `frames complete before offset ${offset}`);
      assert.equal(sock.available, offset - early.consumed, `bytes kept after reading at offset ${offset}`);
      await arrive(stream.subarray(offset), stream.length - early.consumed);
      assert.deepEqual([...first, ...read()], bodies, `all frames with the split at offset ${offset}`);
      assert.equal(sock.available, 0);
    }
  });

  it("reads the frames when the stream arrives one byte at a time", async () => {
    const { sock, arrive } = await framingPair();
    const read = frameReader(sock);
    const frames: Buffer[] = [];
    for (let offset = 0; offset < stream.length; offset++) {
      await arrive(stream.subarray(offset, offset + 1), sock.available + 1);
      frames.push(...read());
      assert.deepEqual(frames, completeBefore(bodies, offset + 1).frames, `after byte ${offset + 1}`);
    }
    assert.deepEqual(frames, bodies);
  });

  it("reads a frame spread over several received chunks, and the small frames behind it", async () => {
    const { sock, arrive } = await framingPair();
    const big = Buffer.alloc(60_000, 7);
    for (let i = 0; i < big.length; i += 997) big[i] = i % 256;
    const bigStream = encodeFrames([big, Buffer.from("after"), Buffer.from("!")]);
    const read = frameReader(sock);
    const pieceSize = 7_000;
    for (let start = 0; start + pieceSize < bigStream.length; start += pieceSize) {
      await arrive(bigStream.subarray(start, start + pieceSize), sock.available + pieceSize);
      assert.deepEqual(read(), [], `nothing complete after ${start + pieceSize} bytes`);
    }
    const rest = bigStream.length % pieceSize;
    await arrive(bigStream.subarray(bigStream.length - rest), sock.available + rest);
    assert.deepEqual(read(), [big, Buffer.from("after"), Buffer.from("!")]);
    assert.equal(sock.available, 0);
  });

  it("keeps everything while fewer than n bytes are buffered, and returns an empty buffer for read(0)", async () => {
    const { sock, arrive } = await framingPair();
    await arrive(Buffer.from("12345"), 5);
    assert.equal(sock.read(6), null);
    assert.equal(sock.available, 5);
    assert.equal(sock.read(0)?.length, 0);
    assert.equal(sock.read(5)?.toString(), "12345");
    assert.equal(sock.read(), null);
  });
});

describe("Socket receive backpressure", () => {
  const limit = 64 * 1024;
  const total = 32 * 1024 * 1024;

  it("stops reading from the kernel while the script does not read, and loses nothing", async () => {
    const peer = await tcpPeerForTest();
    const sock = runtimeForTest({ limits: { recvBufferBytes: limit } }).network.Network.Connect("127.0.0.1", peer.port);
    const side = await peer.accepted();
    await pollUntil(() => sock.status === "connected", { what: "the connection" });
    const payload = Buffer.alloc(total);
    for (let i = 0; i < total; i++) payload[i] = i % 251;
    side.socket.write(payload);
    await pollUntil(() => sock.available >= limit && side.socket.writableLength > 0, {
      what: `the socket to fill (${sock.available} buffered, peer holding ${side.socket.writableLength})`,
    });
    assert.ok(sock.available <= limit + 64 * 1024, `buffered ${sock.available} bytes, limit ${limit}`);
    assert.equal(sock.read(limit + 1), null, "a read longer than recvBufferBytes can never be met");

    const received: Buffer[] = [];
    let size = 0;
    await pollUntil(
      () => {
        for (let chunk = sock.read(); chunk !== null; chunk = sock.read()) {
          received.push(Buffer.from(chunk));
          size += chunk.length;
        }
        return size >= total;
      },
      { timeoutMs: 60_000, what: `all ${total} bytes (have ${size})` },
    );
    assert.equal(size, total);
    assert.ok(Buffer.concat(received).equals(payload), "the bytes arrive once, in order");
  });
});
