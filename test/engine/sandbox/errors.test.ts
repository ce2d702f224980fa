/**
 * Script errors in the sandbox are reported as outside it: once, with their
 * frames mapped to the tree's own files and lines (QuickJS places columns
 * and words messages its own way, so only lines are pinned here), and a
 * value thrown from the host back into the script arrives as an Error of the
 * script's world that it can catch. A call stopped at its budget names the
 * frames it was stopped in, mapped the same way.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runScript } from "../../helpers/engine.js";

describe("errors in the sandbox", () => {
  test("a throw in tick() names the .ts files and lines of its frames, once, then counts repeats", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `import { explode } from "./lib/util";\nexport function tick() {\n  explode("tick");\n}\n`,
        "lib/util.ts": `export function explode(what: string): never {\n  throw new Error("exploded: " + what);\n}\n`,
      },
      { sandbox: true },
      undefined,
      3,
    );
    await engine.finished;
    assert.match(lines[0] ?? "", /^\[server:error\] script error in tick\(\): Error: exploded: tick\n    at explode \(lib\/util\.ts:2:\d+\)\n    at tick \(main\.ts:3:\d+\)$/);
    assert.equal(engine.errorCount, 3);
  });

  test("an error a module raises is caught inside as an Error of the script's own", async () => {
    const main = `try { access("nope"); } catch (error) { print(error instanceof Error, (error as Error).message.startsWith('access("nope")')); }\n`;
    const { engine, lines } = await runScript({ "main.ts": main }, { sandbox: true }, undefined, 0);
    await engine.finished;
    assert.deepEqual(lines, ["[server] true true"]);
  });

  test("a call stopped at its budget names the script frames it was stopped in", async () => {
    const main = `function spin() {\n  for (;;) {}\n}\nexport function tick() {\n  spin();\n}\n`;
    const { engine, lines } = await runScript({ "main.ts": main }, { sandbox: true, scriptBudgetMs: 50 }, undefined, 1);
    await engine.finished;
    assert.match(lines[0] ?? "", /^\[server:error\] script ran past its budget of 50 ms in tick\(\)\n    at spin \(main\.ts:[12]:\d+\)\n    at tick \(main\.ts:5:\d+\)$/);
  });
});
