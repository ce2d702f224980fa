/**
 * The browser build's UTF-8 length against Node's own encoder, on text with
 * every width of character and broken surrogates.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { utf8Length } from "../../src/web/utf8.js";

describe("utf8Length", () => {
  it("agrees with Buffer.byteLength on 1- to 4-byte characters and lone surrogates", () => {
    const samples = ["", "plain ascii", "héllo", "✓ check", "😀 face", "a\ud800b", "\udc00", "end\ud83d", "mixé✓😀\u0000"];
    for (const text of samples) assert.equal(utf8Length(text), Buffer.byteLength(text), JSON.stringify(text));
  });
});
