/**
 * The insertion-ordered list of short-lived members: members stay in push
 * order, leave from the head, the middle or the tail through their link,
 * leaving twice changes nothing, and `values` is a snapshot the caller may
 * remove members while going through.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LinkedList } from "../../src/core/linked-list.js";

describe("LinkedList", () => {
  test("keeps push order and removes from anywhere, once", () => {
    const list = new LinkedList<string>();
    const a = list.push("a", 1);
    const b = list.push("b", 2);
    const c = list.push("c", 3);
    const d = list.push("d", 4);
    assert.deepEqual(list.values(), ["a", "b", "c", "d"]);
    list.remove(b);
    list.remove(b);
    assert.deepEqual(list.values(), ["a", "c", "d"], "the middle one left, once");
    list.remove(a);
    assert.equal(list.first, c, "the head moved on");
    assert.equal(list.first?.at, 3, "the number pushed with it");
    list.remove(d);
    assert.deepEqual(list.values(), ["c"], "the tail left");
    list.push("e");
    assert.deepEqual(list.values(), ["c", "e"], "a push after removing the tail joins at the end");
  });

  test("values is a snapshot: removing every member while going through it", () => {
    const list = new LinkedList<number>();
    const links = [1, 2, 3].map((n) => list.push(n));
    const seen: number[] = [];
    for (const value of list.values()) {
      seen.push(value);
      list.remove(links[value - 1]);
    }
    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(list.first, null, "empty after");
    assert.deepEqual(list.values(), []);
  });
});
