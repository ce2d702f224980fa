/**
 * The one-line failure for a missing Debian program: a test file whose tests
 * each need one program (test/fixtures/needs-programs.ts) is run by Node's
 * test runner in a child process whose PATH holds none of them, as `npm test`
 * would run on a machine without them; every test fails, with a line naming
 * the program and the command that installs it, and the run exits 1. Also
 * `requireProgram` and `requirePythonModule` on this machine, which has them.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ROOT } from "./cli.js";
import { requireProgram, requirePythonModule } from "./processes.js";

const PROGRAMS: [string, string][] = [
  ["socat", "socat"],
  ["python3", "python3"],
  ["openssl", "openssl"],
  ["nginx", "nginx"],
  ["chromium", "chromium"],
  ["redis-server", "redis-server"],
  ["nats-server", "nats-server"],
  ["unshare", "util-linux"],
];

describe("requireProgram", () => {
  it("fails each test that needs a missing program with one line naming it and its install command", () => {
    const emptyPath = mkdtempSync(join(tmpdir(), "tickwire-empty-path-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-reporter=tap", "test/fixtures/needs-programs.ts"], {
      cwd: ROOT,
      env: { ...process.env, PATH: emptyPath, NODE_TEST_CONTEXT: undefined },
      encoding: "utf8",
      timeout: 120_000,
    });
    const output = run.stdout + run.stderr;
    assert.equal(run.status, 1, output);
    for (const [program, pkg] of PROGRAMS) {
      const line = `missing program: ${program} (install: apt-get install -y ${pkg})`;
      assert.ok(output.includes(line), `expected "${line}" in:\n${output}`);
    }
    assert.match(output, /# fail 8/);
  });

  it("returns the path of a program that is installed, and checks a python3 module", () => {
    assert.match(requireProgram("socat"), /\/socat$/);
    assert.equal(requireProgram(process.execPath), process.execPath);
    assert.match(requirePythonModule("websockets"), /\/python3$/);
    assert.throws(() => requirePythonModule("tickwire_no_such_module"), {
      message: "missing program: python3-tickwire_no_such_module (install: apt-get install -y python3-tickwire_no_such_module)",
    });
  });
});
