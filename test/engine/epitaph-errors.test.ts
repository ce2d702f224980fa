/**
 * Errors of Epitaph trees in the engine: every parse error of every `.ep`
 * file refuses the mount with `file:line:col` and what was expected; a
 * runtime error aborts only the current phase call, is logged with the
 * script's `file:line` (and the call sites it passed through), the engine
 * keeps ticking, and the same error every tick is counted by the engine's
 * reporter; a failure in top-level code is reported at load and stops the
 * engine with exit code 1.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ScriptLoadError } from "../../src/engine/index.js";
import { engineForTest, runScript, writeTree } from "../helpers/engine.js";

describe("Epitaph errors in the engine", () => {
  test("a parse error in any .ep file, imported or not, refuses the mount with every problem", async () => {
    const dir = writeTree({
      "main.ep": 'access <log>\nphase tick(dt) {\n    log.info("x"\n}\n',
      "lib/unused.ep": "let = 3\n",
      "lib/fine.ep": "let ok = 1\n",
    });
    const { engine } = engineForTest();
    const error = await engine.mountScripts(dir).then(
      () => assert.fail("the mount must be refused"),
      (reason: unknown) => reason,
    );
    assert.ok(error instanceof ScriptLoadError);
    assert.deepEqual(error.problems, [
      'main.ep:4:1: expected "," or ")" opened at 3:13, found "}" on a new line',
      'lib/unused.ep:1:5: expected a variable name after "let", found "="',
    ]);
    assert.equal(error.message, `cannot load the scripts of ${dir}:\n  ${error.problems.join("\n  ")}`);
    await assert.rejects(engine.start(), /start\(\) needs a script tree/);
  });

  test("a runtime error aborts the phase call, is logged with file:line and its call site, and repeats are counted", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ep": `access <log>
access "lib/rules"
let n = 0
phase tick(dt) {
    n = n + 1
    log.info("tick", n)
    when n >= 2 { rules.check(n) }
    log.info("after", n)
}
phase shutdown() { log.info("still counting:", n) }
`,
        "lib/rules.ep": "phase check(n) {\n    return n - \"one\"\n}\n",
      },
      {},
      undefined,
      4,
    );
    await engine.finished;
    const headline = '[server:error] script error in tick(): lib/rules.ep:2: cannot apply "-" to int and text';
    const repeats = lines.filter((text) => text.includes("(repeated"));
    assert.deepEqual(lines.filter((text) => !repeats.includes(text)), [
      "[ep:info] tick 1",
      "[ep:info] after 1",
      "[ep:info] tick 2",
      `${headline}\n    called from main.ep:7`,
      "[ep:info] tick 3",
      "[ep:info] tick 4",
      "[ep:info] still counting: 4",
    ]);
    const counted = repeats.map((text) => {
      assert.ok(text.startsWith(`${headline} called from main.ep:7 (repeated `), text);
      return text.endsWith("once more)") ? 1 : Number(/(\d+) more times\)$/.exec(text)?.[1]);
    });
    assert.equal(counted.reduce((sum, count) => sum + count, 0), 2);
    assert.equal(engine.errorCount, 3);
  });

  test("a host function's exception is a runtime error at the calling line, with the host's message", async () => {
    const { engine, lines } = await runScript(
      { "main.ep": "access <clock>\naccess <log>\nphase init() {\n    log.info(clock.now())\n}\n" },
      {},
      (e) => e.installModule("clock", { now: () => { throw new RangeError("clock is broken"); } }),
      1,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server:error] script error in init(): main.ep:4: host error: clock is broken"]);
  });

  test("a failure in top-level code is reported at load; no phase runs, and the engine stops with exit code 1", async () => {
    const { engine, lines } = await runScript(
      { "main.ep": 'access <log>\nlet a = 1\nlet b = a - "x"\nphase tick(dt) { log.info("tick", b) }\nphase shutdown() { log.info("bye") }\n' },
      {},
      undefined,
      3,
    );
    assert.equal(await engine.finished, 1);
    assert.deepEqual(lines, [
      '[server:error] script error at load: main.ep:3: cannot apply "-" to int and text',
      "[server:error] the scripts failed to load: no phase runs, and the engine stops with exit code 1",
    ]);
    assert.equal(engine.ticks, 0);
  });
});
