/**
 * The standard module `string` (tickwire's names: the real module's are
 * not public). Positions count Unicode code points, not UTF-16 units, so
 * `find` and `slice` agree with `len` on any text: `split`, `trim`,
 * `starts_with`, `ends_with`, `find` (a position or -1), `slice(text, from,
 * to?)` (negative positions count from the end), `replace` (every
 * occurrence), `upper`, `lower`, `join(list, sep)` (items printed as `log`
 * prints them), and `repeat`.
 */
import { fault } from "../errors.js";
import { formatValue } from "../values.js";
import { listArg, native, sliceRange, smallIntArg, textArg } from "./args.js";

/** The number of code points of `text`. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) (n--, i++);
    }
  }
  return n;
}

/** The UTF-16 offset of code point `index` (at most the text's end). */
function unitOffset(text: string, index: number): number {
  let offset = 0;
  for (let n = 0; n < index && offset < text.length; n++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

function find(text: unknown, part: unknown, from: unknown): number {
  const [t, p] = [textArg("find", text), textArg("find", part)];
  const start = from === undefined ? 0 : unitOffset(t, Math.max(0, smallIntArg("find", from)));
  const at = t.indexOf(p, start);
  return at < 0 ? -1 : codePointLength(t.slice(0, at));
}

function slice(text: unknown, from: unknown, to: unknown): string {
  const t = textArg("slice", text);
  const [start, end] = sliceRange("slice", codePointLength(t), from, to);
  const begin = unitOffset(t, start);
  return t.slice(begin, begin + unitOffset(t.slice(begin), end - start));
}

function split(text: unknown, sep: unknown): string[] {
  const [t, s] = [textArg("split", text), textArg("split", sep)];
  return s === "" ? [...t] : t.split(s);
}

function replace(text: unknown, old: unknown, by: unknown): string {
  const [t, o, b] = [textArg("replace", text), textArg("replace", old), textArg("replace", by)];
  if (o === "") return fault("replace: the text to replace is empty");
  return t.split(o).join(b);
}

function repeat(text: unknown, count: unknown): string {
  const n = smallIntArg("repeat", count);
  if (n < 0) return fault(`repeat: the count must not be negative, got ${n}`);
  return textArg("repeat", text).repeat(n);
}

const textFn = (fn: string, f: (t: string) => unknown) => native(1, (t: unknown) => f(textArg(fn, t)));
const pairFn = (fn: string, f: (a: string, b: string) => unknown) =>
  native(2, (a: unknown, b: unknown) => f(textArg(fn, a), textArg(fn, b)));

/** The functions of `string`, by name. */
export const STRING_FUNCTIONS = {
  split: native(2, split),
  trim: textFn("trim", (t) => t.trim()),
  starts_with: pairFn("starts_with", (a, b) => a.startsWith(b)),
  ends_with: pairFn("ends_with", (a, b) => a.endsWith(b)),
  find: native(2, find, 3),
  slice: native(2, slice, 3),
  replace: native(3, replace),
  upper: textFn("upper", (t) => t.toUpperCase()),
  lower: textFn("lower", (t) => t.toLowerCase()),
  join: native(2, (list: unknown, sep: unknown) => listArg("join", list).map(formatValue).join(textArg("join", sep))),
  repeat: native(2, repeat),
};
