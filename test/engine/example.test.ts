/**
 * The example game and the script typings: the arena's scripts and a file of
 * type-level cases compile against `tickwire/script` with the scripts' own
 * tsconfig (no DOM, no Node), and `npm start`'s launcher plays a short game
 * with a real server process and three bot processes and exits 0.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));
const run = promisify(execFile);
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url));

for (const project of ["examples/arena/scripts", "test/engine/typings/scripts"]) {
  test(`${project} type-checks against tickwire/script`, async () => {
    const result = await run(process.execPath, [tsc, "-p", `${project}/tsconfig.json`], { cwd: root }).catch((error) => error);
    assert.equal(result.code ?? 0, 0, `${result.stdout}${result.stderr}`);
  });
}

test("the arena plays: a server and three bots from one .pak (one on UDP snapshots), then a summary", async () => {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "examples/arena/play.ts", "--seconds", "2"], {
    cwd: root,
    timeout: 90_000,
  });
  assert.match(stdout, /^packed \d+ script files into .*scripts\.pak$/m);
  assert.match(stdout, /^\[server:info\] bot-3 joined over ws$/m);
  assert.match(stdout, /^arena: 3 players, 2 s of play$/m);
  assert.match(stdout, /^server: \d+ messages in, \d+ out/m);
  assert.equal(stdout.match(/\d+ ticks/g)?.length, 1, "the tick count is printed once, by the server as it stops");
  assert.match(stdout, /^\[server:info\] stopped after \d+ ticks; 3 players played$/m);
  assert.doesNotMatch(stdout, /against 0 bots/);
  for (const [bot, via] of [["bot-1", "tcp"], ["bot-2", "tcp"], ["bot-3", "ws"]]) {
    assert.match(stdout, new RegExp(`^${bot}\\s+${via}\\s+\\d+\\s+[1-9]\\d*\\s+[1-9]\\d*\\s+.*ms\\s+\\d+\\.\\d ms$`, "m"));
  }
  assert.match(stdout, /^round trip over [1-9]\d* pings: p50 \d+\.\d ms, p99 \d+\.\d ms$/m);
  assert.match(stdout, /^bot-2 snapshots over UDP: [1-9]\d* datagrams, \d+ lost \(\d+\.\d%\), \d+ late and ignored$/m);
});
