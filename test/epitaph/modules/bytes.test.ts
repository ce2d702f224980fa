/** The `bytes` module: UTF-8 in and out, slices, concatenation, hex and lists of bytes. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureOf, load, printed } from "../helpers.js";

const B = ["bytes"];

describe("epitaph bytes module", () => {
  it("encodes and decodes UTF-8, slices, concatenates and prints hex", () => {
    assert.deepEqual(
      printed([
        'bytes.hex(bytes.from_text("hé"))', 'bytes.to_text(bytes.from_text("hé😀"))', 'len(bytes.from_text("é"))',
        'bytes.hex(bytes.slice(bytes.from_text("abcd"), 1, 3))', 'bytes.hex(bytes.slice(bytes.from_text("abcd"), -1))',
        'bytes.hex(bytes.concat(bytes.from_text("a"), bytes.from_list([0, 255]), bytes.from_text("")))', "bytes.to_list(bytes.from_list([1, 2]))",
        "bytes.to_text(bytes.from_list([255]))",
      ], B),
      ["68c3a9", "hé😀", "2", "6263", "64", "6100ff", "[1, 2]", "\uFFFD"],
    );
  });

  it("gives hosts Uint8Array values, and checks its arguments", () => {
    assert.deepEqual(load('access <bytes>\nphase run() { return bytes.from_text("hi") }').program.call("run"), new Uint8Array([104, 105]));
    assert.equal(failureOf('bytes.hex("ab")', B), "main.ep:3: hex: expected bytes, got text");
    assert.equal(failureOf("bytes.from_list([256])", B), "main.ep:3: from_list: 256 is not a byte (0 to 255)");
  });
});
