/** Parser: the grammar of docs/epitaph.md, its line-break rules, and its error messages. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FileAst, Stmt } from "../../../src/epitaph/ast.js";
import { checkEpitaphTree } from "../../../src/epitaph/index.js";
import type { EpitaphDiagnostic } from "../../../src/epitaph/errors.js";
import { parseFile } from "../../../src/epitaph/parser.js";

function parse(src: string): FileAst {
  const diags: EpitaphDiagnostic[] = [];
  const ast = parseFile("main.ep", src, diags);
  assert.deepEqual(diags, [], `unexpected diagnostics for:\n${src}`);
  return ast;
}

function errors(src: string, file = "main.ep"): string[] {
  return checkEpitaphTree(new Map([[file, src]])).map((d) => `${d.file}:${d.line}:${d.col}: ${d.message}`);
}

function kinds(body: Stmt[]): string[] {
  return body.map((s) => s.kind);
}

describe("epitaph parser: structure", () => {
  it("reads an optional sector, accesses, phases and top-level statements", () => {
    const ast = parse('sector game\naccess <net>\naccess "util"\nlet x = 1\nphase tick(dt, extra) {\n}\nx = 2\n');
    assert.equal(ast.sector, "game");
    assert.deepEqual(ast.accesses.map((a) => (a.kind === "module" ? `<${a.name}>` : `"${a.path}"`)), ["<net>", '"util"']);
    assert.deepEqual(ast.phases.map((p) => [p.name, p.params]), [["tick", ["dt", "extra"]]]);
    assert.deepEqual(kinds(ast.statements), ["let", "assign"]);
    assert.equal(parse("let y = 0\n").sector, undefined);
  });

  it("accepts one-line blocks: a statement may end at } without a line break", () => {
    const ast = parse('inspect t {\n"a" => { f(1) }\n"b" => { g() }\n}\nwhen x { y = 1 }\n');
    const s = ast.statements[0];
    assert.ok(s.kind === "inspect");
    assert.deepEqual(s.arms.map((a) => kinds(a.body.body)), [["expr"], ["expr"]]);
    assert.deepEqual(kinds(ast.statements), ["inspect", "when"]);
  });

  it("joins otherwise to its when on the same line or after a line break", () => {
    for (const src of ["when a { }\notherwise { f() }\n", "when a {\n} otherwise {\nf()\n}\n"]) {
      const s = parse(src).statements[0];
      assert.ok(s.kind === "when" && s.otherwise !== undefined, `otherwise lost in ${JSON.stringify(src)}`);
      assert.equal(s.otherwise.body.length, 1);
    }
  });

  it("chains otherwise when into one when with several branches", () => {
    const s = parse("when a { } otherwise when b { }\notherwise when c { } otherwise { }\n").statements[0];
    assert.ok(s.kind === "when");
    assert.equal(s.branches.length, 3);
    assert.ok(s.otherwise);
  });

  it("tells sustain v = e (loop until void) from sustain cond (while)", () => {
    const [a, b] = parse("sustain evt = poll() { }\nsustain n == 0 { }\n").statements;
    assert.ok(a.kind === "sustain" && b.kind === "sustain");
    assert.equal(a.bind, "evt");
    assert.equal(b.bind, undefined);
    assert.equal(b.cond.kind, "binary");
  });

  it("parses inspect patterns: text, numbers, negatives, symbols, bools, void, alternatives and defaults", () => {
    const s = parse('inspect v {\n"a", "b" => { }\n-3 => { }\n:sym => { }\nactive => { }\nvoid => { }\n_ => { }\n}\n').statements[0];
    assert.ok(s.kind === "inspect");
    const shown = s.arms.map((a) => a.patterns.map((p) => ("value" in p ? p.value : "name" in p ? p.name : p.kind)));
    assert.deepEqual(shown, [["a", "b"], [-3], ["sym"], [true], ["void"], []]);
    assert.equal(parse("inspect v {\notherwise => { }\n}\n").statements[0].kind, "inspect");
  });

  it("ends a statement at a line break: a ( or operator on the next line starts a new statement", () => {
    assert.deepEqual(kinds(parse("f()\n(g)\nlet a = b\n-1\n").statements), ["expr", "expr", "let", "expr"]);
  });

  it("continues an expression after an operator, a comma, or inside brackets", () => {
    const ast = parse("let a = 1 +\n2\nlet b = f(1,\n2)\nlet c = [\n1,\n2,\n]\nlet d = (1\n+ 2)\nlet e = {\nx: 1,\n\"y z\": 2\n}\n");
    assert.deepEqual(kinds(ast.statements), ["let", "let", "let", "let", "let"]);
  });

  it("binds operators by precedence: or < and < not < equality < comparison < + < *", () => {
    const s = parse("let r = not a or b and c == 1 + 2 * 3 < 4\n").statements[0];
    assert.ok(s.kind === "let" && s.value.kind === "logic" && s.value.op === "or");
    assert.equal(s.value.left.kind, "unary");
    const right = s.value.right;
    assert.ok(right.kind === "logic" && right.op === "and" && right.right.kind === "binary" && right.right.op === "==");
  });

  it("accepts assignment to names, fields and indexes", () => {
    const targets = parse("a = 1\nr.f = 2\nl[0] = 3\n").statements.map((s) => (s.kind === "assign" ? s.target.kind : s.kind));
    assert.deepEqual(targets, ["name", "member", "index"]);
  });
});

describe("epitaph parser: errors with file:line:col and what was expected", () => {
  it("names the unclosed block and where it opened when the file ends", () => {
    assert.deepEqual(errors("access <log>\nphase tick(dt) {\n  when x {\n    log.info(x)\n"), [
      'main.ep:5:1: expected "}" to close the block opened at 3:10, found end of file',
    ]);
  });

  it("reports a missing } of an inspect and a missing ) of a call", () => {
    assert.deepEqual(errors("inspect x {\n"), ['main.ep:2:1: expected "}" to close the inspect opened at 1:11, found end of file']);
    assert.deepEqual(errors("f(1,\n"), ['main.ep:2:1: expected ")" to close the "(" opened at 1:2, found end of file']);
  });

  it("reports several errors of one file, one per broken line", () => {
    assert.deepEqual(errors("let x = )\nlet y = 3 3\nwhen { }\n"), [
      'main.ep:1:9: expected an expression, found ")"',
      'main.ep:2:11: expected a line break or "}" after the statement, found number 3',
      'main.ep:3:6: expected an expression, found "{"',
    ]);
  });

  it("rejects misplaced declarations and keywords", () => {
    assert.deepEqual(errors("phase f() {\naccess <net>\n}\nlet a = 1\nsector late\nbreak\nreturn 1\n"), [
      'main.ep:2:1: "access" is only allowed at the top level of a file',
      'main.ep:5:1: "sector" must be the first line of the file',
      'main.ep:6:1: "break" must be inside a sustain loop',
      'main.ep:7:1: "return" must be inside a phase',
    ]);
  });

  it("explains bad access forms, payload symbols, keywords as names and bad patterns", () => {
    assert.deepEqual(errors("access hub.volume_key\naccess 42\nlet x = :attack(1)\nlet when = 1\ninspect x {\ny => { }\n}\n"), [
      'main.ep:1:8: legacy dotted imports are not supported: write access "hub"',
      "main.ep:2:8: expected <module> or \"file\" after \"access\", found number 42",
      "main.ep:3:16: symbols with a payload (:name(...)) are not supported",
      'main.ep:4:5: expected a variable name after "let", found "when" ("when" is a keyword)',
      'main.ep:6:1: expected a pattern (text, number, symbol, active/dormant, void, _ or otherwise), found "y"',
    ]);
  });

  it("expects = after let, => after a pattern, ( after a phase name, and { before a body", () => {
    assert.deepEqual(errors('let x 1\ninspect y {\n"a" { }\n}\nphase f {\n}\nwhen a\nf()\n'), [
      'main.ep:1:7: expected "=" after "let x", found number 1',
      'main.ep:3:5: expected "=>" after the inspect pattern, found "{"',
      'main.ep:5:9: expected "(" after the phase name f, found "{"',
      'main.ep:8:1: expected "{" to start the body of when, found "f" on a new line',
    ]);
  });

  it("goes on after a broken sector line", () => {
    assert.deepEqual(errors("sector\nlet x = )\n"), [
      'main.ep:2:1: expected a sector name after "sector", found a line break before "let"',
      'main.ep:2:9: expected an expression, found ")"',
    ]);
  });

  it("uses the file's own name in every diagnostic", () => {
    assert.deepEqual(errors("let = 1\n", "scenes/title.ep"), ['scenes/title.ep:1:5: expected a variable name after "let", found "="']);
  });
});
