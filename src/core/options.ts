/**
 * Checking the options objects a host program passes (runtime options,
 * features, limits, the engine's config, ...): each object has a schema, one
 * rule per known key, and `checkOptions` throws a TypeError at once for an
 * unknown key (naming the closest known one) or a value of the wrong type.
 * These are the host program's setup errors: a misspelt `policy` must never
 * run as no policy. Schemas are typed against the interface they check, so a
 * new key in an interface fails to compile until its rule is written.
 * Platform-neutral: imports only the edit distance of the hints.
 */
import { editDistance } from "./edit-distance.js";

/** How one option's value is checked: what it must be (for the message) and the test. */
export interface OptionRule {
  /** "a boolean", "a non-negative number", ... */
  readonly what: string;
  /** True when `value` is acceptable; `undefined` is always accepted (the option is left out). */
  readonly test: (value: unknown) => boolean;
  /** For an object option: the schema of its own keys, checked in turn. */
  readonly schema?: OptionSchema;
  /** True when the option cannot be left out. */
  readonly required?: boolean;
}

/** The rules of an options object, by key. */
export type OptionSchema = Readonly<Record<string, OptionRule>>;

/** A schema with exactly the keys of `T`, so the compiler names a key that has no rule. */
export type SchemaOf<T> = { readonly [K in keyof Required<T>]: OptionRule };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The rules most options use. */
export const rule = {
  /** Any value: the key is known, its value is checked where it is used. */
  any: { what: "any value", test: () => true },
  boolean: { what: "true or false", test: (value: unknown) => typeof value === "boolean" },
  string: { what: "a string", test: (value: unknown) => typeof value === "string" },
  count: { what: "a non-negative number", test: (value: unknown) => typeof value === "number" && value >= 0 },
  positive: { what: "a positive number", test: (value: unknown) => typeof value === "number" && value > 0 },
  func: { what: "a function", test: (value: unknown) => typeof value === "function" },
  list: { what: "a list", test: Array.isArray },
  stringOrStrings: {
    what: "a string or a list of strings",
    test: (value: unknown) => typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string")),
  },
  /** An object checked against its own schema. */
  object: (schema: OptionSchema): OptionRule => ({ what: "an object", test: isObject, schema }),
  /** One of the given values. */
  oneOf: (values: readonly unknown[]): OptionRule => ({
    what: `one of ${values.map((value) => JSON.stringify(value)).join(", ")}`,
    test: (value) => values.includes(value),
  }),
  /** The same rule, for an option that cannot be left out. */
  required: (each: OptionRule): OptionRule => ({ ...each, required: true }),
  /** Any of the given rules. */
  either: (...rules: readonly OptionRule[]): OptionRule => ({
    what: rules.map((each) => each.what).join(" or "),
    test: (value) => rules.some((each) => each.test(value)),
    schema: rules.find((each) => each.schema !== undefined)?.schema,
  }),
} as const;

/** A schema where every key of `defaults` takes the same rule (the limits: every default is a number). */
export function uniformSchema(defaults: object, each: OptionRule): OptionSchema {
  return Object.fromEntries(Object.keys(defaults).map((key) => [key, each]));
}

/**
 * Throws a TypeError when `given` has a key `schema` does not know, or a value its rule refuses.
 * `path` names the object in messages ("limits" gives "limits.key"; "" for a top-level object);
 * nested objects are checked under their own path. `undefined` passes unless the schema requires a key.
 */
export function checkOptions(given: unknown, schema: OptionSchema, path = ""): void {
  if (given === undefined) return;
  if (!isObject(given)) throw new TypeError(`${path === "" ? "the options" : `option "${path}"`} must be an object, not ${show(given)}`);
  for (const [key, value] of Object.entries(given)) {
    const known = Object.hasOwn(schema, key) ? schema[key] : undefined;
    if (known === undefined) throw new TypeError(unknownKeyText(key, Object.keys(schema), path));
    if (value === undefined) continue;
    if (!known.test(value)) throw new TypeError(`option "${join(path, key)}" must be ${known.what}, not ${show(value)}`);
    if (known.schema !== undefined && isObject(value)) checkOptions(value, known.schema, join(path, key));
  }
  const missing = Object.keys(schema).find((key) => schema[key]?.required === true && given[key] === undefined);
  if (missing !== undefined) throw new TypeError(`option "${join(path, missing)}" is required: ${schema[missing]?.what}`);
}

/** The text for an unknown key of the object at `path`: the closest known key when one is near, else the known keys. */
export function unknownKeyText(key: string, known: readonly string[], path = ""): string {
  const closest = closestName(key, known);
  if (closest !== undefined) return `unknown option "${join(path, key)}" (did you mean "${join(path, closest)}"?)`;
  const list = known.length === 0 ? "none" : known.map((each) => `"${each}"`).join(", ");
  return `unknown option "${join(path, key)}" (known ${path === "" ? "options" : `keys of ${path}`}: ${list})`;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

/** The known name nearest to `name` by edit distance (case ignored), if it is near enough to be a slip. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const slack = Math.max(1, Math.floor(name.length / 4));
  return bestDistance <= slack ? best : undefined;
}

function show(value: unknown): string {
  if (typeof value === "function") return "a function";
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
