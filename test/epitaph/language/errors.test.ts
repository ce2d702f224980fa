/** Runtime errors carry file:line; compile errors carry every diagnostic; instances share no state. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EpitaphCompileError, EpitaphRuntimeError, loadEpitaphProgram } from "../../../src/epitaph/index.js";
import { load, recordingHost } from "../helpers.js";

/** Runs `phase run()` of `src` and returns the runtime error's message. */
function failure(src: string, modules: Record<string, unknown> = {}): string {
  const { program } = load(src, { modules });
  try {
    program.call("run");
  } catch (err) {
    assert.ok(err instanceof EpitaphRuntimeError, `expected an EpitaphRuntimeError, got ${String(err)}`);
    return err.message;
  }
  return assert.fail("expected the phase to throw");
}

describe("epitaph runtime errors", () => {
  it("reports each kind of failure with file:line and what went wrong", () => {
    const cases: [string, string][] = [
      ["phase run() {\nlet f = void\nf()\n}", "main.ep:3: cannot call f: it is void, not a function"],
      ["access <net>\nphase run() {\n\nnet.no_such_fn(1)\n}", "main.ep:4: cannot call net.no_such_fn: it is void, not a function"],
      ["phase run() {\nlet l = [1]\nreturn l[3]\n}", "main.ep:3: index 3 out of range (length 1)"],
      ["phase run() {\nlet l = [1]\nreturn l[\"a\"]\n}", "main.ep:3: list index must be an int, got text \"a\""],
      ["phase run() {\nreturn 5[0]\n}", "main.ep:2: cannot index int"],
      ["phase run() {\nlet r = void\nreturn r.field\n}", 'main.ep:3: cannot read field "field" of void'],
      ["phase run() {\nreturn \"text\".length\n}", 'main.ep:2: cannot read field "length" of text'],
      ["phase run() {\nreturn 1 - \"a\"\n}", 'main.ep:2: cannot apply "-" to int and text'],
      ["phase run() {\nreturn [] + 1\n}", 'main.ep:2: cannot apply "+" to list and int'],
      ["phase run() {\nreturn 1 / 0\n}", "main.ep:2: division by zero (1 / 0)"],
      ["phase run() {\nreturn 1 < \"a\"\n}", "main.ep:2: cannot compare int < text"],
      ["phase run() {\nreturn -\"a\"\n}", "main.ep:2: cannot negate text"],
      ["phase run() {\nreturn len(5)\n}", "main.ep:2: len: expected a list, text, bytes or record, got int"],
      ["phase run() {\nlet r = { a: 1 }\nr[1.5] = 2\n}", "main.ep:3: map keys are text, int or symbol, got float 1.5"],
      ["phase run() {\nlet f = 2.0\nf.x = 1\n}", 'main.ep:3: cannot set field "x" of float'],
      ["access <net>\nphase run() {\nnet.x = 1\n}", "main.ep:3: cannot assign to a field of module net"],
    ];
    for (const [src, want] of cases) assert.equal(failure(src, { net: {} }), want, src);
  });

  it("locates a failure in a nested phase at the inner line, with the call sites in calledFrom", () => {
    const { program } = load("phase inner() {\nreturn void.x\n}\nphase run() {\n\ninner()\n}");
    assert.throws(() => program.call("run"), (err: unknown) => {
      assert.ok(err instanceof EpitaphRuntimeError);
      assert.equal(err.message, 'main.ep:2: cannot read field "x" of void');
      assert.deepEqual([err.file, err.line, err.calledFrom], ["main.ep", 2, ["main.ep:6"]]);
      return true;
    });
  });

  it("wraps an exception thrown by a host function, keeping it as the cause", () => {
    const boom = new Error("socket exploded");
    const { program } = load("access <net>\nphase run() {\nnet.send()\n}", { modules: { net: { send: () => { throw boom; } } } });
    assert.throws(() => program.call("run"), (err: unknown) => {
      assert.ok(err instanceof EpitaphRuntimeError);
      assert.equal(err.message, "main.ep:3: host error: socket exploded");
      assert.equal(err.cause, boom);
      return true;
    });
  });

  it("reports runaway recursion as a runtime error", () => {
    const { program } = load("phase run() {\nreturn run()\n}");
    assert.throws(() => program.call("run"), /main\.ep:2: too much recursion/);
  });

  it("throws at load for a failing top-level statement and for a module the host lacks", () => {
    assert.throws(() => load("let a = 1\nlet b = a.x\n"), /^EpitaphRuntimeError: main\.ep:2: cannot read field "x" of int/);
    assert.throws(() => load("access <log>\naccess <net>\n"), /main\.ep:2: access <net>: module net is not installed/);
  });

  it("refuses undeclared names, wrong argument counts and phases used as values before anything runs", () => {
    const src = [
      "let score = 0",
      "phase f(a) { }",
      "phase run(broken) {",
      "when broken { return scroe }",
      "x = 1",
      "f(1, 2)",
      "append([])",
      "run = 1",
      "return run",
      "}",
    ].join("\n");
    assert.throws(() => load(src), (err: unknown) => {
      assert.ok(err instanceof EpitaphCompileError);
      assert.deepEqual(err.message.split("\n"), [
        "main.ep:4:22: scroe is not declared: no variable, phase, module or builtin has that name (did you mean score?)",
        "main.ep:5:1: cannot assign to undeclared variable x (declare it first with let x = ...)",
        "main.ep:6:2: phase f takes 1 argument, got 2",
        "main.ep:7:7: append takes 2 arguments, got 1",
        "main.ep:8:1: cannot assign to phase run",
        "main.ep:9:8: phase run is not a value: call it as run(...)",
      ]);
      return true;
    });
  });

  it("keeps running after an error: the next call of the phase works", () => {
    const { program } = load("let n = 0\nphase run(fail) {\nn = n + 1\nwhen fail { return void.x }\nreturn n\n}");
    assert.throws(() => program.call("run", true));
    assert.equal(program.call("run", false), 2);
  });

  it("throws a plain Error naming the phase when the engine calls a missing one", () => {
    const { program } = load("phase tick(dt) { }");
    assert.equal(program.has("tick"), true);
    assert.equal(program.has("draw"), false);
    assert.throws(() => program.call("draw"), /^Error: epitaph: no phase draw in sector game$/);
  });
});

