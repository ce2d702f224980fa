/** The `string` module: every function, positions in code points, and its argument checks. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureOf, printed } from "../helpers.js";

const S = ["string"];

describe("epitaph string module", () => {
  it("splits, trims, tests ends, replaces, changes case, joins and repeats", () => {
    assert.deepEqual(
      printed([
        'string.split("a,b,,c", ",")', 'string.split("héé", "")', 'string.trim("  x y \\n")', 'string.starts_with("NAME ana", "NAME ")',
        'string.ends_with("file.ep", ".txt")', 'string.replace("a-b-c", "-", "+")', 'string.upper("héllo")', 'string.lower("ÀB")',
        'string.join([1, "a", 2.0, :s], ", ")', 'string.repeat("ab", 3)',
      ], S),
      ['["a", "b", "", "c"]', '["h", "é", "é"]', "x y", "active", "dormant", "a+b+c", "HÉLLO", "àb", "1, a, 2.0, :s", "ababab"],
    );
  });

  it("finds and slices by code point, negative positions counting from the end", () => {
    assert.deepEqual(
      printed([
        'string.find("😀ab😀ab", "ab")', 'string.find("😀ab😀ab", "ab", 2)', 'string.find("abc", "z")', 'string.slice("😀ab😀cd", 1, 4)',
        'string.slice("😀ab😀cd", -2)', 'string.slice("abc", 2, 1)', 'string.slice("abc", 0, 99)', 'len("😀é")',
      ], S),
      ["1", "4", "-1", "ab😀", "cd", "", "abc", "2"],
    );
  });

  it("fails clearly on wrong argument types and an empty text to replace", () => {
    assert.equal(failureOf("string.trim(3)", S), "main.ep:3: trim: expected text, got int");
    assert.equal(failureOf('string.replace("abc", "", "x")', S), "main.ep:3: replace: the text to replace is empty");
    assert.equal(failureOf('string.slice("abc", 0.5)', S), "main.ep:3: slice: expected an int, got float");
  });
});
