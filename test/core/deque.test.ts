/**
 * The FIFO behind the event queue and every inbox: order kept across
 * compaction, retain, the ends, and items put back at the head.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { Deque } from "../../src/core/deque.js";

test("keeps first-in first-out order across compactions", () => {
  const queue = new Deque<number>();
  let next = 0;
  let expected = 0;
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 1000; i++) queue.push(next++);
    for (let i = 0; i < 700; i++) assert.equal(queue.shift(), expected++);
  }
  assert.equal(queue.length, next - expected);
  assert.equal(queue.last(), next - 1);
  while (queue.length > 0) assert.equal(queue.shift(), expected++);
  assert.equal(queue.shift(), undefined);
  assert.equal(queue.last(), undefined);
});

test("retain keeps the accepted items in order", () => {
  const queue = new Deque<number>();
  for (let i = 0; i < 10; i++) queue.push(i);
  queue.shift();
  queue.retain((n) => n % 2 === 0);
  assert.deepEqual([queue.shift(), queue.shift(), queue.shift(), queue.shift(), queue.shift()], [2, 4, 6, 8, undefined]);
});

test("unshift puts an item back at the head, after shifts and on an empty queue", () => {
  const queue = new Deque<number>();
  queue.unshift(1);
  queue.push(2);
  queue.push(3);
  assert.equal(queue.shift(), 1);
  queue.unshift(10);
  queue.unshift(11);
  assert.equal(queue.length, 4);
  assert.deepEqual([queue.shift(), queue.shift(), queue.shift(), queue.shift(), queue.shift()], [11, 10, 2, 3, undefined]);
});
