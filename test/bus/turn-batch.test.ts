/**
 * A turn's publishes as broker messages (src/bus/turn-batch.ts): one message
 * per topic, each topic's publishes in order; a topic past `ENVELOPE_BYTES`
 * gets several messages, sent in order; `take` empties the batch.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { decodeEnvelope, ENVELOPE_BYTES } from "../../src/bus/envelope.js";
import { TurnBatch } from "../../src/bus/turn-batch.js";

/** What each broker message of a take carries, as [topic, texts]. */
function taken(batch: TurnBatch): [string, unknown[]][] {
  return batch.take().map(({ topic, payload }) => [topic, decodeEnvelope(typeof payload === "string" ? Buffer.from(payload) : payload)?.arrivals.map((a) => a.data) ?? []]);
}

test("one broker message per topic, each with its publishes in order", () => {
  const batch = new TurnBatch("n1");
  for (const [topic, text] of [["a", "1"], ["b", "x"], ["a", "2"], ["a", "3"], ["b", "y"]]) batch.add(topic, text, 1);
  assert.equal(batch.count, 5);
  assert.deepEqual(taken(batch), [["a", ["1", "2", "3"]], ["b", ["x", "y"]]]);
  assert.equal(batch.count, 0, "take empties the batch");
  assert.deepEqual(batch.take(), []);
});

test("a topic past ENVELOPE_BYTES is split into messages sent in order", () => {
  const batch = new TurnBatch("n1");
  const piece = "p".repeat(ENVELOPE_BYTES / 4);
  for (let i = 0; i < 9; i++) batch.add("big", `${i}${piece}`, piece.length + 1);
  batch.add("small", "s", 1);
  const messages = taken(batch);
  assert.deepEqual(messages.map(([topic, items]) => [topic, items.length]), [["big", 3], ["big", 3], ["big", 3], ["small", 1]]);
  assert.deepEqual(messages.flatMap(([topic, items]) => (topic === "big" ? items.map((item) => (item as string)[0]) : [])), ["0", "1", "2", "3", "4", "5", "6", "7", "8"]);
});
