/**
 * The global builtins of Epitaph, callable without `access` (the seed uses
 * `append(list, x)`): append, len, remove, keys, has, text, number, floor,
 * abs, min, max. Each entry declares its arity, which the compiler checks at
 * the call site; the functions check their argument types and fail with a
 * `ScriptFault` naming the builtin.
 */
import { fault } from "./errors.js";
import { listSlot } from "./runtime.js";
import { formatValue, isRecord, typeName } from "./values.js";

/** A builtin function and the argument counts it accepts. */
export interface Builtin {
  fn: (...args: unknown[]) => unknown;
  min: number;
  /** Maximum argument count; `Infinity` for variadic builtins. */
  max: number;
}

function list(name: string, v: unknown): unknown[] {
  return Array.isArray(v) ? v : fault(`${name}: expected a list, got ${typeName(v)}`);
}

function record(name: string, v: unknown): Record<string, unknown> {
  return isRecord(v) ? v : fault(`${name}: expected a record, got ${typeName(v)}`);
}

function num(name: string, v: unknown): number {
  return typeof v === "number" ? v : fault(`${name}: expected a number, got ${typeName(v)}`);
}

function len(v: unknown): number {
  if (typeof v === "string" || Array.isArray(v) || v instanceof Uint8Array) return v.length;
  if (isRecord(v)) return Object.keys(v).length;
  return fault(`len: expected a list, text, bytes or record, got ${typeName(v)}`);
}

function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return fault(`number: expected text, got ${typeName(v)}`);
  const t = v.trim();
  const n = t === "" ? NaN : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

function extreme(name: string, pick: (a: number, b: number) => number) {
  return (...xs: unknown[]): number => xs.map((x) => num(name, x)).reduce((a, b) => pick(a, b));
}

/** Every builtin by name. */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ["append", { min: 2, max: 2, fn: (l, x) => void list("append", l).push(x) }],
  ["len", { min: 1, max: 1, fn: len }],
  ["remove", { min: 2, max: 2, fn: (l, i) => list("remove", l).splice(listSlot((l as unknown[]).length, i), 1)[0] }],
  ["keys", { min: 1, max: 1, fn: (r) => Object.keys(record("keys", r)) }],
  ["has", { min: 2, max: 2, fn: (r, k) => typeof k === "string" && Object.hasOwn(record("has", r), k) }],
  ["text", { min: 1, max: 1, fn: formatValue }],
  ["number", { min: 1, max: 1, fn: toNumber }],
  ["floor", { min: 1, max: 1, fn: (x) => Math.floor(num("floor", x)) }],
  ["abs", { min: 1, max: 1, fn: (x) => Math.abs(num("abs", x)) }],
  ["min", { min: 1, max: Infinity, fn: extreme("min", Math.min) }],
  ["max", { min: 1, max: Infinity, fn: extreme("max", Math.max) }],
]);
