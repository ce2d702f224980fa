/** The `math` module: rounding to ints, type-keeping abs/min/max/clamp, float functions, pow, pi and random. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, failureOf, load, printed } from "../helpers.js";

const M = ["math"];

describe("epitaph math module", () => {
  it("rounds floats to ints (round: half away from zero) and leaves ints as they are", () => {
    assert.deepEqual(
      printed(["math.floor(2.7)", "math.floor(-2.5)", "math.ceil(2.1)", "math.round(2.5)", "math.round(-2.5)", "math.round(2.4)", "math.floor(7)", "math.floor(1e18)", "floor(3.9)"], M),
      ["2", "-3", "3", "3", "-3", "2", "7", "1000000000000000000", "3"],
    );
    assert.equal(failureOf("return math.floor(1e300)", M), "main.ep:3: floor: 1e+300 does not fit in an int");
  });

  it("keeps the type in abs, min, max and clamp", () => {
    assert.deepEqual(
      printed(["math.abs(-3)", "math.abs(-2.0)", "math.abs(-9223372036854775807)", "math.min(3, 1.5, 2)", "math.max(1, 2.0)", "math.max(2, 1)", "math.clamp(5, 0, 3)", "math.clamp(-1.5, 0, 3)", "math.clamp(2, 0, 3)", "min(4, 9)", "abs(-1.5)"], M),
      ["3", "2.0", "9223372036854775807", "1.5", "2.0", "2", "3", "0", "2", "4", "1.5"],
    );
    assert.equal(failureOf("return math.clamp(1, 3, 0)", M), "main.ep:3: clamp: lo is greater than hi");
  });

  it("computes floats with sqrt, sin, cos, atan2 and pi, and exact wrapping ints with pow", () => {
    assert.deepEqual(
      printed(["math.sqrt(16)", "math.sin(0)", "math.cos(0)", "math.atan2(1, 1) * 4 == math.pi", "math.pi", "math.pow(2, 10)", "math.pow(3, 40)", "math.pow(2, 64)", "math.pow(2, 0.5)", "math.pow(2, -1)"], M),
      ["4.0", "0.0", "1.0", "active", "3.141592653589793", "1024", "12157665459056928801", "0", "1.4142135623730951", "0.5"].map((v) => (v === "12157665459056928801" ? String(BigInt.asIntN(64, 3n ** 40n)) : v)),
    );
  });

  it("gives random floats in [0, 1) and random ints with both ends included", () => {
    const { program } = load("access <math>\nphase run() {\nlet seen = {}\nlet i = 0\nlet r = 0.5\nsustain i < 400 {\nseen[math.random_int(-1, 1)] = active\nr = math.random()\nwhen r < 0 or r >= 1 { return \"bad\" }\ni = i + 1\n}\nreturn [keys(seen), text(math.random_int(5, 5)), text(r + 0 == r)]\n}");
    const [keys, same, isNumber] = program.call("run") as [number[], string, string];
    assert.deepEqual([[...keys].sort(), same, isNumber], [[-1, 0, 1], "5", "active"]);
    assert.equal(failureOf("return math.random_int(2, 1)", M), "main.ep:3: random_int: lo 2 is greater than hi 1");
    assert.equal(evaluate("text(7 / 7)"), "1.0");
  });
});
