/**
 * A run of small text sends to one handle whose UTF-8 size is counted once,
 * when the run ends, instead of once per send. While a run is open its sends
 * are checked against the send buffer at 3 bytes per UTF-16 unit (no string
 * is longer in UTF-8), so a send the exact count would refuse is never taken;
 * a send that the bound cannot admit ends the run and is counted exactly.
 * Ending a run joins its texts into one outbox entry and measures that once,
 * which is the join a turn of small texts gets at its write anyway.
 */
import type { Handle } from "./handle.js";

/** Texts longer than this are counted on their own (big pieces are written one by one, never joined). */
export const RUN_PIECE_CHARS = 1024;
/** A run ends before it passes this many UTF-16 units (the join limit of a turn's write). */
const RUN_CHARS = 64 * 1024;
/** A run begins only while the send buffer has room for a whole run at the bound (near full, sends are counted one by one). */
export const RUN_ROOM = 3 * RUN_CHARS;

/** The open run of one core: its handle, where its texts start in the outbox, their length in UTF-16 units. */
export class TextRun {
  chars: number;

  /** A run begun by the outbox entry at `first`, a text already counted as `firstBytes`. */
  constructor(
    readonly handle: Handle,
    readonly first: number,
    readonly measure: (text: string) => number,
    private readonly firstBytes: number,
  ) {
    this.chars = (handle.outbox?.[first] as string).length;
  }

  /** True when `text` may join the run without passing `room` bytes at 3 bytes per unit. */
  admits(text: string, room: number): boolean {
    const chars = this.chars + text.length;
    return text.length <= RUN_PIECE_CHARS && chars <= RUN_CHARS && 3 * chars <= room;
  }

  /** Joins the run's texts into one outbox entry and returns the UTF-8 bytes not counted yet. */
  close(): number {
    const outbox = this.handle.outbox;
    if (outbox === null || outbox.length <= this.first + 1) return 0;
    const text = outbox.slice(this.first).join("");
    outbox.length = this.first;
    outbox.push(text);
    return this.measure(text) - this.firstBytes;
  }
}
