/**
 * The global builtins of Epitaph, callable without `access` (the seed uses
 * `append(list, x)`): append, len, remove, keys, has, text, number, and the
 * `math` functions floor, abs, min and max. Each entry declares its arity,
 * which the compiler checks at the call site; the functions check their
 * argument types and fail with a `ScriptFault` naming the builtin.
 */
import { fault } from "./errors.js";
import { deleteEntry, entryCount, entryKeys, hasEntry } from "./maps.js";
import { listArg, native, recordArg, type Native } from "./modules/args.js";
import { MATH_FUNCTIONS } from "./modules/math.js";
import { codePointLength } from "./modules/string.js";
import { exactInt, float, isNumber } from "./numbers.js";
import { listSlot } from "./runtime.js";
import { formatValue, isRecord, typeName } from "./values.js";

function len(v: unknown): number {
  if (typeof v === "string") return codePointLength(v);
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length;
  if (isRecord(v)) return entryCount(v);
  return fault(`len: expected a list, text, bytes or record, got ${typeName(v)}`);
}

const INT_TEXT = /^[+-]?\d+$/;

/** The number written in a text: an int for digits alone (exact, void past 64 bits), else a float. */
function toNumber(v: unknown): unknown {
  if (typeof v !== "string") return isNumber(v) ? v : fault(`number: expected text, got ${typeName(v)}`);
  const t = v.trim();
  if (INT_TEXT.test(t)) {
    const b = BigInt(t);
    return BigInt.asIntN(64, b) === b ? exactInt(b) : undefined;
  }
  const n = t === "" ? NaN : Number(t);
  return Number.isFinite(n) ? float(n) : undefined;
}

function remove(container: unknown, at: unknown): unknown {
  if (isRecord(container)) return deleteEntry(container, at);
  const list = listArg("remove", container);
  return list.splice(listSlot(list.length, at), 1)[0];
}

/** Every builtin by name. */
export const BUILTINS: ReadonlyMap<string, Native> = new Map<string, Native>([
  ["append", native(2, (l: unknown, x: unknown) => void listArg("append", l).push(x))],
  ["len", native(1, len)],
  ["remove", native(2, remove)],
  ["keys", native(1, (r: unknown) => entryKeys(recordArg("keys", r)))],
  ["has", native(2, (r: unknown, k: unknown) => hasEntry(recordArg("has", r), k))],
  ["text", native(1, formatValue)],
  ["number", native(1, toNumber)],
  ["floor", MATH_FUNCTIONS.floor],
  ["abs", MATH_FUNCTIONS.abs],
  ["min", MATH_FUNCTIONS.min],
  ["max", MATH_FUNCTIONS.max],
]);
