/**
 * Folders and `.pak` files: a `.pak` is a zip archive (read back here with
 * Python's zipfile as well), packing is byte-for-byte reproducible, and a
 * folder and its `.pak` give the same keys and bytes to `assets.*`.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { openTree, writePak } from "../../src/engine/index.js";
import { runScript, writeTree } from "../helpers/engine.js";
import { requireProgram } from "../helpers/processes.js";

const FILES = {
  "rules.json": '{ "speed": 4 }',
  "maps/arena.txt": "#####\n#...#\n#####\n",
  "maps/deep/notes.md": "héllo ✓",
  "bytes.bin": "\u0000\u0001\u00ff",
};

function pakOf(dir: string): string {
  const out = join(mkdtempSync(join(tmpdir(), "tickwire-pak-")), "tree.pak");
  writePak(dir, out);
  return out;
}

describe(".pak files", () => {
  test("a .pak is a zip archive of every file, sorted, that another zip reader accepts", () => {
    const read = "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(*z.namelist(), sep='\\n')";
    const listing = execFileSync(requireProgram("python3"), ["-c", read, pakOf(writeTree(FILES))], { encoding: "utf8" });
    assert.deepEqual(listing.trim().split("\n"), ["bytes.bin", "maps/arena.txt", "maps/deep/notes.md", "rules.json"]);
  });

  test("the same files give the same bytes, whatever the folder's times and creation order", () => {
    const first = writeTree(FILES);
    const reversed = writeTree(Object.fromEntries(Object.entries(FILES).reverse()));
    utimesSync(join(reversed, "rules.json"), new Date(2001, 1, 1), new Date(2001, 1, 1));
    assert.deepEqual(readFileSync(pakOf(first)), readFileSync(pakOf(reversed)));
  });

  test("a folder and its .pak open to the same keys and bytes", () => {
    const dir = writeTree(FILES);
    const folder = openTree(dir);
    const pak = openTree(pakOf(dir));
    assert.deepEqual(pak.keys(), folder.keys());
    for (const key of folder.keys()) assert.deepEqual(pak.read(key), folder.read(key), key);
    assert.equal(pak.read("../rules.json"), undefined);
    assert.equal(folder.read("missing"), undefined);
  });

  test("a file that is not a zip archive is a clear error", () => {
    const path = join(mkdtempSync(join(tmpdir(), "tickwire-bad-")), "bad.pak");
    writeFileSync(path, "not a zip");
    assert.throws(() => openTree(path), /bad\.pak is not a \.pak \(zip\) archive/);
  });
});

describe("assets", () => {
  const SCRIPT = `
    const assets = access("assets");
    print("list", assets.list().join(","));
    print("maps", assets.list("maps/").join(","));
    print("rules", assets.read_text("./rules.json"), assets.exists("rules.json"), assets.exists("nope"));
    print("notes", assets.read_text("maps/deep/notes.md"));
    print("bytes", Array.from(assets.read_bytes("bytes.bin") ?? []).join(","));
    print("missing", assets.read_text("nope"), assets.read_bytes("nope"), assets.read_text(42));
  `;

  test("a folder and its .pak expose the same keys and contents", async () => {
    const dir = writeTree(FILES);
    const outputs: string[][] = [];
    for (const assets of [dir, pakOf(dir)]) {
      const { engine, lines } = await runScript({ "main.ts": SCRIPT }, {}, (e) => void e.mountAssets(assets), 0);
      await engine.finished;
      outputs.push(lines);
    }
    assert.deepEqual(outputs[0], [
      "[server] list bytes.bin,maps/arena.txt,maps/deep/notes.md,rules.json",
      "[server] maps maps/arena.txt,maps/deep/notes.md",
      '[server] rules { "speed": 4 } true false',
      "[server] notes héllo ✓",
      "[server] bytes 0,1,195,191",
      "[server] missing undefined undefined undefined",
    ]);
    assert.deepEqual(outputs[1], outputs[0]);
  });

  test("without mountAssets, access(\"assets\") says how to mount them", async () => {
    const { line } = await runScript({ "main.ts": `access("assets");` });
    assert.match(await line(/script error at load/), /no assets are mounted: the host program must call engine\.mountAssets\(path\)/);
  });
});
