/**
 * Script budgets (SPEC 14): a call into a script that runs past
 * `scriptBudgetMs` is stopped, logged as "script ran past its budget of
 * <ms> ms in <phase>" and counted like an exception, and the engine ticks
 * on: runaway code in top-level code, each phase, a resumed await, a timer,
 * a microtask chain and an Epitaph loop, each followed by normal ticks and
 * a clean exit. The suite runs sandboxed too (test/engine/sandbox/suites),
 * where a stopped call also names the frames it was stopped in.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runScript } from "../helpers/engine.js";

const BUDGET_MS = 100;

/** The lines logged, each cut at its first frame: in the sandbox a stopped call also names the frames it was stopped in. */
function headlines(lines: readonly string[]): string[] {
  return lines.map((line) => line.split("\n")[0]?.replace(/ at [^ ]+ \([^)]*\)(?= \(repeated)/, "") ?? "");
}

/** Runs `files` for `ticks` ticks with the small budget; resolves with the lines logged once the engine has finished. */
async function runToEnd(files: Record<string, string>, ticks: number, headless = true) {
  const run = await runScript(files, { scriptBudgetMs: BUDGET_MS, headless, tickRate: 50 }, undefined, ticks);
  const code = await run.engine.finished;
  return { ...run, code };
}

/** A tick() that prints its count from tick `from` on: the proof that normal ticks follow. */
const TICKS_ON = `let count = 0;
export function tick() { count++; if (count >= 4) print("tick", count); }
`;

/** Runs `main` for 5 ticks: its runaway call is stopped `where`, the engine ticks on and exits 0. */
async function expectStoppedThenTicks(main: string, where: string): Promise<void> {
  const run = await runToEnd({ "main.ts": main }, 5);
  const lines = headlines(run.lines);
  assert.equal(run.code, 0);
  assert.equal(lines[0], `[server:error] script ran past its budget of ${BUDGET_MS} ms ${where}`);
  assert.ok(lines.includes("[server] tick 5"), lines.join("\n"));
}

describe("script budgets", () => {
  test("a runaway tick() costs one budget per tick, counted, while the engine ticks on and exits cleanly", async () => {
    const run = await runToEnd({ "main.ts": `export function tick() { while (true) {} }\n` }, 3);
    const { engine, code } = run;
    const lines = headlines(run.lines);
    assert.equal(code, 0);
    assert.equal(engine.ticks, 3);
    assert.equal(lines[0], `[server:error] script ran past its budget of ${BUDGET_MS} ms in tick()`);
    assert.match(lines.join("\n"), /in tick\(\) \(repeated 2 more times\)/);
    assert.equal(engine.errorCount, 3, "each stopped call counts like an exception");
  });

  for (const phase of ["init", "draw", "shutdown"] as const) {
    test(`a runaway ${phase}() is stopped and the other phases still run`, async () => {
      const run = await runToEnd({ "main.ts": `${TICKS_ON}export function ${phase}() { for (;;) {} }\n` }, 5, false);
      const { code } = run;
      const lines = headlines(run.lines);
      assert.equal(code, 0);
      assert.ok(lines.includes(`[server:error] script ran past its budget of ${BUDGET_MS} ms in ${phase}()`), lines.join("\n"));
      assert.ok(lines.includes("[server] tick 5"), lines.join("\n"));
    });
  }

  test("runaway top-level code is stopped at load: a load failure, so no phase runs and the engine stops with exit code 1", async () => {
    const run = await runToEnd({ "main.ts": `${TICKS_ON}while (1 < 2) {}\n` }, 5);
    const { code } = run;
    const lines = headlines(run.lines);
    assert.equal(code, 1);
    assert.equal(lines[0], `[server:error] script ran past its budget of ${BUDGET_MS} ms at load`);
    assert.ok(!lines.includes("[server] tick 1"), lines.join("\n"));
  });

  test("a resumed await that runs away is stopped in async code", async () => {
    const run = await runToEnd(
      { "main.ts": `${TICKS_ON}await Event.OnTick;\nawait Event.OnTick;\nprint("resumed");\nfor (;;) {}\n` },
      5,
    );
    const { code } = run;
    const lines = headlines(run.lines);
    assert.equal(code, 0);
    assert.deepEqual(lines.slice(0, 2), ["[server] resumed", `[server:error] script ran past its budget of ${BUDGET_MS} ms in async code`]);
    assert.ok(lines.includes("[server] tick 5"), lines.join("\n"));
  });

  test("a runaway timer callback is stopped in a timer", async () => {
    const run = await runToEnd({ "main.ts": `${TICKS_ON}setTimeout(() => { for (;;) {} }, 0);\n` }, 5);
    const { code } = run;
    const lines = headlines(run.lines);
    assert.equal(code, 0);
    assert.ok(lines.includes(`[server:error] script ran past its budget of ${BUDGET_MS} ms in a timer`), lines.join("\n"));
    assert.ok(lines.includes("[server] tick 5"), lines.join("\n"));
  });

  test("an endless chain of promise reactions counts against the call that started it", async () => {
    const main = `${TICKS_ON}export function init() { const again = (): Promise<void> => Promise.resolve().then(again); void again(); }\n`;
    await expectStoppedThenTicks(main, "in init()");
  });

  test("an endless chain of queueMicrotask callbacks is stopped too", async () => {
    const main = `${TICKS_ON}export function init() { const again = () => queueMicrotask(again); again(); }\n`;
    await expectStoppedThenTicks(main, "in init()");
  });

  test("a call under its budget runs to its end, host calls included", async () => {
    const main = `export function init() { const start = performance.now(); while (performance.now() - start < ${BUDGET_MS / 4}) access("sys"); print("done"); }\n`;
    const { lines, engine, code } = await runToEnd({ "main.ts": main }, 2);
    assert.equal(code, 0);
    assert.deepEqual(lines, ["[server] done"]);
    assert.equal(engine.errorCount, 0);
  });

  test("an Epitaph `sustain active { }` in tick is stopped each tick; later phases run", async () => {
    const main = `access <log>
let running = active
let count = 0
phase tick(dt) {
  count = count + 1
  when count == 2 { sustain running { } }
  when count >= 4 { log.info("tick", count) }
}
`;
    const run = await runToEnd({ "main.ep": main }, 5);
    const { code } = run;
    const lines = headlines(run.lines);
    assert.equal(code, 0);
    assert.ok(lines.includes(`[server:error] script ran past its budget of ${BUDGET_MS} ms in tick()`), lines.join("\n"));
    assert.ok(lines.includes("[ep:info] tick 5"), lines.join("\n"));
  });

  test("a budget that is not a positive whole number is refused with the key's name", async () => {
    await assert.rejects(runScript({ "main.ts": "" }, { scriptBudgetMs: 0 }), /option "scriptBudgetMs" must be a whole number of milliseconds above 0, not 0/);
  });
});
