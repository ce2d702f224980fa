/**
 * Script exceptions never take the engine down: thrown at load (then no
 * phase runs and the engine stops with exit code 1), in a phase,
 * in async code after an await, in a promise nothing awaits, or in a timer,
 * each is logged once with its stack mapped to the tree's own `.ts` files and
 * lines, the engine keeps ticking, and the same error every tick is counted
 * instead of printed each time.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { pollUntil } from "../helpers/poll.js";
import { runScript } from "../helpers/engine.js";

const UTIL = `export function explode(what: string): never {
  throw new Error("exploded: " + what);
}
`;

describe("script exceptions", () => {
  test("at load: logged first with the .ts file and line; no phase runs and the engine stops with exit code 1", async () => {
    const { engine, lines, line } = await runScript({
      "main.ts": `import { explode } from "./lib/util";
export function init() { print("init ran"); }
export function tick() { print("tick ran"); }
export function shutdown() { print("shutdown ran"); }
explode("at load");
`,
      "lib/util.ts": UTIL,
    });
    assert.equal(await engine.finished, 1);
    assert.equal(lines[0], "[server:error] script error at load: Error: exploded: at load\n    at explode (lib/util.ts:2:9)\n    at main.ts:5:1");
    assert.match(await line(/failed to load/), /no phase runs, and the engine stops with exit code 1/);
    assert.equal(lines.length, 2, lines.join("\n"));
    assert.equal(engine.ticks, 0);
  });

  test("a tree with no phase and no top-level loop gets one warning naming its exports and the phases", async () => {
    const { engine, lines, entries } = await runScript({ "main.ts": `export function Init() {}\nexport function update() {}\n` }, {}, undefined, 3);
    assert.equal(await engine.finished, 0);
    const warnings = entries.filter((entry) => entry.level === "warn");
    assert.equal(warnings.length, 1, lines.join("\n"));
    assert.equal(
      warnings[0]?.line,
      "[server:warn] the scripts define no phase and have no top-level loop, so nothing runs after load: they export Init, update; the phases are init, tick(dt), draw, shutdown",
    );
  });

  test("a top-level loop or a single phase gets no such warning", async () => {
    for (const source of [`while (true) { await Event.OnTick; }\n`, `export function tick() {}\n`]) {
      const { engine, entries } = await runScript({ "main.ts": source }, {}, undefined, 3);
      assert.equal(await engine.finished, 0);
      assert.deepEqual(entries.filter((entry) => entry.level === "warn"), [], source);
    }
  });

  test("in tick(): printed once, then counted, while the engine keeps ticking", async () => {
    const { engine, lines, line } = await runScript(
      {
        "main.ts": `export function tick() {
  const player: any = undefined;
  player.move();
}
`,
      },
      { tickRate: 100 },
    );
    await line(/repeated \d+ more times/);
    await pollUntil(() => engine.ticks >= 150, { what: "150 ticks" });
    await engine.stop();
    const full = lines.filter((text) => text.includes("\n    at tick (main.ts:3:10)"));
    assert.equal(full.length, 1, lines.join("\n"));
    assert.match(full[0] ?? "", /^\[server:error\] script error in tick\(\): TypeError: Cannot read properties of undefined \(reading 'move'\)/);
    const counts = lines.map((text) => /repeated (\d+) more times\)$/.exec(text)).filter((m) => m !== null);
    const total = 1 + counts.reduce((sum, match) => sum + Number(match[1]), 0);
    assert.equal(total, engine.ticks, "every repeat is counted");
    assert.ok(lines.length < 10, `a summary at most once a second, not a line per tick:\n${lines.join("\n")}`);
  });

  test("in async code after an await in top-level code", async () => {
    const { line } = await runScript({
      "main.ts": `import { explode } from "./lib/util";
await Event.OnTick;
await Event.OnTick;
explode("after two ticks");
`,
      "lib/util.ts": UTIL,
    });
    assert.match(await line(/exploded: after two ticks/), /script error in top-level code: Error: exploded: after two ticks\n    at explode \(lib\/util\.ts:2:9\)\n    at main\.ts:4:1$/);
  });

  // A promise nothing awaits is reported through the process's unhandledRejection event, which the test
  // runner also watches; test/cli/run.test.ts covers that case in a process of its own.
  test("in an async phase, a timer and a microtask", async () => {
    const { line } = await runScript({
      "main.ts": `import { explode } from "./lib/util";
let n = 0;
export async function tick() {
  n++;
  if (n === 1) { await Event.OnTick; explode("async tick"); }
  if (n === 2) { setTimeout(() => explode("timer"), 1); }
  if (n === 3) { queueMicrotask(() => explode("microtask")); }
}
`,
      "lib/util.ts": UTIL,
    });
    assert.match(await line(/exploded: async tick/), /script error in tick\(\): Error: exploded: async tick\n    at explode \(lib\/util\.ts:2:9\)\n    at tick \(main\.ts:5:38\)/);
    assert.match(await line(/exploded: timer/), /script error in a timer: Error: exploded: timer\n    at explode \(lib\/util\.ts:2:9\)\n    at main\.ts:6:35/);
    assert.match(await line(/exploded: microtask/), /script error in a microtask: Error: exploded: microtask\n    at explode \(lib\/util\.ts:2:9\)\n    at main\.ts:7:39/);
  });

  test("a thrown non-Error value and an error in shutdown() are logged too", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `export function init() { throw { code: 42 }; }
export function shutdown() { throw new RangeError("bye"); }`,
      },
      {},
      undefined,
      2,
    );
    assert.equal(await engine.finished, 0);
    assert.deepEqual(lines, [
      '[server:error] script error in init(): thrown value {"code":42}',
      "[server:error] script error in shutdown(): RangeError: bye\n    at shutdown (main.ts:2:36)",
    ]);
  });

  test("an error the runtime finds when compiling the bundle names the .ts line", async () => {
    const { line } = await runScript({ "main.ts": `print("first");\nprint(import.meta.url);\n` });
    assert.equal(await line(/script error at load/), "[server:error] script error at load: SyntaxError: Cannot use 'import.meta' outside a module\n    at main.ts:2:1");
  });

  test("a syntax error fails the mount with the file, line and column", async () => {
    await assert.rejects(
      runScript({ "main.ts": "export function tick() {\n  let x = ;\n}\n" }),
      /cannot load the scripts of .*:\n  main\.ts:2:11: Unexpected ";"/,
    );
  });
});
