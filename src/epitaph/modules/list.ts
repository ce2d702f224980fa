/**
 * The standard module `list` (tickwire's names). Lists are shared by
 * reference, and `pop`, `insert`, `remove_at`, `sort` and `reverse` change
 * the list in place; `slice` makes a new one. `index_of` and `contains`
 * compare with `==` (so `1` finds `1.0`). `sort` orders numbers by value or
 * texts by code unit, and fails on a list that mixes them.
 */
import { fault } from "../errors.js";
import { compareNumbers, isNumber } from "../numbers.js";
import { eq, listSlot } from "../runtime.js";
import { typeName } from "../values.js";
import { listArg, native, sliceRange, smallIntArg } from "./args.js";

function insert(list: unknown, at: unknown, value: unknown): void {
  const l = listArg("insert", list);
  const i = smallIntArg("insert", at);
  if (i < 0 || i > l.length) fault(`insert: position ${i} out of range (0 to ${l.length})`);
  l.splice(i, 0, value);
}

function order(a: unknown, b: unknown): number {
  if (isNumber(a) && isNumber(b)) return compareNumbers("<", a, b) ? -1 : compareNumbers(">", a, b) ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  return fault(`sort: cannot order ${typeName(a)} and ${typeName(b)} (sort numbers or texts)`);
}

const indexOf = (fn: string, list: unknown, value: unknown): number => listArg(fn, list).findIndex((x) => eq(x, value));

/** The functions of `list`, by name. */
export const LIST_FUNCTIONS = {
  pop: native(1, (l: unknown) => listArg("pop", l).pop()),
  insert: native(3, insert),
  remove_at: native(2, (l: unknown, i: unknown) => {
    const list = listArg("remove_at", l);
    return list.splice(listSlot(list.length, i), 1)[0];
  }),
  index_of: native(2, (l: unknown, x: unknown) => indexOf("index_of", l, x)),
  contains: native(2, (l: unknown, x: unknown) => indexOf("contains", l, x) >= 0),
  sort: native(1, (l: unknown) => void listArg("sort", l).sort(order)),
  slice: native(2, (l: unknown, from: unknown, to: unknown) => {
    const list = listArg("slice", l);
    return list.slice(...sliceRange("slice", list.length, from, to));
  }, 3),
  reverse: native(1, (l: unknown) => void listArg("reverse", l).reverse()),
};
