/**
 * The UDP name cache: a name is looked up once and answered from the cache
 * afterwards (at once, within the same call), lookups in flight are shared,
 * and failures are kept too, so a sender to a bad name does not look it up
 * on every tick.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NameCache, type Answer } from "../../src/udp/name-cache.js";
import { pollUntil } from "../helpers/poll.js";

/** Resolves through the cache; says whether the answer came within the call (from the cache). */
function resolveOnce(cache: NameCache, name: string): { answer: () => Answer | undefined; immediate: boolean } {
  let answer: Answer | undefined;
  cache.resolve(name, (given) => (answer = given));
  return { answer: () => answer, immediate: answer !== undefined };
}

test("a name is looked up once, then answered from the cache", async () => {
  const cache = new NameCache();
  const first = resolveOnce(cache, "localhost");
  const shared = resolveOnce(cache, "localhost");
  assert.equal(first.immediate, false, "the first lookup goes to the resolver");
  assert.equal(shared.immediate, false, "a second ask while the first is in flight waits for it");
  const answer = await pollUntil(first.answer, { what: "localhost to resolve" });
  assert.ok("addresses" in answer && answer.addresses.includes("127.0.0.1"), JSON.stringify(answer));
  assert.deepEqual(await pollUntil(shared.answer), answer);
  const cached = resolveOnce(cache, "localhost");
  assert.equal(cached.immediate, true);
  assert.deepEqual(cached.answer(), answer);
});

test("a failure is kept too", async () => {
  const cache = new NameCache();
  const first = resolveOnce(cache, "no-such-host.invalid");
  assert.deepEqual(await pollUntil(first.answer, { what: "the lookup to fail" }), { error: "host not found" });
  const again = resolveOnce(cache, "no-such-host.invalid");
  assert.equal(again.immediate, true);
  assert.deepEqual(again.answer(), { error: "host not found" });
});
