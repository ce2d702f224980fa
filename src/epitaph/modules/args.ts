/**
 * The shape of a function that Epitaph code calls natively (a global
 * builtin or a function of a standard module): its argument counts, checked
 * by the compiler at the call site, and the checks of argument types that
 * every such function shares, each failing with a `ScriptFault` that names
 * the function and what it expected.
 */
import { fault } from "../errors.js";
import { isInt, isNumber, toJs, type Float } from "../numbers.js";
import { isRecord, typeName } from "../values.js";

/** A native function and the argument counts it accepts. */
export interface Native {
  fn: (...args: never[]) => unknown;
  min: number;
  /** Maximum argument count; `Infinity` for variadic functions. */
  max: number;
}

/** A native function taking from `min` to `max` arguments (default: exactly `min`). */
export function native(min: number, fn: (...args: never[]) => unknown, max = min): Native {
  return { fn, min, max };
}

/** Says how many arguments a native function takes: "2", "1 to 2", "at least 1". */
export function arityText(n: Native): string {
  const want = n.max === Infinity ? `at least ${n.min}` : n.min === n.max ? `${n.min}` : `${n.min} to ${n.max}`;
  return `${want} argument${/(^| )1$/.test(want) ? "" : "s"}`;
}

/** A list argument. */
export function listArg(fn: string, v: unknown): unknown[] {
  return Array.isArray(v) ? v : fault(`${fn}: expected a list, got ${typeName(v)}`);
}

/** A record (map) argument. */
export function recordArg(fn: string, v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : fault(`${fn}: expected a record, got ${typeName(v)}`);
}

/** A text argument. */
export function textArg(fn: string, v: unknown): string {
  return typeof v === "string" ? v : fault(`${fn}: expected text, got ${typeName(v)}`);
}

/** A bytes argument. */
export function bytesArg(fn: string, v: unknown): Uint8Array {
  return v instanceof Uint8Array ? v : fault(`${fn}: expected bytes, got ${typeName(v)}`);
}

/** A number argument (int or float), as it is. */
export function numberArg(fn: string, v: unknown): number | bigint | Float {
  return isNumber(v) ? v : fault(`${fn}: expected a number, got ${typeName(v)}`);
}

/** A number argument as a JavaScript number. */
export function floatArg(fn: string, v: unknown): number {
  return toJs(numberArg(fn, v));
}

/** An int argument that is a safe integer (a position, a count, a bound). */
export function smallIntArg(fn: string, v: unknown): number {
  if (typeof v === "number" && Number.isSafeInteger(v)) return v;
  return fault(isInt(v) ? `${fn}: ${v} is too large here (at most 2^53)` : `${fn}: expected an int, got ${typeName(v)}`);
}

/** `from`/`to` of a slice over `length` items: negative counts from the end, both clamped to the ends. */
export function sliceRange(fn: string, length: number, from: unknown, to: unknown): [number, number] {
  const at = (v: number): number => Math.min(length, Math.max(0, v < 0 ? length + v : v));
  const start = at(smallIntArg(fn, from));
  const end = to === undefined ? length : at(smallIntArg(fn, to));
  return [start, Math.max(start, end)];
}
