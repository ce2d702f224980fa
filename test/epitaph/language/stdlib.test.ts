/** The sys and log modules the front end builds from the host. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EpitaphRuntimeError, loadEpitaphProgram } from "../../../src/epitaph/index.js";
import { load, logsOf, recordingHost } from "../helpers.js";

describe("epitaph log module", () => {
  it("prints [ep:level] and the arguments joined with spaces, through host.log with the level", () => {
    const levels: string[] = [];
    const { program, host } = load('access <log>\nphase run() {\nlog.info("Player HP:", 7, "/ ", 10)\nlog.warn("w")\nlog.error("e", 1.5)\nlog.debug()\n}');
    const original = host.log;
    host.log = (level, line) => (levels.push(level), original(level, line));
    program.call("run");
    assert.deepEqual(host.lines, ["[ep:info] Player HP: 7 /  10", "[ep:warn] w", "[ep:error] e 1.5", "[ep:debug]"]);
    assert.deepEqual(levels, ["info", "warn", "error", "debug"]);
  });

  it("formats every kind of value: text bare at top level, quoted inside structures", () => {
    const lines = logsOf('phase run() { log.info("t", 3, -0, 0.25, active, dormant, void, :sym, [1, "a", [void]], { k: "v", "a b": {} }, []) }', "run");
    assert.deepEqual(lines, ['[ep:info] t 3 0 0.25 active dormant void :sym [1, "a", [void]] { k: "v", "a b": {} } []']);
  });

  it("formats host values too: null as void, bytes by length, functions, cycles", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    const data = { get: () => [null, new Uint8Array(3), () => 1, cyclic] };
    assert.deepEqual(logsOf("access <data>\nphase run() { log.info(data.get()) }", "run", { modules: { data } }), [
      '[ep:info] [void, <bytes 3>, <function>, { name: "loop", self: {...} }]',
    ]);
  });
});

describe("epitaph sys module", () => {
  it("runtime_role() returns the symbol of the host's role; is_headless() the host's flag", () => {
    for (const role of ["client", "server", "offline_singleplayer"] as const) {
      const { program } = load("access <sys>\nphase r() { return [sys.runtime_role() == :" + role + ", text(sys.runtime_role()), sys.is_headless()] }", { role, headless: role === "server" });
      assert.deepEqual(program.call("r"), [true, `:${role}`, role === "server"]);
    }
  });

  it("exit() and exit(code) call host.exit; the script goes on to the end of the phase", () => {
    const { program, host } = load("access <sys>\nlet after = 0\nphase run() {\nsys.exit()\nsys.exit(3)\nafter = 1\nreturn after\n}");
    assert.equal(program.call("run"), 1);
    assert.deepEqual(host.exits, [undefined, 3]);
  });

  it("warp(:symbol) gives the host \"sym:name\", warp(text) the text", () => {
    const { program, host } = load('access <sys>\nphase run() {\nsys.warp(:title_screen)\nsys.warp("level_2")\n}');
    program.call("run");
    assert.deepEqual(host.warps, ["sym:title_screen", "level_2"]);
  });

  it("logs a warp request and returns void when the host has no scenes", () => {
    const { program, host } = load("access <sys>\nphase run() {\nreturn sys.warp(:menu)\n}", { warp: false });
    assert.equal(program.call("run"), undefined);
    assert.deepEqual(host.lines, ["[ep:info] sys.warp(:menu) requested: no scene host, nothing changes"]);
  });

  it("fails clearly on a bad exit code or a bad warp target", () => {
    const bad: [string, string, boolean][] = [
      ['sys.exit("x")', "main.ep:3: sys.exit: the exit code must be an int, got text", true],
      ["sys.warp(3)", "main.ep:3: sys.warp: expected a symbol or text, got int", true],
      ["sys.exit(1.5)", "main.ep:3: sys.exit: the exit code must be an int, got float", true],
    ];
    for (const [call, message, warp] of bad) {
      const { program } = load(`access <sys>\nphase run() {\n${call}\n}`, { warp });
      assert.throws(() => program.call("run"), (err: unknown) => err instanceof EpitaphRuntimeError && err.message === message, call);
    }
  });

  it("sys and log never reach host.access", () => {
    const asked: string[] = [];
    const host = recordingHost();
    host.access = (name) => {
      asked.push(name);
      throw new Error(`module ${name} is not installed`);
    };
    loadEpitaphProgram(new Map([["main.ep", "access <sys>\naccess <log>\nlog.info(sys.is_headless())"]]), host);
    assert.deepEqual([host.lines, asked], [["[ep:info] dormant"], []]);
  });
});
