/**
 * The Epitaph script host in the engine: a tree whose entry is `main.ep`
 * runs in the same `Engine` as TypeScript trees. Roles become the symbols
 * `:client`, `:server` and `:offline_singleplayer`; `draw()` runs only with
 * a window; `access <...>` reaches the engine's modules (`net`, `json`,
 * `assets`, installed ones); `sys.exit` stops after the current tick and
 * `sys.warp` reaches the host program; two engines on one tree share no
 * state; a folder and its `.pak` run the same.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { epitaphHost, openTree, writePak, type RuntimeRole } from "../../src/engine/index.js";
import { engineForTest, runScript, writeTree } from "../helpers/engine.js";

/** Runs `files` for exactly `ticks` ticks and returns the lines written once the engine has stopped. */
async function linesOf(files: Record<string, string>, config: Parameters<typeof runScript>[1] = {}, ticks = 0, setup?: Parameters<typeof runScript>[2]) {
  const run = await runScript(files, config, setup, ticks);
  const code = await run.engine.finished;
  return { ...run, code };
}

const COUNTER = `access <log>
let count = 0
let seen = []
phase tick(dt) {
    count = count + 1
    append(seen, count)
}
phase draw() { log.debug("draw", count) }
phase shutdown() { log.info("count", count, "seen", seen) }
`;

