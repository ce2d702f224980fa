/**
 * The bus envelope (src/bus/envelope.ts): what a publisher hands the driver
 * decodes, once written as UTF-8 the way both clients write text, to the same
 * text or bytes and the publisher's node id; foreign bytes decode to nothing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEnvelope, EnvelopeWriter } from "../../src/bus/envelope.js";

/** The bytes a client puts on the wire for one envelope. */
function onWire(payload: string | Uint8Array): Uint8Array {
  return typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
}

test("text, including non-ASCII, arrives as the same text from the same node", () => {
  const writer = new EnvelopeWriter("node-7.eu");
  for (const text of ["", "hello", "héllo wörld ✓ 🎮", "x".repeat(70_000)]) {
    const payload = writer.encode(text);
    assert.equal(typeof payload, "string", "text is handed to the client as text");
    assert.deepEqual(decodeEnvelope(onWire(payload)), { from: "node-7.eu", data: text });
  }
});

test("bytes arrive as the same bytes, never as text", () => {
  const writer = new EnvelopeWriter("n1");
  const data = new Uint8Array([0, 1, 2, 255, 128, 10]);
  const decoded = decodeEnvelope(onWire(writer.encode(data)));
  assert.equal(decoded?.from, "n1");
  assert.ok(decoded?.data instanceof Uint8Array);
  assert.deepEqual([...(decoded.data as Uint8Array)], [...data]);
});

test("the longest node id fits the one-byte length", () => {
  const id = "a".repeat(64);
  assert.equal(decodeEnvelope(onWire(new EnvelopeWriter(id).encode("m")))?.from, id);
});

test("bytes no tickwire node sent decode to undefined", () => {
  for (const foreign of [[], [7], [2, 0], [0, 9, 65]]) assert.equal(decodeEnvelope(new Uint8Array(foreign)), undefined);
});

