/**
 * `tickwire pack` of a script tree stores the compiled bundle next to the
 * sources (what a page runs), stops on a script that does not compile, and
 * packs any other folder as it is.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { PRECOMPILED_KEY, treeFromPak } from "../../src/engine/index.js";
import { cli } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const out = (name: string) => join(mkdtempSync(join(tmpdir(), "tickwire-pack-")), name);

describe("tickwire pack", () => {
  it("adds the compiled scripts of a script tree", async () => {
    const pak = out("scripts.pak");
    const scripts = writeTree({ "main.ts": 'import { n } from "./lib/n";\nexport function tick(): void { print(n); }\n', "lib/n.ts": "export const n = 42;\n" });
    const packed = await cli(["pack", scripts, "-o", pak]);
    assert.equal(packed.code, 0, packed.stderr);
    assert.match(packed.stdout, /^packed 2 files from .* with the compiled scripts into .*scripts\.pak \(\d+ bytes\)$/m);
    const tree = treeFromPak(readFileSync(pak), pak);
    assert.deepEqual(tree.keys(), [PRECOMPILED_KEY, "lib/n.ts", "main.ts"]);
    const record = JSON.parse(new TextDecoder().decode(tree.read(PRECOMPILED_KEY))) as Record<string, unknown>;
    assert.deepEqual({ ...record, code: typeof record.code, map: typeof record.map }, {
      format: 1,
      entry: "main.ts",
      exports: ["tick"],
      code: "string",
      map: "string",
    });
    assert.match(record.code as string, /var n = 42;/);
  });

  it("gives the same bytes for the same tree", async () => {
    const scripts = writeTree({ "main.ts": "export function init(): void {}\n" });
    const [first, second] = [out("a.pak"), out("b.pak")];
    await cli(["pack", scripts, "-o", first]);
    await cli(["pack", scripts, "-o", second]);
    assert.deepEqual(readFileSync(first), readFileSync(second));
  });

  it("stops on a script that does not compile, naming the file and line", async () => {
    const scripts = writeTree({ "main.ts": 'import "left-pad";\n' });
    const packed = await cli(["pack", scripts, "-o", out("bad.pak")]);
    assert.equal(packed.code, 1);
    assert.match(packed.stderr, /main\.ts:1:\d+: "left-pad" is not a file of the script tree/);
  });

  it("packs a folder without main.ts as it is", async () => {
    const pak = out("assets.pak");
    const packed = await cli(["pack", writeTree({ "rules.json": "{}" }), "-o", pak]);
    assert.match(packed.stdout, /^packed 1 files from .* into .*assets\.pak/m);
    assert.doesNotMatch(packed.stdout, /compiled/);
    assert.deepEqual(treeFromPak(readFileSync(pak), pak).keys(), ["rules.json"]);
  });
});
