/**
 * Epitaph's two number types and their arithmetic. An int is a JavaScript
 * number while it is a safe integer (|n| < 2^53), and a BigInt beyond that,
 * always within 64 bits: results wrap in two's complement. A float is any
 * other JavaScript number (one with a fraction part, a huge one, NaN,
 * infinities), or a `Float` box when its value is whole (`42f`, `0.5 * 2`),
 * so a raw safe integer always means an int. Compiled code keeps safe ints
 * on an inlined fast path and calls the functions here for everything else:
 * BigInts, boxed floats, overflow past 2^53, mixed int/float operands.
 */
import { fault } from "./errors.js";

/** A float whose value is a whole number (or -0), boxed so that it is not read as an int. */
export class Float {
  constructor(readonly v: number) {
    Object.freeze(this);
  }
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

/** True for an Epitaph int: a safe-integer number or a BigInt. */
export function isInt(v: unknown): v is number | bigint {
  return typeof v === "number" ? Number.isSafeInteger(v) : typeof v === "bigint";
}

/** True for an Epitaph float: a number that is not a safe integer, or a boxed whole float. */
function isFloat(v: unknown): v is number | Float {
  return typeof v === "number" ? !Number.isSafeInteger(v) : v instanceof Float;
}

/** True for any Epitaph number, int or float. */
export function isNumber(v: unknown): v is number | bigint | Float {
  return typeof v === "number" || typeof v === "bigint" || v instanceof Float;
}

/** The float value `x` as an Epitaph value: boxed when it is whole, raw otherwise. */
export function float(x: number): number | Float {
  return Number.isSafeInteger(x) ? new Float(x) : x;
}

/** The int `b` wrapped to 64 bits, as a number when it is a safe integer. */
export function intOf(b: bigint): number | bigint {
  return exactInt(BigInt.asIntN(64, b));
}

/** An exact int (no wrapping), as a number when it is a safe integer. */
export function exactInt(b: bigint): number | bigint {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** The JavaScript number of an Epitaph number (a BigInt past 2^53 is rounded). */
export function toJs(v: number | bigint | Float): number {
  return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : v.v;
}

/** A numeric value as a number or BigInt, with boxes opened; undefined for non-numbers. */
function open(v: unknown): number | bigint | undefined {
  if (typeof v === "number" || typeof v === "bigint") return v;
  return v instanceof Float ? v.v : undefined;
}

type IntOp = (a: bigint, b: bigint) => bigint;
type FloatOp = (a: number, b: number) => number;

/** A number result, or undefined when an operand is not a number (the caller names the types). */
type NumberResult = number | bigint | Float | undefined;

/** Applies an operator: exact and wrapping on two ints, IEEE on anything else numeric. */
function arith(a: unknown, b: unknown, onInts: IntOp, onFloats: FloatOp): NumberResult {
  if (isInt(a) && isInt(b)) return intOf(onInts(BigInt(a), BigInt(b)));
  const [x, y] = [open(a), open(b)];
  return x === undefined || y === undefined ? undefined : float(onFloats(Number(x), Number(y)));
}

/** `a + b` on numbers off the fast path. */
export function add(a: unknown, b: unknown): NumberResult {
  return arith(a, b, (x, y) => x + y, (x, y) => x + y);
}

/** `a - b` off the fast path. */
export function sub(a: unknown, b: unknown): NumberResult {
  return arith(a, b, (x, y) => x - y, (x, y) => x - y);
}

/** `a * b` off the fast path. */
export function mul(a: unknown, b: unknown): NumberResult {
  return arith(a, b, (x, y) => x * y, (x, y) => x * y);
}

/** `a / b`: true division, always a float; division by zero fails. */
export function div(a: unknown, b: unknown): NumberResult {
  const [x, y] = [open(a), open(b)];
  if (x === undefined || y === undefined) return undefined;
  if (Number(y) === 0) return fault(`division by zero (${formatNumber(x)} / 0)`);
  return float(Number(x) / Number(y));
}

/** `a % b`, floored (the result has the divisor's sign); int on two ints. Modulo by zero fails. */
export function mod(a: unknown, b: unknown): NumberResult {
  if (typeof a === "number" && typeof b === "number" && Number.isSafeInteger(a) && Number.isSafeInteger(b) && b !== 0) {
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r + 0;
  }
  const [x, y] = [open(a), open(b)];
  if (x === undefined || y === undefined) return undefined;
  if (Number(y) === 0) return fault(`modulo by zero (${formatNumber(x)} % 0)`);
  if (isInt(a) && isInt(b)) {
    const [p, q] = [BigInt(a), BigInt(b)];
    const r = p % q;
    return intOf(r !== 0n && r < 0n !== q < 0n ? r + q : r);
  }
  const [p, q] = [Number(x), Number(y)];
  const r = p % q;
  return float(r !== 0 && r < 0 !== q < 0 ? r + q : r);
}

/** Unary minus off the fast path (int 0, BigInts, boxed floats). */
export function neg(a: unknown): NumberResult {
  if (typeof a === "bigint") return intOf(-a);
  if (typeof a === "number") return Number.isSafeInteger(a) ? 0 - a : -a;
  return a instanceof Float ? float(-a.v) : undefined;
}

/** Numeric `<` `<=` `>` `>=` across ints and floats; undefined when an operand is not a number. */
export function compareNumbers(op: string, a: unknown, b: unknown): boolean | undefined {
  const [x, y] = [open(a), open(b)];
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case "<": return x < y;
    case "<=": return x <= y;
    case ">": return x > y;
    default: return x >= y;
  }
}

/** Numeric equality across ints and floats (`1 == 1.0`); false when either is not a number. */
export function sameNumber(a: unknown, b: unknown): boolean {
  const [x, y] = [open(a), open(b)];
  // `==` between a number and a BigInt compares their mathematical values.
  return x !== undefined && y !== undefined && x == y;
}

/** The int a numeric map key stands for (`1.0` is the key `1`); undefined for a float with a fraction part. */
export function intKey(v: number | bigint | Float): number | bigint | undefined {
  const x = open(v)!;
  if (typeof x === "bigint") return intOf(x);
  if (Number.isSafeInteger(x)) return x + 0;
  return Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? intOf(BigInt(x)) : undefined;
}

/** "int" or "float" for a number, undefined for anything else. */
export function numberKind(v: unknown): "int" | "float" | undefined {
  return isInt(v) ? "int" : isFloat(v) ? "float" : undefined;
}

/** How `log` prints a number: ints exactly, floats always with a fraction part or an exponent (`42.0`, `0.5`, `1e+21`). */
export function formatNumber(v: number | bigint | Float): string {
  if (typeof v === "bigint") return String(v);
  if (typeof v === "number" && Number.isSafeInteger(v)) return String(v + 0);
  const x = typeof v === "number" ? v : v.v;
  if (Object.is(x, -0)) return "-0.0";
  const s = String(x);
  return /[.eNI]/.test(s) ? s : `${s}.0`;
}
