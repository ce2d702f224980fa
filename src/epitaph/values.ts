/**
 * Epitaph values as JavaScript values, and the conversions at the edges.
 * Numbers are described in `numbers.ts` (ints are safe-integer numbers or
 * BigInts, floats other numbers or `Float` boxes), text is a string,
 * booleans are booleans, `void` is `undefined` (a `null` coming from the host
 * reads as void too), lists are arrays (shared by reference), records and
 * maps are plain objects whose int and symbol keys live in a hidden `Map`
 * (`extraKeys`), and symbols are interned `Sym` objects (so `===` compares
 * them). Host functions never see a `Sym` or a `Float`: `toHost` turns a
 * symbol into the text ":name", a box into its number, and int and symbol
 * keys into text keys, copying a list or record only when it must.
 */
import { Float, formatNumber, numberKind } from "./numbers.js";

const interned = new Map<string, Sym>();

/** An Epitaph symbol such as `:post`; one shared instance per name. */
export class Sym {
  readonly #name: string;
  private constructor(name: string) {
    this.#name = name;
    Object.freeze(this);
  }
  /** Returns the interned symbol for `name` (without the colon). */
  static of(name: string): Sym {
    let s = interned.get(name);
    if (!s) interned.set(name, (s = new Sym(name)));
    return s;
  }
  /** The symbol's name without the colon. */
  get id(): string {
    return this.#name;
  }
  toString(): string {
    return `:${this.#name}`;
  }
}

const EXTRA_KEYS = Symbol("epitaph.keys");

/** The int and symbol keys of a record (a hidden `Map`), created on first use when `create` is set. */
export function extraKeys(rec: object, create: true): Map<unknown, unknown>;
export function extraKeys(rec: object, create?: false): Map<unknown, unknown> | undefined;
export function extraKeys(rec: object, create = false): Map<unknown, unknown> | undefined {
  const holder = rec as { [EXTRA_KEYS]?: Map<unknown, unknown> };
  if (create && holder[EXTRA_KEYS] === undefined) {
    Object.defineProperty(rec, EXTRA_KEYS, { value: new Map(), enumerable: false });
  }
  return holder[EXTRA_KEYS];
}

/** How a map key prints and how hosts see it: ints as decimal text, symbols as ":name". */
function keyText(key: unknown): string {
  return typeof key === "string" ? key : key instanceof Sym ? key.toString() : String(key);
}

/** True for plain records (object literals, JSON objects), not class instances. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The Epitaph type name of a value, for error messages. */
export function typeName(v: unknown): string {
  if (v == null) return "void";
  switch (typeof v) {
    case "number": return numberKind(v)!;
    case "bigint": return "int";
    case "string": return "text";
    case "boolean": return "bool";
    case "function": return "function";
  }
  if (v instanceof Sym) return "symbol";
  if (v instanceof Float) return "float";
  if (Array.isArray(v)) return "list";
  if (v instanceof Uint8Array) return "bytes";
  return isRecord(v) ? "record" : "object";
}

/** Converts a value for a host function: symbols become ":name" and float boxes numbers, deeply; other values pass as they are. */
export function toHost(v: unknown): unknown {
  return typeof v === "object" && v !== null ? objectToHost(v, new Set()) : v;
}

function objectToHost(v: object, seen: Set<object>): unknown {
  if (v instanceof Sym) return v.toString();
  if (v instanceof Float) return v.v;
  if (seen.has(v) || !(Array.isArray(v) || isRecord(v))) return v;
  seen.add(v);
  const convert = (x: unknown): unknown => (typeof x === "object" && x !== null ? objectToHost(x, seen) : x);
  if (Array.isArray(v)) {
    const out = v.map(convert);
    return out.some((x, i) => x !== v[i]) ? out : v;
  }
  const rec = v as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const k of Object.keys(rec)) {
    const x = convert(rec[k]);
    if (x !== rec[k]) (copy ??= { ...rec })[k] = x;
  }
  const extra = extraKeys(rec);
  if (extra === undefined || extra.size === 0) return copy ?? v;
  copy ??= { ...rec };
  for (const [k, x] of extra) copy[keyText(k)] = convert(x);
  return copy;
}

const MAX_DEPTH = 8;
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Formats a value the way `log.*` and `text()` print it; top-level text is unquoted. */
export function formatValue(v: unknown): string {
  return typeof v === "string" ? v : describeValue(v);
}

/** Formats a value for error messages: like `formatValue`, but text is quoted. */
export function describeValue(v: unknown): string {
  return show(v, 0, new Set());
}

function show(v: unknown, depth: number, seen: Set<object>): string {
  if (v == null) return "void";
  switch (typeof v) {
    case "string": return JSON.stringify(v);
    case "number":
    case "bigint": return formatNumber(v);
    case "boolean": return v ? "active" : "dormant";
    case "function": return "<function>";
    case "object": break;
    default: return String(v);
  }
  if (v instanceof Sym) return v.toString();
  if (v instanceof Float) return formatNumber(v);
  if (v instanceof Uint8Array) return `<bytes ${v.length}>`;
  if (seen.has(v) || depth >= MAX_DEPTH) return Array.isArray(v) ? "[...]" : "{...}";
  seen.add(v);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => show(x, depth + 1, seen)).join(", ")}]`;
    const rec = v as Record<string, unknown>;
    const body = Object.keys(rec).map((k) => `${PLAIN_KEY.test(k) ? k : JSON.stringify(k)}: ${show(rec[k], depth + 1, seen)}`);
    for (const [k, x] of extraKeys(rec) ?? []) body.push(`${keyText(k)}: ${show(x, depth + 1, seen)}`);
    return body.length === 0 ? "{}" : `{ ${body.join(", ")} }`;
  } finally {
    seen.delete(v);
  }
}
