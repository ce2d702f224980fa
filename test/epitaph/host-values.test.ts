/**
 * Host-bound values: a `sustain v = host.f()` binding whose fields the body
 * only reads passes those fields back to hosts unconverted and skips the
 * type check on objects, yet behaves exactly like any other binding: a
 * primitive still fails a field read, and a body that writes into `v` or
 * hands it on gets the usual conversion (symbols become text).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseFile } from "../../src/epitaph/parser.js";
import { isHostCall, onlyReadsFields } from "../../src/epitaph/host-values.js";
import { load } from "./helpers.js";

/** A host module handing out `items` one by one and recording what `take` receives. */
function source(items: unknown[]) {
  const taken: unknown[] = [];
  return { taken, module: { next: () => items.shift(), take: (...args: unknown[]) => void taken.push(args) } };
}

describe("epitaph host-bound values", () => {
  it("hands an event's fields back as they are and still reads missing fields as void", () => {
    const src = source([{ handle: 3, data: "hi" }, { handle: 4 }]);
    const { program } = load("access <src>\nphase run() {\nsustain e = src.next() {\nsrc.take(e.handle, e.data, e.missing)\n}\n}", { modules: { src: src.module } });
    program.call("run");
    assert.deepEqual(src.taken, [[3, "hi", undefined], [4, undefined, undefined]]);
  });

  it("still fails a field read on a value that is not an object, at its line", () => {
    const src = source(["text", 5]);
    const { program } = load("access <src>\nphase run() {\nsustain e = src.next() {\n\nsrc.take(e.handle)\n}\n}", { modules: { src: src.module } });
    assert.throws(() => program.call("run"), /^EpitaphRuntimeError: main\.ep:5: cannot read field "handle" of text$/);
  });

  it("converts as usual when the body writes into the value", () => {
    const src = source([{ tag: "x" }]);
    const { program } = load("access <src>\nphase run() {\nsustain e = src.next() {\ne.tag = :marked\nsrc.take(e.tag)\n}\n}", { modules: { src: src.module } });
    program.call("run");
    assert.deepEqual(src.taken, [[":marked"]]);
  });

  it("tells host calls and read-only uses apart", () => {
    const body = (code: string) => parseFile("main.ep", `phase p() {\n${code}\n}`, []).phases[0]!.body;
    assert.equal(onlyReadsFields("e", body("log.info(e.a)\nnet.send(e.h, e.d.x)\nlet n = e.a + 1")), true);
    for (const code of ["keep(e)", "e = 1", "e.a = 1", "e.a[0] = 1", "let e = 2", "let l = [e]", "inspect e { _ => { } }"]) {
      assert.equal(onlyReadsFields("e", body(code)), false, code);
    }
    const call = parseFile("main.ep", "net.poll_event()", []).statements[0]!;
    assert.ok(call.kind === "expr");
    assert.equal(isHostCall(call.expr, (name) => name === "net"), true);
    assert.equal(isHostCall(call.expr, () => false), false);
  });
});
