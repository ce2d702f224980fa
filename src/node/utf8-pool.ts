/**
 * UTF-8 encoding of texts into copies, the way `Buffer.from` does it but in
 * one pass: a small text is written straight into a shared pool buffer and
 * its size is what the write returns, with no measuring pass before it (nor
 * a second one inside `dgram.send` for a text handed to it). The pool is
 * never written twice: a full one is left to the views into it.
 */

const POOL_BYTES = 16 * 1024;
/** Texts longer than this many UTF-16 units get a buffer of their own (at 3 bytes a unit, a pool holds 8). */
const POOLED_CHARS = POOL_BYTES / 24;

let pool = Buffer.allocUnsafe(POOL_BYTES);
let used = 0;

/** The UTF-8 bytes of `text` in a buffer no one else writes (lone surrogates as U+FFFD, as `Buffer.from`). */
export function encodeUtf8(text: string): Buffer {
  if (text.length > POOLED_CHARS) return Buffer.from(text);
  if (text.length * 3 > POOL_BYTES - used) {
    pool = Buffer.allocUnsafe(POOL_BYTES);
    used = 0;
  }
  const written = pool.write(text, used);
  const bytes = pool.subarray(used, used + written);
  used += written;
  return bytes;
}
