/**
 * The image decoder of the Node engine: pngjs as Node loads it (reading a
 * Buffer view of the file, no copy) under the shared decoding rules of
 * `images.ts`.
 */
import { PNG } from "pngjs";
import { imageDecoder, type ImageDecoder } from "./images.js";

/** Decodes PNG and JPEG assets on Node. */
export const decodeImageOnNode: ImageDecoder = imageDecoder((bytes) => PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)));
