/**
 * `tickwire run --script-budget <ms>` and `--sandbox [--script-memory <MiB>]`
 * as a user runs them: a tick() stuck in `while (true) {}` is stopped each
 * tick with the budget named in the log, the run still ends on `--ticks` and
 * on SIGINT (running shutdown() first); a sandboxed run sees no `process`
 * and its memory hog is stopped at the cap; bad values are refused.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { cli, startCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const STUCK = `let ticks = 0;
export function tick() { ticks++; if (ticks === 2) print("stuck from now on"); if (ticks >= 2) while (true) {} }
export function shutdown() { print("shutdown after", ticks, "ticks"); }
`;

describe("tickwire run --script-budget, --sandbox, --script-memory", () => {
  test("a stuck tick() costs one budget per tick and --ticks still ends the run", async () => {
    const ended = await cli(["run", writeTree({ "main.ts": STUCK }), "--role", "server", "--script-budget", "50", "--ticks", "4"]);
    assert.equal(ended.code, 0, ended.stderr);
    assert.equal(ended.stdout, "[server] stuck from now on\n[server] shutdown after 4 ticks\n");
    assert.match(ended.stderr, /^\[server:error\] script ran past its budget of 50 ms in tick\(\)\n/);
    assert.match(ended.stderr, /in tick\(\) \(repeated 2 more times\)\n$/);
  });

  test("SIGINT stops a run whose tick() is stuck, after shutdown()", async () => {
    const run = startCli(["run", writeTree({ "main.ts": STUCK }), "--role", "server", "--script-budget", "200"]);
    await run.line(/script ran past its budget of 200 ms in tick\(\)/);
    const ended = await run.stop("SIGINT");
    assert.equal(ended.code, 0, ended.stderr);
    assert.match(ended.stdout, /\[server\] shutdown after \d+ ticks\n$/);
  });

  test("--sandbox --script-memory: no process inside, and a hog is stopped at the cap while the run goes on", async () => {
    const main = `let ticks = 0;
print("process is", typeof (globalThis as any).process);
export function tick() { ticks++; if (ticks === 2) { const hog: string[] = []; for (let i = 0; ; i++) hog.push("x".repeat(1000) + i); } }
export function shutdown() { print("shutdown after", ticks, "ticks"); }
`;
    const args = ["run", writeTree({ "main.ts": main }), "--role", "server", "--sandbox", "--script-memory", "16", "--ticks", "4"];
    const ended = await cli(args);
    assert.equal(ended.code, 0, ended.stderr);
    assert.equal(ended.stdout, "[server] process is undefined\n[server] shutdown after 4 ticks\n");
    assert.match(ended.stderr, /^\[server:error\] script out of memory in tick\(\)\n    at tick \(main\.ts:3:\d+\)\n$/);
  });

  test("--script-memory without --sandbox is refused", async () => {
    const ended = await cli(["run", writeTree({ "main.ts": STUCK }), "--role", "server", "--script-memory", "16"]);
    assert.equal(ended.code, 2, ended.stderr);
    assert.match(ended.stderr, /--script-memory caps the sandbox's heap: it needs --sandbox/);
  });

  test("a budget that is not a whole number above 0 is refused", async () => {
    const ended = await cli(["run", writeTree({ "main.ts": STUCK }), "--role", "server", "--script-budget", "0"]);
    assert.equal(ended.code, 2, ended.stderr);
    assert.match(ended.stderr, /--script-budget must be a whole number above 0, not "0"/);
  });
});
