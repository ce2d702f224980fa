/**
 * The bus envelope (src/bus/envelope.ts): the publishes a builder takes
 * decode, once written as UTF-8 the way both clients write text, to the same
 * texts and bytes in the same order with their sizes and the publisher's node
 * id; a message of text only is handed to the client as text; foreign or
 * damaged bytes decode to nothing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEnvelope, EnvelopeBuilder, envelopeHeader } from "../../src/bus/envelope.js";

/** The bytes a client puts on the wire for one broker message. */
function onWire(payload: string | Uint8Array): Uint8Array {
  return typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
}

/** A broker message from node `from` carrying `items` in order. */
function envelopeOf(from: string, items: (string | Uint8Array)[]): string | Uint8Array {
  const builder = new EnvelopeBuilder(envelopeHeader(from));
  for (const item of items) builder.add(item, typeof item === "string" ? Buffer.byteLength(item) : item.length);
  return builder.payload();
}

test("texts, including non-ASCII and empty, arrive as the same texts in order from the same node", () => {
  const texts = ["", "hello", "héllo wörld ✓ 🎮", "x".repeat(70_000), "12:t3:"];
  const payload = envelopeOf("node-7.eu", texts);
  assert.equal(typeof payload, "string", "text only is handed to the client as text");
  assert.deepEqual(decodeEnvelope(onWire(payload)), {
    from: "node-7.eu",
    arrivals: texts.map((data) => ({ data, bytes: Buffer.byteLength(data) })),
  });
});

test("bytes arrive as the same bytes, never as text, in order with the texts around them", () => {
  const data = new Uint8Array([0, 1, 2, 255, 128, 10, 0x3a]);
  const payload = envelopeOf("n1", ["before ✓", data, "after"]);
  assert.ok(payload instanceof Uint8Array, "a message with bytes in it is built as bytes");
  const decoded = decodeEnvelope(onWire(payload));
  assert.equal(decoded?.from, "n1");
  assert.deepEqual(decoded?.arrivals.map((arrival) => arrival.data), ["before ✓", data, "after"]);
  assert.ok(decoded?.arrivals[1].data instanceof Uint8Array);
  assert.deepEqual(decoded?.arrivals.map((arrival) => arrival.bytes), [10, 7, 5]);
});

test("the longest node id fits the one-byte length", () => {
  const id = "a".repeat(64);
  assert.equal(decodeEnvelope(onWire(envelopeOf(id, ["m"])))?.from, id);
});

test("bytes no tickwire node sent, or a damaged message, decode to undefined", () => {
  const good = onWire(envelopeOf("n", ["hello"]));
  const damaged = [good.subarray(0, good.length - 1), Buffer.from(String(good).replace("t5", "x5")), Buffer.from(String(good).replace("t5", "t?"))];
  for (const foreign of [[], [7], [2, 9], [0, 1, 65, 116, 49, 58, 120], ...damaged.map((bytes) => [...bytes])]) {
    assert.equal(decodeEnvelope(new Uint8Array(foreign)), undefined, `decoded ${JSON.stringify(foreign)}`);
  }
});
