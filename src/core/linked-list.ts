/**
 * A list in insertion order whose members leave in O(1) from anywhere, each
 * through the link `push` returned. Short-lived members (requests) are kept
 * here rather than in a long-lived `Set` or `Map`: with requests added to one
 * and deleted a millisecond later, V8 still carried each request through the
 * young generation's collections into the old one (measured: about 4 MB
 * promoted per scavenge at 45,000 requests a second, and a quarter of the
 * rate lost; docs/benchmarks.md, `http-c50`).
 */

/** One member's place in a list, with a number kept alongside (a start time, say). */
export class Link<T> {
  prev: Link<T> | null = null;
  next: Link<T> | null = null;
  /** False once removed. */
  linked = true;

  constructor(
    readonly value: T,
    readonly at: number,
  ) {}
}

/** An insertion-ordered list with constant-time push, remove and first. */
export class LinkedList<T> {
  private head: Link<T> | null = null;
  private tail: Link<T> | null = null;

  /** The oldest link, or null when empty. */
  get first(): Link<T> | null {
    return this.head;
  }

  /** Adds `value` at the end; returns its link, to remove it by. */
  push(value: T, at = 0): Link<T> {
    const link = new Link(value, at);
    link.prev = this.tail;
    if (this.tail === null) this.head = link;
    else this.tail.next = link;
    this.tail = link;
    return link;
  }

  /** Takes a link out of the list (nothing if it is out already). */
  remove(link: Link<T>): void {
    if (!link.linked) return;
    link.linked = false;
    if (link.prev === null) this.head = link.next;
    else link.prev.next = link.next;
    if (link.next === null) this.tail = link.prev;
    else link.next.prev = link.prev;
    link.prev = null;
    link.next = null;
  }

  /** Every value, oldest first, as an array (safe to remove members while going through it). */
  values(): T[] {
    const values: T[] = [];
    for (let link = this.head; link !== null; link = link.next) values.push(link.value);
    return values;
  }
}
