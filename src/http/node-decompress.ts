/**
 * Decodes a complete compressed response body off the main thread with
 * `node:zlib`, never producing more than the body limit allows.
 */
import * as zlib from "node:zlib";
import { ERR } from "../core/errors.js";

type Decoder = (input: Buffer, options: zlib.ZlibOptions, done: (error: Error | null, out: Buffer) => void) => void;

const DECODERS: Record<string, Decoder> = {
  gzip: zlib.gunzip,
  "x-gzip": zlib.gunzip,
  deflate: zlib.inflate,
  br: zlib.brotliDecompress as Decoder,
};

/** Decodes `body` per its content-encoding (one coding, as servers send); calls back with the bytes or an error text. */
export function decompressBody(
  encoding: string | undefined,
  body: Buffer,
  maxBytes: number,
  done: (result: Buffer | string) => void,
): void {
  const decoder = encoding === undefined ? undefined : DECODERS[encoding.trim().toLowerCase()];
  if (decoder === undefined || body.length === 0) return done(body);
  decoder(body, { maxOutputLength: Math.max(1, maxBytes) }, (error, out) => {
    if (error === null) return done(out);
    done((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE" ? ERR.responseTooLarge : ERR.badContentEncoding);
  });
}
