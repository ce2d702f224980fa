/**
 * Helpers that compiled Epitaph code calls on its slow paths: the fast paths
 * (safe-int arithmetic, field reads on records, calls of functions) are
 * inlined by the code generator, and land here for BigInts, floats, text
 * joins, map keys and values of the wrong type. Every failure is a
 * `ScriptFault`, which the enclosing phase locates.
 */
import { fault } from "./errors.js";
import { getEntry, setEntry } from "./maps.js";
import * as numbers from "./numbers.js";
import { describeValue, formatValue, isRecord, Sym, toHost, typeName } from "./values.js";

/** Converts one call argument for a host function (inlined by V8). */
export function h(v: unknown): unknown {
  return typeof v === "object" && v !== null ? toHost(v) : v;
}

/** General `==`: identical values, numbers by value (`1 == 1.0`), or void against void (`null` counts as void). */
export function eq(a: unknown, b: unknown): boolean {
  return a === b || (a == null ? b == null : typeof a !== "string" && numbers.sameNumber(a, b));
}

/** `+` off the fast path: numbers add, and if either side is text the two join as `log` prints them. */
export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "string" || typeof b === "string") return formatValue(a) + formatValue(b);
  return numbers.add(a, b) ?? badArith("+", a, b);
}

/** `-` off the fast path. */
export function sub(a: unknown, b: unknown): unknown {
  return numbers.sub(a, b) ?? badArith("-", a, b);
}

/** `*` off the fast path. */
export function mul(a: unknown, b: unknown): unknown {
  return numbers.mul(a, b) ?? badArith("*", a, b);
}

/** `/` off the fast path: true division, a float. */
export function div(a: unknown, b: unknown): unknown {
  return numbers.div(a, b) ?? badArith("/", a, b);
}

/** `%`: floored modulo (the result has the sign of the divisor), like Lua and Python. */
export function mod(a: unknown, b: unknown): unknown {
  return numbers.mod(a, b) ?? badArith("%", a, b);
}

/** Unary minus off the fast path. */
export function neg(a: unknown): unknown {
  return numbers.neg(a) ?? fault(`cannot negate ${typeName(a)}`);
}

function badArith(op: string, a: unknown, b: unknown): never {
  return fault(`cannot apply "${op}" to ${typeName(a)} and ${typeName(b)}`);
}

/** `< <= > >=` off the fast path: numbers by value, text by code unit. */
export function compare(op: string, a: unknown, b: unknown): boolean {
  const numeric = numbers.compareNumbers(op, a, b);
  if (numeric !== undefined) return numeric;
  if (typeof a !== "string" || typeof b !== "string") {
    return fault(`cannot compare ${typeName(a)} ${op} ${typeName(b)}`);
  }
  switch (op) {
    case "<": return a < b;
    case "<=": return a <= b;
    case ">": return a > b;
    default: return a >= b;
  }
}

/**
 * Field names a script reads only as an object's own property: through the
 * inherited ones (`x.constructor.constructor`) a script would reach the
 * JavaScript `Function` constructor, and with it everything of the process.
 */
export const GUARDED_FIELDS: ReadonlySet<string> = new Set([
  "constructor", "__proto__", "prototype", "caller", "callee", "arguments",
  "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

/** `x.f` for a guarded name: the object's or function's own property, or void. */
export function ownField(obj: unknown, name: string): unknown {
  if ((typeof obj !== "object" && typeof obj !== "function") || obj === null) return field(obj, name);
  return Object.hasOwn(obj, name) ? (obj as Record<string, unknown>)[name] : undefined;
}

/** `x.f` when `x` is not an object: functions expose their properties, anything else fails. */
export function field(obj: unknown, name: string): unknown {
  if (typeof obj === "function") return (obj as unknown as Record<string, unknown>)[name];
  return fault(`cannot read field "${name}" of ${typeName(obj)}`);
}

/** `x.f = v`: records and host objects only. */
export function setField(obj: unknown, name: string, value: unknown): void {
  if (typeof obj !== "object" || obj === null || obj instanceof Sym || obj instanceof numbers.Float || Array.isArray(obj)) {
    fault(`cannot set field "${name}" of ${typeName(obj)}`);
  }
  if (name === "__proto__") fault('the field "__proto__" is reserved');
  (obj as Record<string, unknown>)[name] = value;
}

/** Checks a list index: an int within `0 .. length-1`. */
export function listSlot(length: number, i: unknown): number {
  if (typeof i !== "number" || !Number.isSafeInteger(i)) {
    return typeof i === "bigint" ? fault(`index ${i} out of range (length ${length})`) : fault(`list index must be an int, got ${typeName(i)} ${describeValue(i)}`);
  }
  if (i < 0 || i >= length) return fault(`index ${i} out of range (length ${length})`);
  return i;
}

/** `x[i]`: lists and bytes by int position (in range), records and maps by text, int or symbol key (missing = void). */
export function index(obj: unknown, i: unknown): unknown {
  if (Array.isArray(obj) || obj instanceof Uint8Array) return obj[listSlot(obj.length, i)];
  if (isRecord(obj)) return getEntry(obj, i);
  return fault(`cannot index ${typeName(obj)}`);
}

/** `x[i] = v`: replaces a list item (in range) or sets a map entry. */
export function setIndex(obj: unknown, i: unknown, value: unknown): void {
  if (Array.isArray(obj)) obj[listSlot(obj.length, i)] = value;
  else if (isRecord(obj)) setEntry(obj, i, value);
  else fault(`cannot set an index of ${typeName(obj)}`);
}

/** Fails a call of something that is not a function; `what` is the callee as written. */
export function notCallable(v: unknown, what: string): never {
  return fault(`cannot call ${what}: it is ${typeName(v)}, not a function`);
}
