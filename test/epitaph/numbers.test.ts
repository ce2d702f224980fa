/**
 * Epitaph's int and float: exact 64-bit ints with two's-complement wrap
 * (checked against BigInt), floats as IEEE doubles printed with a fraction
 * part, true division, floored modulo, `1 == 1.0`, and the host boundary
 * (whole host numbers arrive as ints; hosts get numbers, BigInt past 2^53).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, failureOf, load, logsOf, printed } from "./helpers.js";

describe("epitaph ints", () => {
  it("prints the largest and smallest 64-bit ints exactly", () => {
    assert.deepEqual(logsOf("log.info(9223372036854775807, -9223372036854775808, 0x7FFFFFFFFFFFFFFF)"), [
      "[ep:info] 9223372036854775807 -9223372036854775808 9223372036854775807",
    ]);
  });

  it("keeps an LCG exact over many steps, the same as a BigInt reference", () => {
    const src = "phase run() {\nlet s = 12345\nlet i = 0\nsustain i < 5000 {\ns = s * 6364136223846793005 + 1442695040888963407\ni = i + 1\n}\nreturn text(s)\n}";
    let reference = 12345n;
    for (let i = 0; i < 5000; i++) reference = BigInt.asIntN(64, reference * 6364136223846793005n + 1442695040888963407n);
    assert.equal(load(src).program.call("run"), String(reference));
  });

  it("wraps on overflow in two's complement, and stays exact across 2^53", () => {
    assert.deepEqual(
      printed(["9223372036854775807 + 1", "-9223372036854775808 - 1", "9007199254740991 + 2", "4294967296 * 4294967296", "3037000500 * 3037000500", "-(-9223372036854775808 + 0)", "0xFFFFFFFFFFFFFFFF"]),
      ["-9223372036854775808", "9223372036854775807", "9007199254740993", "0", "-9223372036709301616", "-9223372036854775808", "-1"],
    );
  });

  it("refuses int literals beyond 64 bits at compile time", () => {
    assert.throws(() => load("let x = 9223372036854775808"), /1:9: 9223372036854775808 is out of the int range/);
    assert.throws(() => load("let x = 0x1FFFFFFFFFFFFFFFF"), /1:9: 0x1FFFFFFFFFFFFFFFF does not fit in 64 bits/);
  });
});

describe("epitaph floats and mixed arithmetic", () => {
  it("prints floats with a fraction part and ints without", () => {
    assert.deepEqual(printed(["42f", "42.0", "0.5 + 0.5", "2.5 * 2", "3.0 - 1", "1 + 1", "-0.0", "1e21", "0.1 + 0.2", "2.0 * 4503599627370496.0"]), [
      "42.0", "42.0", "1.0", "5.0", "2.0", "2", "-0.0", "1e+21", "0.30000000000000004", "9007199254740992.0",
    ]);
  });

  it("divides truly (a float), floors modulo for ints and floats", () => {
    assert.deepEqual(printed(["7 / 2", "6 / 2", "-7 % 3", "7 % -3", "-7.5 % 2", "9223372036854775807 % 10", "1 / 3"]), [
      "3.5", "3.0", "2", "-2", "0.5", "7", "0.3333333333333333",
    ]);
    assert.match(failureOf("return 1 / 0"), /division by zero/);
    assert.match(failureOf("return 5 % 0"), /modulo by zero/);
  });

  it("compares ints and floats by value: 1 == 1.0, and across 2^53", () => {
    assert.deepEqual(evaluate("[1 == 1.0, 1.0 == 1, 2 != 2.0, 9007199254740993 > 9007199254740992, 0.5 < 1, 3 >= 3.0, -0.0 == 0]"), [true, true, false, true, true, true, true]);
    const { program } = load("phase run(x) {\ninspect x {\n1 => { return \"one\" }\n2.5 => { return \"two and a half\" }\n_ => { return \"other\" }\n}\n}");
    assert.deepEqual([program.call("run", 1), program.call("run", 2.5), program.call("run", 3)], ["one", "two and a half", "other"]);
    assert.equal(load("phase run() {\ninspect 1.0 {\n1 => { return \"one\" }\n}\n}").program.call("run"), "one");
  });

  it("takes whole host numbers as ints and others as floats; gives hosts numbers, BigInt past 2^53", () => {
    const { program } = load("phase kinds(a, b, c) { return [text(a), text(b), text(c), text(a + b)] }\nphase big() { return [9007199254740993, 2.0, 7 / 2] }");
    assert.deepEqual(program.call("kinds", 3, 0.25, 10n), ["3", "0.25", "10", "3.25"]);
    assert.deepEqual(program.call("big"), [9007199254740993n, 2, 3.5]);
  });

  it("negates ints, floats and the minimum int, and fails on anything else", () => {
    assert.deepEqual(printed(["-(3)", "-(0)", "-(2.5)", "-(2.0)", "-(9007199254740993)"]), ["-3", "0", "-2.5", "-2.0", "-9007199254740993"]);
    assert.match(failureOf('return -"a"'), /cannot negate text/);
  });
});
