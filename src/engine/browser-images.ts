/**
 * The image decoder of the browser engine: the same pngjs, as its own
 * browser build (Node's zlib and streams bundled in), fed a Buffer from the
 * `buffer` package, under the shared decoding rules of `images.ts`; so a page
 * gets the very pixels Node gets (a canvas would premultiply alpha).
 */
import { Buffer } from "buffer";
import pngjs from "pngjs/browser.js";
import { imageDecoder, type ImageDecoder } from "./images.js";

/** Decodes PNG and JPEG assets in a page. */
export const decodeImageInBrowser: ImageDecoder = imageDecoder((bytes) => pngjs.PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) as never));
