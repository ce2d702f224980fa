/**
 * The engine's own script suites, run again with every engine sandboxed
 * (TICKWIRE_TEST_SANDBOX=1 for the test helpers, TICKWIRE_SANDBOX=1 for the
 * arena's programs): phases, modules, globals, Event.OnTick, isolation, the
 * network from scripts, trees, budgets, Epitaph, and the arena's game of a
 * server and three bots. Left out: errors.test.ts, whose expected texts are
 * V8's own (QuickJS words its errors and places its columns differently;
 * the mapping to the tree's files and lines is tested in errors.test.ts
 * here), and the browser suites, which have no sandbox.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const run = promisify(execFile);

const SUITES = [
  "budget", "epitaph-chat", "epitaph-errors", "epitaph-host", "epitaph-seed", "example", "lifecycle", "loop", "network", "scope", "trees",
].map((name) => `test/engine/${name}.test.ts`);

test("the engine's script suites and the arena pass with every engine sandboxed", async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, TICKWIRE_TEST_SANDBOX: "1", TICKWIRE_SANDBOX: "1" };
  delete env.NODE_TEST_CONTEXT; // a runner of its own, not a file of this one's
  const args = ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=dot", ...SUITES];
  const result = await run(process.execPath, args, { cwd: root, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `the sandboxed suites failed:\n${result.stdout}${result.stderr}`);
});
