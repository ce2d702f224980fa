/**
 * Images with known pixels for the `assets.load_image` tests, made with the
 * encoders of the libraries the engine decodes with (pngjs, jpeg-js): a small
 * RGBA picture with opaque, semi-transparent and fully transparent pixels,
 * as PNG in several colour types, and a JPEG of flat colour blocks.
 */
import jpeg from "jpeg-js";
import { PNG, type ColorType } from "pngjs";

/** 3 x 2 pixels, rows from the top left: red, half-transparent green, transparent blue / white, 1/255 alpha grey, black. */
export const PIXELS = {
  width: 3,
  height: 2,
  data: [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 255, 255, 255, 255, 90, 90, 90, 1, 0, 0, 0, 255],
};

/** `image` encoded as PNG; `colorType` 6 is RGBA, 2 RGB (alpha dropped), 4 grey with alpha, 0 grey. */
export function pngOf(image: { width: number; height: number; data: number[] }, colorType: ColorType = 6): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data);
  return new Uint8Array(PNG.sync.write(png, { colorType, inputHasAlpha: true }));
}

/** An 16 x 16 JPEG: the top half pure red, the bottom half pure blue (flat blocks survive JPEG nearly exactly). */
export function jpegOfBlocks(): Uint8Array {
  const width = 16;
  const height = 16;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(i < (width * height) / 2 ? [255, 0, 0, 255] : [0, 0, 255, 255], i * 4);
  return new Uint8Array(jpeg.encode({ width, height, data }, 95).data);
}
