/**
 * `assets.load_image(key)` on Node: PNG (RGBA, RGB, grey, grey with alpha)
 * and JPEG assets decode to `{ width, height, data }` with straight RGBA rows
 * from the top left, semi-transparent pixels kept exactly (not premultiplied);
 * a missing key, a text file, a damaged PNG and an image past the size bound
 * are void; a folder and its `.pak` give the same pixels.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { writePak } from "../../src/engine/index.js";
import { decodeImageOnNode } from "../../src/engine/node-images.js";
import { engineForTest, writeTree } from "../helpers/engine.js";
import { jpegOfBlocks, PIXELS, pngOf } from "../helpers/images.js";

const PROBE = `const assets = access("assets");
for (const key of ["rgba.png", "blocks.jpg", "missing.png", "notes.txt", "damaged.png"]) {
  const image = assets.load_image(key);
  print(key, image === undefined ? "void" : JSON.stringify({ width: image.width, height: image.height, plain: image.data instanceof Uint8Array, data: Array.from(image.data) }));
}
`;

/** An asset folder with the test images, and its .pak. */
function assetTrees(): { folder: string; pak: string } {
  const folder = writeTree({ "notes.txt": "not an image" });
  writeFileSync(join(folder, "rgba.png"), pngOf(PIXELS));
  writeFileSync(join(folder, "blocks.jpg"), jpegOfBlocks());
  writeFileSync(join(folder, "damaged.png"), pngOf(PIXELS).slice(0, 40));
  const pak = join(mkdtempSync(join(tmpdir(), "tickwire-images-")), "assets.pak");
  writePak(folder, pak);
  return { folder, pak };
}

async function probe(assets: string): Promise<string[]> {
  const { engine, lines } = engineForTest();
  await engine.mountScripts(writeTree({ "main.ts": PROBE }));
  await engine.mountAssets(assets);
  await engine.start({ ticks: 0 });
  await engine.finished;
  return lines;
}

describe("assets.load_image", () => {
  test("a PNG decodes to straight RGBA rows from the top left, semi-transparent pixels exact", async () => {
    const { folder } = assetTrees();
    const lines = await probe(folder);
    assert.equal(lines[0], `[server] rgba.png ${JSON.stringify({ width: 3, height: 2, plain: true, data: PIXELS.data })}`);
  });

  test("a JPEG decodes to RGBA with opaque alpha; flat blocks keep their colours", async () => {
    const lines = await probe(assetTrees().folder);
    const image = JSON.parse((lines[1] ?? "").replace("[server] blocks.jpg ", "")) as { width: number; height: number; data: number[] };
    assert.equal(image.width, 16);
    assert.equal(image.height, 16);
    const pixel = (x: number, y: number) => image.data.slice((y * 16 + x) * 4, (y * 16 + x) * 4 + 4);
    for (const [[r, g, b, a], expected] of [[pixel(3, 2), [255, 0, 0]], [pixel(12, 13), [0, 0, 255]]] as const) {
      assert.equal(a, 255);
      assert.ok(Math.abs(r - expected[0]) <= 8 && Math.abs(g - expected[1]) <= 8 && Math.abs(b - expected[2]) <= 8, `${[r, g, b]} near ${expected}`);
    }
  });

  test("a missing key, a text file and a damaged PNG are void", async () => {
    const lines = await probe(assetTrees().folder);
    assert.deepEqual(lines.slice(2), ["[server] missing.png void", "[server] notes.txt void", "[server] damaged.png void"]);
  });

  test("a folder and its .pak give the same pixels", async () => {
    const { folder, pak } = assetTrees();
    assert.deepEqual(await probe(pak), await probe(folder));
  });
});

describe("decodeImageOnNode", () => {
  test("RGB, grey and grey-with-alpha PNGs become RGBA", () => {
    const opaque = { width: 2, height: 1, data: [10, 20, 30, 255, 200, 200, 200, 255] };
    assert.deepEqual(Array.from(decodeImageOnNode(pngOf(opaque, 2))?.data ?? []), opaque.data);
    const grey = { width: 2, height: 1, data: [40, 40, 40, 255, 90, 90, 90, 60] };
    assert.deepEqual(Array.from(decodeImageOnNode(pngOf(grey, 4))?.data ?? []), grey.data);
    const opaqueGrey = { width: 2, height: 1, data: [40, 40, 40, 255, 90, 90, 90, 255] };
    assert.deepEqual(Array.from(decodeImageOnNode(pngOf(opaqueGrey, 0))?.data ?? []), opaqueGrey.data);
  });

  test("a PNG whose header claims more than the size bound is void before it is decoded", () => {
    const huge = pngOf({ width: 1, height: 1, data: [0, 0, 0, 255] });
    const view = new DataView(huge.buffer, huge.byteOffset);
    view.setUint32(16, 100_000);
    view.setUint32(20, 100_000);
    assert.equal(decodeImageOnNode(huge), undefined);
    assert.equal(decodeImageOnNode(new Uint8Array(0)), undefined);
  });
});
