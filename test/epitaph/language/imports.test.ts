/** Sectors and file imports (access "name") across a script tree, and checkEpitaphTree. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkEpitaphTree, compileEpitaphTree, EpitaphCompileError, loadEpitaphProgram } from "../../../src/epitaph/index.js";
import { recordingHost } from "../helpers.js";

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

function diagnostics(files: Record<string, string>): string[] {
  return checkEpitaphTree(tree(files)).map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
}

describe("epitaph file imports and sectors", () => {
  it("reaches an imported file's phases and variables through its sector name (default: the base name)", () => {
    const files = tree({
      "main.ep": 'access "battle_utils"\naccess "lib/geo"\nphase run() {\nbattle_utils.hits = battle_utils.hits + 1\nreturn [battle_utils.damage(10, 3), battle_utils.hits, geo.dist(3, 4)]\n}',
      "battle_utils.ep": "let hits = 0\nphase damage(atk, def) { return max(atk - def, 1) }",
      "lib/geo.ep": "sector geo\nphase dist(x, y) { return x * x + y * y }",
    });
    assert.deepEqual(loadEpitaphProgram(files, recordingHost()).call("run"), [7, 1, 25]);
  });

  it("merges files that declare the same sector: their names are used unqualified", () => {
    const files = tree({
      "main.ep": 'sector game\naccess "helpers"\nphase run() { return shout(greeting) }',
      "helpers.ep": 'sector game\nlet greeting = "hi"\nphase shout(t) { return t + "!" }',
    });
    assert.equal(loadEpitaphProgram(files, recordingHost()).call("run"), "hi!");
  });

  it("runs top-level statements once per file, imported files first, in access order", () => {
    const files = tree({
      "main.ep": 'access <log>\naccess "a"\naccess "b"\nlog.info("main")',
      "a.ep": 'access <log>\naccess "b"\nlog.info("a")',
      "b.ep": 'access <log>\nlog.info("b")',
    });
    const host = recordingHost();
    loadEpitaphProgram(files, host);
    assert.deepEqual(host.lines, ["[ep:info] b", "[ep:info] a", "[ep:info] main"]);
  });

  it("answers has/call for the entry sector, and sector.phase for any loaded sector", () => {
    const files = tree({ "main.ep": 'access "util"\nphase init() { }', "util.ep": "phase helper() { return 5 }" });
    const program = loadEpitaphProgram(files, recordingHost());
    assert.deepEqual([program.has("init"), program.has("helper"), program.has("util.helper"), program.has("game.init")], [true, false, true, true]);
    assert.equal(program.call("util.helper"), 5);
  });

  it("accepts another entry file; its sector defaults to game", () => {
    const files = tree({ "server.ep": "phase role() { return 1 }", "client.ep": "phase role() { return 2 }" });
    assert.equal(loadEpitaphProgram(files, recordingHost(), "client.ep").call("role"), 2);
    assert.equal(compileEpitaphTree(files, "server.ep").instantiate(recordingHost()).call("game.role"), 1);
  });

  it("keeps a sector's names private unless imported: an unimported sector is an undeclared name", () => {
    const files = tree({ "main.ep": 'access "a"\nphase run() { return b.x }', "a.ep": 'access "b"', "b.ep": "let x = 1" });
    assert.throws(() => loadEpitaphProgram(files, recordingHost()), /main\.ep:2:22: b is not declared/);
  });

  it("reports missing files, paths leaving the root, import cycles and clashes between files", () => {
    assert.deepEqual(diagnostics({ "main.ep": 'access "nope"\naccess "../x"' }), [
      'main.ep:1:1: access "nope": expected a file nope.ep in the script tree, found none',
      'main.ep:2:1: access "../x": expected a path inside the script root',
    ]);
    assert.deepEqual(diagnostics({ "main.ep": 'access "a"', "a.ep": 'access "b"', "b.ep": 'access "a"' }), [
      'b.ep:1:1: access "a": import cycle a.ep -> b.ep -> a.ep',
    ]);
    assert.deepEqual(diagnostics({ "main.ep": 'sector s\naccess "two"\nlet v = 1', "two.ep": "sector s\nphase v() { }" }), [
      'main.ep:3:1: "v" is already declared in sector s at two.ep:2',
    ]);
  });

  it("checkEpitaphTree parses every .ep file, also those main.ep does not import, and ignores other files", () => {
    const found = diagnostics({ "main.ep": "let ok = 1", "tools/broken.ep": "phase x( {\n}", "notes.txt": "not epitaph {" });
    assert.deepEqual(found, ['tools/broken.ep:1:10: expected a parameter name, found "{"']);
    assert.deepEqual(diagnostics({ "main.ep": 'access "u"\nlet x = 1', "u.ep": "phase f() { }" }), []);
  });

  it("compiles once and instantiates many times against different hosts", () => {
    const compiled = compileEpitaphTree(tree({ "main.ep": "access <sys>\nphase role() { return sys.runtime_role() }" }));
    const roles = (["client", "server"] as const).map((role) => compiled.instantiate({ ...recordingHost(), role }).call("role"));
    assert.deepEqual(roles, [":client", ":server"]);
    assert.throws(() => compileEpitaphTree(tree({ "main.ep": "let" })), EpitaphCompileError);
  });
});
