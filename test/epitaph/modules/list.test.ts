/** The `list` module: in-place pop/insert/remove_at/sort/reverse, and index_of/contains/slice. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureOf, load } from "../helpers.js";

describe("epitaph list module", () => {
  it("changes lists in place and reads them by == (1 finds 1.0)", () => {
    const src = `access <list>
phase run() {
  let l = [3, 1, 2]
  let popped = list.pop(l)
  list.insert(l, 0, 9)
  list.insert(l, 3, 7)
  let removed = list.remove_at(l, 1)
  let found = [list.index_of(l, 7.0), list.index_of(l, 5), list.contains(l, 9), list.contains(l, "9")]
  let nums = [2.5, 1, -3, 2]
  list.sort(nums)
  let words = ["b", "a", "C"]
  list.sort(words)
  list.reverse(words)
  return [text(l), popped, removed, found, text(nums), words, list.slice([1, 2, 3, 4], 1, -1), list.slice([1, 2], 5), list.pop([])]
}`;
    assert.deepEqual(load(src).program.call("run"), ["[9, 1, 7]", 2, 3, [2, -1, true, false], "[-3, 1, 2, 2.5]", ["b", "a", "C"], [2, 3], [], undefined]);
  });

  it("fails on bad positions and on sorting mixed lists", () => {
    assert.equal(failureOf("list.insert([], 2, 1)", ["list"]), "main.ep:3: insert: position 2 out of range (0 to 0)");
    assert.equal(failureOf("list.remove_at([1], 1)", ["list"]), "main.ep:3: index 1 out of range (length 1)");
    assert.equal(failureOf('list.sort([1, "a"])', ["list"]), "main.ep:3: sort: cannot order text and int (sort numbers or texts)");
  });
});
