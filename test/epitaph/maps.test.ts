/**
 * Records used as maps: text, int and symbol keys as distinct entries
 * (`m[3]` is not `m["3"]`), `1.0` the same key as `1`, keys given back with
 * their types, `len`/`has`/`remove`, and hosts seeing plain objects with
 * text keys.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, failureOf, load, printed } from "./helpers.js";

describe("epitaph maps", () => {
  it("keys entries by text, int and symbol, with 1.0 the same key as 1", () => {
    const src = 'phase run() {\nlet m = {}\nm[3] = "ana"\nm["3"] = "text"\nm[:red] = 1\nm[1.0] = "one"\nm[1] = "uno"\nreturn [text(m), m[3], m["3"], m[:red], m[1.0], len(m), m[4]]\n}';
    assert.deepEqual(load(src).program.call("run"), ['{ "3": "text", 3: "ana", :red: 1, 1: "uno" }', "ana", "text", 1, "uno", 4, undefined]);
  });

  it("gives keys back with their types, and has/remove work on every key kind", () => {
    const src = 'phase run() {\nlet m = { name: "x" }\nm[7] = 1\nm[:k] = 2\nlet ks = keys(m)\nlet gone = remove(m, 7)\nreturn [text(ks), ks[1] + 1, gone, has(m, 7), has(m, :k), has(m, "name"), has(m, 2.5), len(m)]\n}';
    assert.deepEqual(load(src).program.call("run"), ['["name", 7, :k]', 8, 1, false, true, true, false, 2]);
  });

  it("hands hosts a plain object whose int and symbol keys became text", () => {
    const seen: unknown[] = [];
    const { program } = load("access <host>\nphase run() {\nlet m = { a: 1 }\nm[3] = :x\nhost.keep(m)\n}", { modules: { host: { keep: (v: unknown) => void seen.push(v) } } });
    program.call("run");
    assert.deepEqual(seen, [{ a: 1, "3": ":x" }]);
  });

  it("refuses floats with a fraction part and other values as keys", () => {
    assert.equal(failureOf("let m = {}\nm[0.5] = 1"), "main.ep:3: map keys are text, int or symbol, got float 0.5");
    assert.equal(failureOf("let m = {}\nm[[]] = 1"), "main.ep:3: map keys are text, int or symbol, got list []");
    assert.deepEqual(printed(['{ a: 1 }["b"]']), ["void"]);
    assert.deepEqual(evaluate("has({}, [])"), false);
  });
});
