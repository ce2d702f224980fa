/**
 * `assets.load_image(key)`'s decoding, the same on every platform: a PNG or
 * JPEG file becomes `{ width, height, data }`, `data` straight (not
 * premultiplied) RGBA bytes row by row from the top left; anything else, a
 * damaged file, or an image past the size bound is void. PNG is read by
 * pngjs (the platform hands in its build of it: Node's, or the browser
 * bundle), JPEG by jpeg-js on every platform; no decoder is written here.
 */
import jpeg from "jpeg-js";

/** A decoded image as scripts get it. */
export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row from the top left, alpha not premultiplied. */
  data: Uint8Array;
}

/** Reads a PNG file into 8-bit RGBA (pngjs's `PNG.sync.read`, as the platform has it). */
export type PngReader = (bytes: Uint8Array) => Image;

/** Turns a file's bytes into an image, or undefined when it is not a PNG or JPEG it can decode. */
export type ImageDecoder = (bytes: Uint8Array) => Image | undefined;

/** The largest image decoded, in pixels (a 8192 x 8192 texture; 256 MiB of RGBA). */
export const MAX_IMAGE_PIXELS = 8192 * 8192;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** The decoder of a platform, over its PNG reader. */
export function imageDecoder(readPng: PngReader): ImageDecoder {
  return (bytes) => {
    try {
      if (startsWith(bytes, PNG_SIGNATURE)) return pngTooLarge(bytes) ? undefined : plain(readPng(bytes));
      if (startsWith(bytes, JPEG_SIGNATURE)) return plain(decodeJpeg(bytes));
    } catch {
      // a damaged file is not an image
    }
    return undefined;
  };
}

function decodeJpeg(bytes: Uint8Array): Image {
  const maxResolutionInMP = MAX_IMAGE_PIXELS / 1_000_000;
  return jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP, maxMemoryUsageInMB: 512 });
}

/** True when the PNG header's width and height (big-endian, bytes 16 to 23) are past the bound, checked before decoding. */
function pngTooLarge(bytes: Uint8Array): boolean {
  if (bytes.length < 24) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return view.getUint32(16) * view.getUint32(20) > MAX_IMAGE_PIXELS;
}

/** The image with its pixels as a plain Uint8Array over the same memory (not a Buffer). */
function plain(image: Image): Image {
  const data = image.data;
  return { width: image.width, height: image.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}
