/**
 * A first-in first-out queue with O(1) push and shift: an array read from a
 * moving head index, compacted once the consumed prefix outweighs the rest.
 */

/** FIFO queue with constant-time push and shift. */
export class Deque<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  /** Number of items waiting. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds an item at the tail. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Puts an item back at the head, so that `shift` returns it next. */
  unshift(item: T): void {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }

  /** Removes and returns the oldest item, or undefined when empty. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The oldest item without removing it. */
  peek(): T | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  /** The newest item without removing it. */
  last(): T | undefined {
    return this.head < this.items.length ? this.items[this.items.length - 1] : undefined;
  }

  /** Keeps only the items the predicate accepts, in order. */
  retain(keep: (item: T) => boolean): void {
    const kept: T[] = [];
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i] as T;
      if (keep(item)) kept.push(item);
    }
    this.items = kept;
    this.head = 0;
  }
}
