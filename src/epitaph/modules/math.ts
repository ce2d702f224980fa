/**
 * The standard module `math`: rounding to ints (`floor`, `ceil`, `round`,
 * half away from zero), `abs`, `min`, `max`, `clamp` keeping the type of the
 * value they return, float functions (`sqrt`, `sin`, `cos`, `atan2`), `pow`
 * (an exact, wrapping int for an int base and a non-negative int exponent),
 * the constant `pi`, and `random()` / `random_int(lo, hi)` (both ends
 * included). The global builtins `floor`, `abs`, `min` and `max` are these.
 */
import { fault } from "../errors.js";
import { compareNumbers, float, intOf, isInt, numberKind, type Float } from "../numbers.js";
import { floatArg, native, numberArg, smallIntArg, type Native } from "./args.js";

const INT_RANGE = 2 ** 63;

/** A whole float as an int; fails outside the 64-bit range. */
function toInt(fn: string, x: number): number | bigint {
  if (Number.isSafeInteger(x)) return x + 0;
  if (!Number.isFinite(x) || Math.abs(x) >= INT_RANGE) return fault(`${fn}: ${x} does not fit in an int`);
  return intOf(BigInt(x));
}

/** A rounding function: ints pass unchanged, floats are rounded by `round` and become ints. */
function rounding(fn: string, round: (x: number) => number): Native {
  return native(1, (v: unknown) => {
    const n = numberArg(fn, v);
    return isInt(n) ? n : toInt(fn, round(floatArg(fn, n)));
  });
}

/** The smallest (`op` "<") or largest (`op` ">") of its arguments, returned as given. */
function extreme(fn: string, op: "<" | ">"): Native {
  return native(1, (...xs: unknown[]) => xs.map((x) => numberArg(fn, x)).reduce((a, b) => (compareNumbers(op, b, a) ? b : a)), Infinity);
}

/** `|x|`, keeping the type (the int -2^63 wraps to itself). */
function abs(v: unknown): number | bigint | Float {
  const n = numberArg("abs", v);
  if (typeof n === "bigint") return intOf(n < 0n ? -n : n);
  if (numberKind(n) === "int") return Math.abs(n as number);
  return float(Math.abs(floatArg("abs", n)));
}

/** `base ^ exp`: exact and wrapping for an int base and a non-negative int exponent, else a float. */
function pow(base: unknown, exp: unknown): number | bigint | Float {
  const [b, e] = [numberArg("pow", base), numberArg("pow", exp)];
  if (!isInt(b) || !isInt(e) || BigInt(e) < 0n) return float(Math.pow(floatArg("pow", b), floatArg("pow", e)));
  let [result, square, rest] = [1n, BigInt.asIntN(64, BigInt(b)), BigInt(e)];
  for (; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = BigInt.asIntN(64, result * square);
    square = BigInt.asIntN(64, square * square);
  }
  return intOf(result);
}

function randomInt(lo: unknown, hi: unknown): number {
  const [a, b] = [smallIntArg("random_int", lo), smallIntArg("random_int", hi)];
  if (a > b) return fault(`random_int: lo ${a} is greater than hi ${b}`);
  return a + Math.floor(Math.random() * (b - a + 1));
}

function clamp(x: unknown, lo: unknown, hi: unknown): unknown {
  const [v, a, b] = [numberArg("clamp", x), numberArg("clamp", lo), numberArg("clamp", hi)];
  if (compareNumbers(">", a, b)) return fault("clamp: lo is greater than hi");
  return compareNumbers("<", v, a) ? a : compareNumbers(">", v, b) ? b : v;
}

const floatFn = (fn: string, f: (...xs: number[]) => number, arity = 1): Native =>
  native(arity, (...xs: unknown[]) => float(f(...xs.map((x) => floatArg(fn, x)))));

/** The functions of `math`, by name. */
export const MATH_FUNCTIONS = {
  floor: rounding("floor", Math.floor),
  ceil: rounding("ceil", Math.ceil),
  round: rounding("round", (x) => Math.sign(x) * Math.round(Math.abs(x))),
  abs: native(1, abs),
  min: extreme("min", "<"),
  max: extreme("max", ">"),
  clamp: native(3, clamp),
  sqrt: floatFn("sqrt", Math.sqrt),
  pow: native(2, pow),
  sin: floatFn("sin", Math.sin),
  cos: floatFn("cos", Math.cos),
  atan2: floatFn("atan2", Math.atan2, 2),
  random: native(0, () => float(Math.random())),
  random_int: native(2, randomInt),
};

/** The constants of `math`. */
export const MATH_CONSTANTS = { pi: Math.PI };
