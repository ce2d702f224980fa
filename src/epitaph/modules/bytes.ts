/**
 * The standard module `bytes` (tickwire's names): binary data as `Uint8Array`
 * values, as binary WebSocket messages arrive. `from_text` (UTF-8),
 * `to_text` (invalid UTF-8 becomes U+FFFD), `slice(b, from, to?)` (a copy;
 * negative positions count from the end), `concat(a, b, ...)`, `hex` (lower
 * case), and `from_list` / `to_list` for ints 0 to 255.
 */
import { fault } from "../errors.js";
import { bytesArg, listArg, native, sliceRange, smallIntArg, textArg } from "./args.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function concat(...parts: unknown[]): Uint8Array {
  const arrays = parts.map((p) => bytesArg("concat", p));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) (out.set(a, at), (at += a.length));
  return out;
}

function fromList(list: unknown): Uint8Array {
  return Uint8Array.from(listArg("from_list", list), (v) => {
    const n = smallIntArg("from_list", v);
    return n >= 0 && n <= 255 ? n : fault(`from_list: ${n} is not a byte (0 to 255)`);
  });
}

/** The functions of `bytes`, by name. */
export const BYTES_FUNCTIONS = {
  from_text: native(1, (t: unknown) => encoder.encode(textArg("from_text", t))),
  to_text: native(1, (b: unknown) => decoder.decode(bytesArg("to_text", b))),
  slice: native(2, (b: unknown, from: unknown, to: unknown) => {
    const data = bytesArg("slice", b);
    return data.slice(...sliceRange("slice", data.length, from, to));
  }, 3),
  concat: native(1, concat, Infinity),
  hex: native(1, (b: unknown) => Array.from(bytesArg("hex", b), (x) => x.toString(16).padStart(2, "0")).join("")),
  from_list: native(1, fromList),
  to_list: native(1, (b: unknown) => Array.from(bytesArg("to_list", b))),
};
