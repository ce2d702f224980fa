/**
 * The pooled UTF-8 encoder: each text's bytes are its own copy, equal to
 * `Buffer.from`'s, however many texts share a pool and when a pool fills.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encodeUtf8 } from "../../src/node/utf8-pool.js";

describe("encodeUtf8", () => {
  test("texts across many pools keep their own bytes, equal to Buffer.from's", () => {
    const texts = Array.from({ length: 2_000 }, (_, i) => `${i} é ✓ 😀 ${"x".repeat(i % 90)}`);
    const encoded = texts.map(encodeUtf8);
    texts.forEach((text, i) => assert.deepEqual(encoded[i], Buffer.from(text), `text ${i} after every later one was encoded`));
  });

  test("a lone surrogate becomes U+FFFD and the empty text no bytes, as with Buffer.from", () => {
    for (const text of ["\ud800", "a\udc00b", ""]) assert.deepEqual(encodeUtf8(text), Buffer.from(text), JSON.stringify(text));
  });

  test("a text too long to pool gets a buffer of its own", () => {
    const long = "é".repeat(20_000);
    const bytes = encodeUtf8(long);
    assert.equal(bytes.length, 40_000);
    assert.equal(bytes.byteOffset, 0, "not a view into a pool");
    assert.equal(bytes.toString(), long);
  });
});
