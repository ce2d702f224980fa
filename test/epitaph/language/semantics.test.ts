/** Semantics of each construct, as chosen in docs/epitaph.md. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluate, load, logsOf } from "../helpers.js";

describe("epitaph semantics: sustain", () => {
  it("sustain v = e loops until e is void, and not on 0, \"\", dormant or an empty list", () => {
    const values = [0, "", false, [], 7, undefined, 99];
    const source = { next: () => values.shift() };
    const lines = logsOf("access <src>\nphase run() {\nsustain v = src.next() {\nlog.info(\"got\", v)\n}\n}", "run", { modules: { src: source } });
    assert.deepEqual(lines, ["[ep:info] got 0", "[ep:info] got ", "[ep:info] got dormant", "[ep:info] got []", "[ep:info] got 7"]);
    assert.deepEqual(values, [99], "the loop must stop at the first void and leave the rest");
  });

  it("treats a null from the host as void (the loop ends)", () => {
    const values: unknown[] = [1, null, 2];
    const lines = logsOf("access <src>\nphase run() {\nsustain v = src.next() { log.info(v) }\n}", "run", { modules: { src: { next: () => values.shift() } } });
    assert.deepEqual(lines, ["[ep:info] 1"]);
  });

  it("sustain cond is a while loop; break and continue work inside both forms", () => {
    const lines = logsOf(
      "phase run() {\nlet i = 0\nsustain i < 6 {\ni = i + 1\nwhen i == 2 { continue }\nwhen i == 5 { break }\nlog.info(i)\n}\n}",
      "run",
    );
    assert.deepEqual(lines, ["[ep:info] 1", "[ep:info] 3", "[ep:info] 4"]);
  });

  it("scopes the loop variable to the body and binds a fresh value each round", () => {
    const items = ["a", "b"];
    const { program } = load("access <src>\nlet seen = []\nphase run() {\nsustain it = src.next() { append(seen, it) }\nreturn seen\n}", { modules: { src: { next: () => items.shift() } } });
    assert.deepEqual(program.call("run"), ["a", "b"]);
  });
});

describe("epitaph semantics: when and inspect", () => {
  it("when runs the first true branch of an otherwise-when chain, else the otherwise block", () => {
    const src = "phase pick(n) {\nwhen n < 0 { return \"neg\" } otherwise when n == 0 { return \"zero\" }\notherwise when n < 10 { return \"small\" } otherwise { return \"big\" }\n}";
    const { program } = load(src);
    assert.deepEqual([-1, 0, 5, 50].map((n) => program.call("pick", n)), ["neg", "zero", "small", "big"]);
  });

  it("only void and dormant/false are false in a condition (0, \"\" and [] are true)", () => {
    const { program } = load("phase truthy(v) {\nwhen v { return active }\nreturn dormant\n}");
    assert.deepEqual([0, "", [], {}, true, false, undefined, null].map((v) => program.call("truthy", v)), [true, true, true, true, true, false, false, false]);
  });

  it("inspect with no matching arm does nothing", () => {
    assert.deepEqual(logsOf('phase run() {\ninspect "message" {\n"data" => { log.info("data") }\n}\nlog.info("after")\n}', "run"), ["[ep:info] after"]);
  });

  it("inspect takes the first matching arm only (no fall-through) and the default arm when none matches", () => {
    const src = 'phase kind(v) {\ninspect v {\n"a", "b" => { return "letter" }\n1 => { return "one" }\n-2.5 => { return "neg" }\nvoid => { return "nothing" }\n_ => { return "other" }\n}\n}';
    const { program } = load(src);
    assert.deepEqual(["a", "b", 1, -2.5, undefined, "z", 2].map((v) => program.call("kind", v)), ["letter", "letter", "one", "neg", "nothing", "other", "other"]);
  });

  it("inspect matches symbols, e.g. sys.runtime_role(), and bools; otherwise => is a default arm", () => {
    const src = "access <sys>\nphase role() {\ninspect sys.runtime_role() {\n:client => { return 1 }\n:server => { return 2 }\notherwise => { return 3 }\n}\n}\nphase flag(b) {\ninspect b {\nactive => { return \"on\" }\ndormant => { return \"off\" }\n}\n}";
    assert.equal(load(src, { role: "client" }).program.call("role"), 1);
    assert.equal(load(src, { role: "server" }).program.call("role"), 2);
    assert.equal(load(src, { role: "offline_singleplayer" }).program.call("role"), 3);
    assert.deepEqual([true, false].map((b) => load(src).program.call("flag", b)), ["on", "off"]);
  });

  it("a symbol never matches the text of its name", () => {
    assert.equal(evaluate(':post == ":post"'), false);
    assert.equal(evaluate(":post == :post"), true);
  });
});

describe("epitaph semantics: variables, phases and values", () => {
  it("phases assign module-level variables; the value persists between calls", () => {
    const { program } = load("let count = 0\nphase bump() {\ncount = count + 1\nreturn count\n}");
    assert.deepEqual([program.call("bump"), program.call("bump"), program.call("bump")], [1, 2, 3]);
  });

  it("let in a block is local and may shadow; assignment reaches the nearest declaration", () => {
    const src = "let x = 1\nphase run() {\nlet x = 10\nwhen active {\nlet x = 100\nx = x + 1\n}\nx = x + 1\nreturn x\n}\nphase outer() { return x }";
    const { program } = load(src);
    assert.equal(program.call("run"), 11);
    assert.equal(program.call("outer"), 1);
  });

  it("phases call each other with arguments and return values; no return gives void", () => {
    const src = "phase square(n) { return n * n }\nphase sum_sq(a, b) { return square(a) + square(b) }\nphase nothing() { }\nphase early(n) {\nwhen n > 0 { return }\nreturn \"late\"\n}";
    const { program } = load(src);
    assert.equal(program.call("sum_sq", 3, 4), 25);
    assert.equal(program.call("nothing"), undefined);
    assert.equal(program.call("early", 1), undefined);
    assert.equal(program.call("early", 0), "late");
  });

  it("phases recurse", () => {
    assert.equal(load("phase fib(n) {\nwhen n < 2 { return n }\nreturn fib(n - 1) + fib(n - 2)\n}").program.call("fib", 20), 6765);
  });

  it("lists are passed by reference: a phase that appends changes the caller's list", () => {
    const src = "let items = []\nphase add(list, x) { append(list, x) }\nphase run() {\nlet alias = items\nadd(alias, 1)\nadd(items, 2)\nreturn items\n}";
    assert.deepEqual(load(src).program.call("run"), [1, 2]);
  });

  it("list and record literals, indexing, field and index assignment", () => {
    const src = 'phase run() {\nlet l = [10, 20, 30]\nl[1] = 21\nlet r = { name: "ada", "two words": 2, nested: { hp: 5 } }\nr.name = "bob"\nr["extra"] = l[1]\nr.nested.hp = r.nested.hp - 1\nreturn [l, r, r["two words"], r.missing, r["missing"]]\n}';
    assert.deepEqual(load(src).program.call("run"), [[10, 21, 30], { name: "bob", "two words": 2, nested: { hp: 4 }, extra: 21 }, 2, undefined, undefined]);
  });

  it("void is JavaScript undefined on the way in and out", () => {
    assert.equal(evaluate("void"), undefined);
    assert.equal(load("phase is_void(v) { return v == void }").program.call("is_void", undefined), true);
    assert.equal(load("phase is_void(v) { return v == void }").program.call("is_void", 0), false);
  });

  it("reads .field on host records (plain objects); a missing field is void", () => {
    const events = [{ type: "data", handle: 3, data: "hi" }, { type: "connected", handle: 4 }];
    const src = 'access <net>\nphase run() {\nsustain evt = net.poll_event() {\nlog.info(evt.type, evt.handle, evt.data)\n}\n}';
    assert.deepEqual(logsOf(src, "run", { modules: { net: { poll_event: () => events.shift() } } }), ["[ep:info] data 3 hi", "[ep:info] connected 4 void"]);
  });

  it("a record returned by a host can be kept in a variable and read later", () => {
    const src = "access <net>\nlet last = void\nphase grab() { last = net.http_response(1) }\nphase status() { return last.status }";
    const { program } = load(src, { modules: { net: { http_response: () => ({ status: 200, body: "{}", headers: {} }) } } });
    program.call("grab");
    assert.equal(program.call("status"), 200);
  });
});

describe("epitaph semantics: the host boundary", () => {
  it("passes symbols to host functions as the text \":name\", also inside lists and records", () => {
    const seen: unknown[][] = [];
    const net = { http_request: (...args: unknown[]) => (seen.push(args), 7) };
    const { program } = load('access <net>\nlet handle = net.http_request(:post, "http://x/", [:a, 1], { m: :get })\nphase h() { return handle }', { modules: { net } });
    assert.deepEqual(seen, [[":post", "http://x/", [":a", 1], { m: ":get" }]]);
    assert.equal(program.call("h"), 7);
  });

  it("passes lists without symbols by reference, so a host sees later changes", () => {
    let kept: unknown;
    const { program } = load("access <keep>\nlet l = [1]\nkeep.it(l)\nphase more() { append(l, 2) }", { modules: { keep: { it: (x: unknown) => (kept = x) } } });
    program.call("more");
    assert.deepEqual(kept, [1, 2]);
  });

  it("calls host functions with the module as this (class-based modules work)", () => {
    class Counter {
      n = 0;
      bump(): number {
        return ++this.n;
      }
    }
    const { program } = load("access <c>\nphase run() {\nc.bump()\nreturn c.bump()\n}", { modules: { c: new Counter() } });
    assert.equal(program.call("run"), 2);
  });

  it("gives the engine plain values back from call(): symbols become text", () => {
    assert.deepEqual(evaluate("[:a, { s: :b }]"), [":a", { s: ":b" }]);
    assert.deepEqual(evaluate("active"), true);
  });

  it("passes host arguments of call() to the phase as they are", () => {
    const { program } = load("phase echo(a, b) { return [a, b] }");
    assert.deepEqual(program.call("echo", "x", { y: [1] }), ["x", { y: [1] }]);
    assert.deepEqual(program.call("echo", 1), [1, undefined], "a missing argument is void");
    assert.deepEqual(program.call("echo", 1, 2, 3), [1, 2], "extra engine arguments are ignored");
  });

  it("module-level variables are void until their let runs", () => {
    const { program } = load("phase peek() { return later }\nlet early = peek()\nlet later = 1\nphase both() { return [early, later] }");
    assert.deepEqual(program.call("both"), [undefined, 1]);
  });
});
