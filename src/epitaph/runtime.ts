/**
 * Helpers that compiled Epitaph code calls on its slow paths: the fast paths
 * (number arithmetic, field reads on records, calls of functions) are inlined
 * by the code generator, and land here only when a value has the wrong type.
 * Every failure is a `ScriptFault`, which the enclosing phase locates.
 */
import { fault } from "./errors.js";
import { describeValue, formatValue, isRecord, Sym, toHost, typeName } from "./values.js";

/** Converts one call argument for a host function (inlined by V8). */
export function h(v: unknown): unknown {
  return typeof v === "object" && v !== null ? toHost(v) : v;
}

/** General `==`: identical values, or void against void (`null` counts as void). */
export function eq(a: unknown, b: unknown): boolean {
  return a === b || (a == null && b == null);
}

/** `+` when the operands are not both numbers: text joins with the other value's printed form. */
export function addSlow(a: unknown, b: unknown): unknown {
  if (typeof a === "string" || typeof b === "string") return formatValue(a) + formatValue(b);
  return fault(`cannot add ${typeName(a)} and ${typeName(b)}`);
}

/** Fails an arithmetic operator given non-numbers, or a division by zero. */
export function badArith(op: string, a: unknown, b: unknown): never {
  if (typeof a === "number" && typeof b === "number") fault(`division by zero (${describeValue(a)} ${op} 0)`);
  return fault(`cannot apply "${op}" to ${typeName(a)} and ${typeName(b)}`);
}

/** Floored modulo (the result has the sign of the divisor), like Lua and Python. */
export function mod(a: unknown, b: unknown): number {
  if (typeof a !== "number" || typeof b !== "number" || b === 0) badArith("%", a, b);
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/** Unary minus on a non-number. */
export function badNeg(a: unknown): never {
  return fault(`cannot negate ${typeName(a)}`);
}

/** `< <= > >=` when the operands are not both numbers: text compares by code unit. */
export function compare(op: string, a: unknown, b: unknown): boolean {
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
  if (typeof obj !== "object" || obj === null || obj instanceof Sym || Array.isArray(obj)) {
    fault(`cannot set field "${name}" of ${typeName(obj)}`);
  }
  if (name === "__proto__") fault('the field "__proto__" is reserved');
  (obj as Record<string, unknown>)[name] = value;
}

/** Checks a list index: an integer within `0 .. length-1`. */
export function listSlot(length: number, i: unknown): number {
  if (typeof i !== "number" || !Number.isInteger(i)) return fault(`list index must be an integer, got ${typeName(i)} ${describeValue(i)}`);
  if (i < 0 || i >= length) return fault(`index ${i} out of range (length ${length})`);
  return i;
}

/** Checks a record key: text, and not a prototype property. */
function recordKey(key: unknown): string {
  if (typeof key !== "string") return fault(`record keys are text, got ${typeName(key)} ${describeValue(key)}`);
  if (key === "__proto__") return fault('the key "__proto__" is reserved');
  return key;
}

/** `x[i]`: lists by integer position (in range), records and maps by text key (missing = void). */
export function index(obj: unknown, i: unknown): unknown {
  if (Array.isArray(obj) || obj instanceof Uint8Array) return obj[listSlot(obj.length, i)];
  if (isRecord(obj)) {
    const key = recordKey(i);
    return Object.hasOwn(obj, key) ? obj[key] : undefined;
  }
  return fault(`cannot index ${typeName(obj)}`);
}

/** `x[i] = v`: replaces a list item (in range) or sets a record key. */
export function setIndex(obj: unknown, i: unknown, value: unknown): void {
  if (Array.isArray(obj)) obj[listSlot(obj.length, i)] = value;
  else if (isRecord(obj)) obj[recordKey(i)] = value;
  else fault(`cannot set an index of ${typeName(obj)}`);
}

/** Fails a call of something that is not a function; `what` is the callee as written. */
export function notCallable(v: unknown, what: string): never {
  return fault(`cannot call ${what}: it is ${typeName(v)}, not a function`);
}
