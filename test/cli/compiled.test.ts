/**
 * The `bin` a user installs runs on plain `node`: the CLI compiled with the
 * package's build config (into a folder of its own, so the repository's
 * dist/ is left alone) packs a tree and runs it without tsx.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { promisify } from "node:util";
import { cli, ROOT } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const run = promisify(execFile);

test("the compiled CLI packs and runs a tree under plain node", async () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  assert.equal(manifest.bin.tickwire, "./dist/cli/main.js");
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  const out = mkdtempSync(join(ROOT, ".tmp", "cli-build-"));
  after(() => rmSync(out, { recursive: true, force: true }));
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", out, "--sourceMap", "false", "--noCheck"], { cwd: ROOT, timeout: 120_000 });
  const main = join(out, "cli", "main.js");
  assert.match(readFileSync(main, "utf8"), /^#!\/usr\/bin\/env node\n/);
  const tree = writeTree({ "main.ts": `export function tick(dt: number) { print("tick", dt); }` });
  const pak = join(mkdtempSync(join(ROOT, ".tmp", "cli-pak-")), "game.pak");
  after(() => rmSync(join(pak, ".."), { recursive: true, force: true }));
  const packed = await cli(["pack", tree, "-o", pak], [main]);
  assert.equal(packed.code, 0, packed.stderr);
  const result = await cli(["run", pak, "--role", "client", "--ticks", "2", "--tick-rate", "4"], [main]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "[client] tick 0.25\n[client] tick 0.25\n");
});
