/**
 * The one-entry cache behind per-message work on a stream's key: computed
 * for the first key (even `undefined`), kept while the key repeats, computed
 * again for any other.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LastResult } from "../../src/core/last-result.js";

test("a result is kept while the key repeats and computed again for another key", () => {
  const seen: unknown[] = [];
  const compute = (key: unknown) => {
    seen.push(key);
    return `result of ${String(key)}`;
  };
  const last = new LastResult<unknown, string>();
  assert.equal(last.of(undefined, compute), "result of undefined", "the first key is computed, undefined too");
  assert.equal(last.of(undefined, compute), "result of undefined");
  assert.equal(last.of("a", compute), "result of a");
  assert.equal(last.of("a", compute), "result of a");
  assert.equal(last.of(undefined, compute), "result of undefined");
  assert.deepEqual(seen, [undefined, "a", undefined], "computed once per change of key");
});
