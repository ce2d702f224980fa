/** Operators and builtins: arithmetic, comparison, logic, text joining, and the global builtin set. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, load } from "../helpers.js";

describe("epitaph operators", () => {
  it("does arithmetic with the usual precedence; / is true division, % is floored", () => {
    const cases: [string, number][] = [
      ["1 + 2 * 3", 7], ["(1 + 2) * 3", 9], ["7 / 2", 3.5], ["10 - 4 - 3", 3], ["-7 % 3", 2], ["7 % -3", -2],
      ["7 % 3", 1], ["-(2 + 3)", -5], ["0xFF + 0b1 + 0o7", 263], ["42f / 4", 10.5], ["2 * -3", -6],
    ];
    for (const [expr, want] of cases) assert.equal(evaluate(expr), want, expr);
  });

  it("joins text with + and prints the other operand the way log does", () => {
    assert.equal(evaluate('"hp: " + 3'), "hp: 3");
    assert.equal(evaluate('1.5 + " m"'), "1.5 m");
    assert.equal(evaluate('"role " + :client + " " + active + " " + void'), "role :client active void");
    assert.equal(evaluate('"l=" + [1, "a"]'), 'l=[1, "a"]');
  });

  it("compares numbers, and text by code unit", () => {
    const cases: [string, boolean][] = [
      ["1 < 2", true], ["2 <= 2", true], ["3 > 4", false], ["4 >= 5", false], ['"abc" < "abd"', true], ['"b" > "a"', true],
    ];
    for (const [expr, want] of cases) assert.equal(evaluate(expr), want, expr);
  });

  it("== compares values: numbers numerically, lists and records by identity, different types unequal", () => {
    const cases: [string, boolean][] = [
      ["1 == 1.0", true], ['1 == "1"', false], ["[] == []", false], ["void == void", true], ["0 == void", false],
      ["dormant == void", false], ['"a" != "b"', true], ["active == true", true],
    ];
    for (const [expr, want] of cases) assert.equal(evaluate(expr), want, expr);
    assert.equal(load("phase same() {\nlet l = []\nlet m = l\nreturn l == m\n}").program.call("same"), true);
  });

  it("and/or short-circuit and return an operand; not returns a bool", () => {
    const cases: [string, unknown][] = [
      ["void or 5", 5], ["0 or 5", 0], ['dormant or "x"', "x"], ["1 and 2", 2], ["void and 2", undefined],
      ["dormant and 2", false], ["not void", true], ["not 0", false], ["not (1 == 2)", true], ["1 < 2 and 2 < 3", true],
    ];
    for (const [expr, want] of cases) assert.equal(evaluate(expr), want, expr);
    const { program, host } = load('access <log>\nphase boom() {\nlog.info("evaluated")\nreturn 1\n}\nphase run() { return [dormant and boom(), 1 or boom()] }');
    assert.deepEqual(program.call("run"), [false, 1]);
    assert.deepEqual(host.lines, [], "the right operand must not run");
  });
});

describe("epitaph builtins", () => {
  it("append, len, remove, keys and has work on lists, text and records", () => {
    const src = 'phase run() {\nlet l = [1, 2, 3]\nappend(l, 4)\nlet gone = remove(l, 0)\nlet r = { a: 1, b: 2 }\nreturn [l, gone, len(l), len("héllo"), len(r), keys(r), has(r, "a"), has(r, "z")]\n}';
    assert.deepEqual(load(src).program.call("run"), [[2, 3, 4], 1, 3, 5, 2, ["a", "b"], true, false]);
  });

  it("text formats any value; number parses text or gives void", () => {
    assert.deepEqual(evaluate('[text(1), text("a"), text([:x, "y"]), text({ k: void })]'), ["1", "a", '[:x, "y"]', "{ k: void }"]);
    assert.deepEqual(evaluate('[number("42"), number(" 2.5 "), number("nope"), number(""), number(7)]'), [42, 2.5, undefined, undefined, 7]);
  });

  it("floor, abs, min and max do number work", () => {
    assert.deepEqual(evaluate("[floor(2.7), floor(-2.1), abs(-3), min(4, 2, 8), max(4, 2, 8), max(1)]"), [2, -3, 3, 2, 8, 1]);
  });

  it("a module-level variable may shadow a builtin name", () => {
    const { program } = load("let len = 3\nphase run() { return len + 1 }");
    assert.equal(program.call("run"), 4);
  });
});