describe("the Epitaph host", () => {
  test("sys.runtime_role() is a symbol per role, sys.is_headless() follows the config", async () => {
    const script = { "main.ep": "access <sys>\naccess <log>\nlog.info(sys.runtime_role(), sys.is_headless(), sys.runtime_role() == :server)\n" };
    const roles: [RuntimeRole, boolean, string][] = [
      ["client", false, "[ep:info] :client dormant dormant"],
      ["server", true, "[ep:info] :server active active"],
      ["offline_singleplayer", false, "[ep:info] :offline_singleplayer dormant dormant"],
    ];
    for (const [runtimeRole, headless, expected] of roles) {
      const { lines, code } = await linesOf(script, { runtimeRole, headless });
      assert.deepEqual(lines, [expected]);
      assert.equal(code, 0);
    }
    const typescript = await linesOf({ "main.ts": 'print(access("sys").runtime_role());' }, { runtimeRole: "offline_singleplayer" });
    assert.deepEqual(typescript.lines, ["[offline_singleplayer] offline_singleplayer"], "TypeScript scripts see the third role as text");
  });

  test("draw() follows each tick only with a window; log levels reach the engine's output at their level", async () => {
    const windowed = await linesOf({ "main.ep": COUNTER }, { headless: false }, 2);
    assert.deepEqual(windowed.entries, [
      { level: "debug", line: "[ep:debug] draw 1" },
      { level: "debug", line: "[ep:debug] draw 2" },
      { level: "info", line: "[ep:info] count 2 seen [1, 2]" },
    ]);
    const headless = await linesOf({ "main.ep": COUNTER }, { headless: true }, 2);
    assert.deepEqual(headless.lines, ["[ep:info] count 2 seen [1, 2]"]);
    const levels = await linesOf({ "main.ep": 'access <log>\nlog.warn("w")\nlog.error("e", 1)\nlog.info()\n' });
    assert.deepEqual(levels.entries, [
      { level: "warn", line: "[ep:warn] w" },
      { level: "error", line: "[ep:error] e 1" },
      { level: "info", line: "[ep:info]" },
    ]);
  });

  test("access gives the engine's net, json and assets and the host program's own modules", async () => {
    const script = `access <net>
access <json>
access <assets>
access <launch>
access <log>
let rules = json.decode(assets.read_text("rules.json"))
log.info(rules.speed, launch.port, launch.greet("ep"), net.status(424242), json.encode([1, "a"]))
log.info(assets.list(), assets.exists("nope"))
`;
    const assets = writeTree({ "rules.json": '{ "speed": 4 }', "maps/a.txt": "." });
    const { lines } = await linesOf({ "main.ep": script }, {}, 0, (engine) => {
      engine.installNetwork();
      engine.installModule("launch", { port: 7777, greet: (name: string) => `hi ${name}` });
      void engine.mountAssets(assets);
    });
    assert.deepEqual(lines, ['[ep:info] 4 7777 hi ep void [1,"a"]', '[ep:info] ["maps/a.txt", "rules.json"] dormant']);
  });

  test("a module that is not installed fails the load with the engine's hint; no phase runs, exit code 1", async () => {
    const { engine, lines, code } = await linesOf({ "main.ep": 'access <log>\naccess <net>\nphase tick(dt) { log.info("tick") }\n' }, {}, 2);
    assert.deepEqual(lines, [
      "[server:error] script error at load: main.ep:2: access <net>: the network is not installed: the host program must call engine.installNetwork() before engine.start()",
      "[server:error] the scripts failed to load: no phase runs, and the engine stops with exit code 1",
    ]);
    assert.equal(engine.ticks, 0);
    assert.equal(code, 1);
  });

  test("sys.exit(code) stops after the current tick: the tick finishes, shutdown runs, the engine exits with the code", async () => {
    const script = `access <sys>
access <log>
let n = 0
phase tick(dt) {
    n = n + 1
    when n == 2 {
        sys.exit(4)
        log.info("the tick goes on after exit")
    }
}
phase shutdown() { log.info("shutdown after", n, "ticks") }
`;
    const { engine, lines, code } = await linesOf({ "main.ep": script }, {}, 100);
    assert.deepEqual(lines, ["[ep:info] the tick goes on after exit", "[ep:info] shutdown after 2 ticks"]);
    assert.equal(code, 4);
    assert.equal(engine.ticks, 2);
  });

  test("sys.warp hands symbols as sym:name and text as is to config.onWarp; without it, the request is logged", async () => {
    const warps: string[] = [];
    const script = { "main.ep": 'access <sys>\nsys.warp(:title_screen)\nsys.warp("level-2")\n' };
    await linesOf(script, { onWarp: (target) => void warps.push(target) });
    assert.deepEqual(warps, ["sym:title_screen", "level-2"]);
    const { lines, code } = await linesOf(script);
    assert.deepEqual(lines, [
      "[ep:info] sys.warp(:title_screen) requested: no scene host, nothing changes",
      "[ep:info] sys.warp(level-2) requested: no scene host, nothing changes",
    ]);
    assert.equal(code, 0);
  });

  test("two engines running the same .ep tree at once keep their own module-level state", async () => {
    const dir = writeTree({ "main.ep": COUNTER });
    const tree = openTree(dir);
    const runs = [engineForTest({ headless: true }), engineForTest({ headless: true })];
    await runs[0]!.engine.mountScripts(dir);
    await runs[1]!.engine.mountScripts(tree);
    await Promise.all([runs[0]!.engine.start({ ticks: 3 }), runs[1]!.engine.start({ ticks: 5 })]);
    await Promise.all(runs.map((run) => run.engine.finished));
    assert.deepEqual(runs[0]!.lines, ["[ep:info] count 3 seen [1, 2, 3]"]);
    assert.deepEqual(runs[1]!.lines, ["[ep:info] count 5 seen [1, 2, 3, 4, 5]"]);
  });

  test("a folder and its .pak run the same multi-file tree", async () => {
    const files = {
      "main.ep": `sector game
access <log>
access <assets>
access "lib/util"
let step = 0
phase init() { log.info("init", util.double(21), assets.read_text("scripts-note.txt")) }
phase tick(dt) {
    util.count = util.count + 1
    step = dt
}
phase shutdown() { log.info("ticks", util.count, "dt", floor(step * 1000), "ms") }
`,
      "lib/util.ep": "sector util\nlet count = 0\nphase double(x) {\n    return x * 2\n}\n",
      "notes.txt": "not a script",
    };
    const dir = writeTree(files);
    const pak = join(mkdtempSync(join(tmpdir(), "tickwire-ep-pak-")), "scripts.pak");
    writePak(dir, pak);
    const assets = writeTree({ "scripts-note.txt": "note" });
    const outputs: string[][] = [];
    for (const tree of [dir, pak]) {
      const run = engineForTest({ tickRate: 50 });
      await run.engine.mountScripts(tree);
      await run.engine.mountAssets(assets);
      await run.engine.start({ ticks: 3 });
      await run.engine.finished;
      outputs.push(run.lines);
    }
    assert.deepEqual(outputs[0], ["[ep:info] init 42 note", "[ep:info] ticks 3 dt 20 ms"]);
    assert.deepEqual(outputs[1], outputs[0]);
  });

  test("the entry picks the language: main.ts before main.ep by default, config.scriptHosts to choose", async () => {
    const both = { "main.ts": 'print("typescript");', "main.ep": 'access <log>\nlog.info("epitaph")\n' };
    assert.deepEqual((await linesOf(both)).lines, ["[server] typescript"]);
    assert.deepEqual((await linesOf(both, { scriptHosts: [epitaphHost] })).lines, ["[ep:info] epitaph"]);
  });
});
