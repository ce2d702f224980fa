/** The `fmt` module: `{}` templates with escaped braces and a strict count, and fixed-point numbers. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureOf, printed } from "../helpers.js";

const F = ["fmt"];

describe("epitaph fmt module", () => {
  it("fills {} placeholders in order, printing values as log does", () => {
    assert.deepEqual(printed(['fmt.format("{} has {} hp ({})", "ana", 42, 0.5)', 'fmt.format("{{}} {}", [1, "a"])', 'fmt.format("plain")', 'fmt.format("{}{}", :a, 2.0)'], F), [
      "ana has 42 hp (0.5)", '{} [1, "a"]', "plain", ":a2.0",
    ]);
  });

  it("prints fixed-point numbers", () => {
    assert.deepEqual(printed(["fmt.fixed(3.14159, 2)", "fmt.fixed(2, 1)", "fmt.fixed(-0.5, 0)"], F), ["3.14", "2.0", "-1"]);
  });

  it("fails when values and placeholders do not match", () => {
    assert.equal(failureOf('fmt.format("{} {}", 1)', F), "main.ep:3: format: the template has 2 placeholders, got 1 value");
    assert.equal(failureOf("fmt.fixed(1, 101)", F), "main.ep:3: fixed: digits must be from 0 to 100, got 101");
  });
});
