/** The `vec` module: 2D vectors as { x, y } records, int vectors staying int, lengths and normals as floats. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureOf, printed } from "../helpers.js";

const V = ["vec"];

describe("epitaph vec module", () => {
  it("adds, subtracts, scales and dots with the number rules", () => {
    assert.deepEqual(
      printed(["vec.v2(1, 2)", "vec.add(vec.v2(1, 2), vec.v2(3, 4))", "vec.sub(vec.v2(1, 2), { x: 0.5, y: 2 })", "vec.scale(vec.v2(1, 2), 3)", "vec.scale(vec.v2(1, 2), 0.5)", "vec.dot(vec.v2(1, 2), vec.v2(3, 4))"], V),
      ["{ x: 1, y: 2 }", "{ x: 4, y: 6 }", "{ x: 0.5, y: 0 }", "{ x: 3, y: 6 }", "{ x: 0.5, y: 1.0 }", "11"],
    );
  });

  it("measures lengths and distances and normalizes as floats", () => {
    assert.deepEqual(printed(["vec.length(vec.v2(3, 4))", "vec.dist(vec.v2(1, 1), vec.v2(4, 5))", "vec.normalize(vec.v2(0, 5))", "vec.normalize(vec.v2(0, 0))"], V), [
      "5.0", "5.0", "{ x: 0.0, y: 1.0 }", "{ x: 0.0, y: 0.0 }",
    ]);
  });

  it("fails on something that is not a vector", () => {
    assert.equal(failureOf('vec.length({ x: 1, y: "2" })', V), "main.ep:3: length: expected a vector { x, y } of numbers, got x int and y text");
    assert.equal(failureOf("vec.v2(1, void)", V), "main.ep:3: v2: expected a number, got void");
  });
});