describe("epitaph compile errors", () => {
  it("throws EpitaphCompileError with every diagnostic; nothing runs", () => {
    const host = recordingHost();
    const files = new Map([["main.ep", 'access <log>\nlog.info("ran")\nlet = 1\nwhen x {\n']]);
    assert.throws(() => loadEpitaphProgram(files, host), (err: unknown) => {
      assert.ok(err instanceof EpitaphCompileError);
      assert.deepEqual(err.diagnostics.map((d) => `${d.line}:${d.col}`), ["3:5", "5:1"]);
      assert.match(err.message, /^main\.ep:3:5: expected a variable name after "let", found "="\nmain\.ep:5:1: expected "}"/);
      return true;
    });
    assert.deepEqual(host.lines, []);
  });

  it("reports duplicate declarations, duplicate parameters, and unreachable inspect arms", () => {
    const src = "let a = 1\nlet a = 2\nphase a() { }\nphase f(x, x) { }\nphase g() {\nlet y = 1\nlet y = 2\ninspect y {\n_ => { }\n1 => { }\n}\n}";
    assert.throws(() => load(src), (err: unknown) => {
      assert.ok(err instanceof EpitaphCompileError);
      assert.deepEqual(err.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`), [
        '2:1: "a" is already declared in sector game at main.ep:1',
        '3:1: "a" is already declared in sector game at main.ep:1',
        "4:1: phase f has two parameters with the same name",
        '7:1: "y" is already declared in this block',
        "10:1: this inspect arm can never match: it comes after the default arm",
      ]);
      return true;
    });
  });

  it("reports a missing entry script", () => {
    assert.throws(() => loadEpitaphProgram(new Map([["other.ep", ""]]), recordingHost()), /main\.ep:1:1: expected the entry script main\.ep/);
  });
});

describe("epitaph instances", () => {
  it("two instances of the same program share no state", () => {
    const src = "let items = []\nlet n = 0\nphase add(x) {\nappend(items, x)\nn = n + 1\nreturn [n, items]\n}";
    const a = load(src).program;
    const b = load(src).program;
    a.call("add", "a1");
    a.call("add", "a2");
    assert.deepEqual(b.call("add", "b1"), [1, ["b1"]]);
    assert.deepEqual(a.call("add", "a3"), [3, ["a1", "a2", "a3"]]);
  });

  it("each instance gets its own modules from its own host", () => {
    const src = "access <log>\naccess <sys>\nphase hello() { log.info(\"hi from\", sys.runtime_role()) }";
    const a = load(src, { role: "client" });
    const b = load(src, { role: "server" });
    a.program.call("hello");
    b.program.call("hello");
    assert.deepEqual([a.host.lines, b.host.lines], [["[ep:info] hi from :client"], ["[ep:info] hi from :server"]]);
  });
});
