/**
 * Records used as maps: keys are text, ints or symbols. Text keys are the
 * object's own properties (so JSON records and host objects read as they
 * are); int and symbol keys live in the record's hidden key map
 * (`extraKeys`), so `names[evt.handle]` and `names["3"]` are two entries and
 * `keys` gives each key back with its type. A whole float is the same key as
 * the int (`m[1.0]` is `m[1]`); any other key type is a script fault.
 */
import { fault } from "./errors.js";
import { intKey, isNumber } from "./numbers.js";
import { describeValue, extraKeys, Sym, typeName } from "./values.js";

type Key = string | number | bigint | Sym;

/** Checks and normalises a map key: text, an int (a whole float counts as one), or a symbol. */
function mapKey(key: unknown): Key {
  if (typeof key === "string") {
    if (key === "__proto__") fault('the key "__proto__" is reserved');
    return key;
  }
  if (key instanceof Sym) return key;
  const asInt = isNumber(key) ? intKey(key) : undefined;
  if (asInt !== undefined) return asInt;
  return fault(`map keys are text, int or symbol, got ${typeName(key)} ${describeValue(key)}`);
}

/** `m[key]`: the value stored under `key`, or void. */
export function getEntry(rec: Record<string, unknown>, key: unknown): unknown {
  const k = mapKey(key);
  if (typeof k === "string") return Object.hasOwn(rec, k) ? rec[k] : undefined;
  return extraKeys(rec)?.get(k);
}

/** `m[key] = value`. */
export function setEntry(rec: Record<string, unknown>, key: unknown, value: unknown): void {
  const k = mapKey(key);
  if (typeof k === "string") rec[k] = value;
  else extraKeys(rec, true).set(k, value);
}

/** True when `key` is present (a key whose type cannot be one is absent). */
export function hasEntry(rec: Record<string, unknown>, key: unknown): boolean {
  if (typeof key === "string") return Object.hasOwn(rec, key);
  const valid = key instanceof Sym || (isNumber(key) && intKey(key) !== undefined);
  return valid && extraKeys(rec)?.has(mapKey(key)) === true;
}

/** Removes `key` and returns the value it held (void when absent). */
export function deleteEntry(rec: Record<string, unknown>, key: unknown): unknown {
  const k = mapKey(key);
  if (typeof k === "string") {
    const value = Object.hasOwn(rec, k) ? rec[k] : undefined;
    delete rec[k];
    return value;
  }
  const extra = extraKeys(rec);
  const value = extra?.get(k);
  extra?.delete(k);
  return value;
}

/** Every key: text keys in insertion order, then int and symbol keys in insertion order. */
export function entryKeys(rec: Record<string, unknown>): Key[] {
  const extra = extraKeys(rec);
  return extra === undefined ? Object.keys(rec) : [...Object.keys(rec), ...(extra.keys() as Iterable<Key>)];
}

/** How many entries the record has. */
export function entryCount(rec: Record<string, unknown>): number {
  return Object.keys(rec).length + (extraKeys(rec)?.size ?? 0);
}
