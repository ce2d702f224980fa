/**
 * `tickwire check <tree>` as editors and CI run it: every problem of a broken
 * Epitaph tree (each `.ep` file, imported or not) on stdout as
 * `file:line:col: text`, the same from a folder and its `.pak`, exit 1; a
 * clean tree exits 0; a TypeScript tree reports esbuild's errors, and with
 * `--types` the compiler's (the README's settings or the tree's own
 * tsconfig.json); `--help`,
 * a bad command line and a tree without an entry.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { cli, ROOT } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

/** The script globals' typings, for a tsconfig of a tree outside the repository. */
const SCRIPT_TYPINGS = join(ROOT, "src/script/index.ts");

const BROKEN = {
  "main.ep": 'access <log>\naccess "util"\nphase tick(dt) {\n    when dt > {\n        log.info("x")\n    }\n}\n',
  "util.ep": "phase twice(x) {\n    return x * 2\n",
  "tools/unused.ep": "let = 1\nlet ok = 2\ninspect ok { 1 => }\n",
  "readme.txt": "not a script -- ignored",
};

const PROBLEMS =
  'main.ep:4:15: expected an expression, found "{"\n' +
  'util.ep:3:1: expected "}" to close the block opened at 1:16, found end of file\n' +
  'tools/unused.ep:1:5: expected a variable name after "let", found "="\n' +
  'tools/unused.ep:3:19: expected "{" to start the body of the inspect arm, found "}"\n';

describe("tickwire check", () => {
  test("a broken Epitaph tree: every problem of every .ep file on stdout, exit 1, the same from its .pak", async () => {
    const dir = writeTree(BROKEN);
    const fromFolder = await cli(["check", dir]);
    assert.equal(fromFolder.code, 1, fromFolder.stderr);
    assert.equal(fromFolder.stdout, PROBLEMS);
    assert.equal(fromFolder.stderr, `tickwire check: 4 problems in ${dir}\n`);
    const pak = join(mkdtempSync(join(tmpdir(), "tickwire-check-")), "broken.pak");
    assert.equal((await cli(["pack", dir, "-o", pak])).code, 0);
    const fromPak = await cli(["check", pak]);
    assert.equal(fromPak.code, 1);
    assert.equal(fromPak.stdout, PROBLEMS);
  });

  test("a clean tree exits 0: the seed-style Epitaph tree and a TypeScript tree", async () => {
    const epitaph = writeTree({ "main.ep": "access <net>\naccess <log>\nphase tick(dt) {\n}\n", "lib/a.ep": "let a = 1\n" });
    const clean = await cli(["check", epitaph]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, `${epitaph} (main.ep): no problems\n`);
    const typescript = writeTree({ "main.ts": "export function tick(dt: number) {}\n" });
    assert.equal((await cli(["check", typescript])).stdout, `${typescript} (main.ts): no problems\n`);
  });

  test("an Epitaph tree: unknown modules, undeclared names and phases called with the wrong arguments, each at file:line", async () => {
    const dir = writeTree({
      "main.ep": 'access <log>\naccess <math>\naccess <gfx>\naccess "util"\nlet score = 0\nphase tick(dt) {\n    scroe = score + 1\n    util.twice(1, 2)\n    log.info(math.floor(dt), string.trim(" x "))\n}\n',
      "util.ep": "access <strng>\nphase twice(x) {\n    return x * 2\n}\n",
    });
    const result = await cli(["check", dir]);
    assert.equal(result.code, 1, result.stderr);
    assert.deepEqual(result.stdout.trimEnd().split("\n").map((line) => line.replace(/ \(known: [^)]*\)$/, "")), [
      "util.ep:1:1: access <strng>: no module strng",
      "main.ep:3:1: access <gfx>: no module gfx",
      "main.ep:7:5: cannot assign to undeclared variable scroe (declare it first with let scroe = ...; did you mean score?)",
      "main.ep:8:15: phase util.twice takes 1 argument, got 2",
      "main.ep:9:30: string is not declared: no variable, phase, module or builtin has that name",
    ]);
    assert.match(result.stdout, /\(known: assets, bytes, fmt, json, list, log, math, net, network, string, sys, time, vec\)/);
    const withGfx = await cli(["check", dir, "--module", "gfx", "--module", "strng=strings.json"]);
    assert.equal(withGfx.stdout.split("\n").filter((line) => line.includes("no module")).length, 0, withGfx.stdout);
  });

  test("a TypeScript tree reports esbuild's errors at their file, line and column", async () => {
    const dir = writeTree({ "main.ts": 'import { x } from "./lib";\nprint(x);\n', "lib.ts": "export const x = ;\n" });
    const result = await cli(["check", dir]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, 'lib.ts:1:18: Unexpected ";"\n');
  });

  test("--types type-checks a TypeScript folder with the README's settings: file:line:col and the message, exit 1", async () => {
    const tree = writeTree({ "main.ts": `import { speed } from "./lib";\nexport function tick(dt: number) { access("net").tcp_send(1, speed * dt); }\n`, "lib.ts": "export const speed = 2;\n" });
    const plain = await cli(["check", tree]);
    assert.equal(plain.code, 0, plain.stderr);
    const typed = await cli(["check", tree, "--types"]);
    assert.equal(typed.code, 1);
    assert.equal(typed.stdout, "main.ts:2:62: Argument of type 'number' is not assignable to parameter of type 'string'.\n");
    const fixed = writeTree({ "main.ts": `export function tick(dt: number) { access("log").info(dt, new TextEncoder().encode("x").length); }\n` });
    const clean = await cli(["check", fixed, "--types"]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /no problems, types included\n$/);
  });

  test("--types uses the folder's own tsconfig.json when it has one", async () => {
    const source = `export function tick(dt: number) { const unused = 1; access("log").info(dt); }\n`;
    const strict = { compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", skipLibCheck: true, strict: true, noEmit: true, noUnusedLocals: true, lib: ["ES2022"], types: [] }, include: ["*.ts", SCRIPT_TYPINGS] };
    const result = await cli(["check", writeTree({ "main.ts": source, "tsconfig.json": JSON.stringify(strict) }), "--types"]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "main.ts:1:42: 'unused' is declared but its value is never read.\n");
    assert.equal((await cli(["check", writeTree({ "main.ts": source }), "--types"])).code, 0);
  });

  test("--help, a bad command line, a missing tree and a tree without an entry", async () => {
    const help = await cli(["check", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: tickwire check <scripts dir or \.pak> \[--types\] \[--module <name>\]\.\.\.\n/);
    assert.match((await cli(["--help"])).stdout, /^ {2}check {2}report every problem that stops a script tree from loading/m);
    const usage = await cli(["check"]);
    assert.equal(usage.code, 2);
    assert.equal(usage.stderr, 'tickwire check: expected exactly one script tree (a folder or a .pak)\nRun "tickwire check --help" for usage.\n');
    const missing = await cli(["check", "/nonexistent/tree"]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, "tickwire check: /nonexistent/tree does not exist: expected a folder or a .pak file\n");
    const noEntry = writeTree({ "game.ep": "let a = 1\n" });
    const entryless = await cli(["check", noEntry]);
    assert.equal(entryless.code, 1);
    assert.equal(entryless.stderr, `tickwire check: ${noEntry} has no main.ts or main.ep at its root\n`);
  });
});
