/** Lexer: tokens, literals and the hazards of EPITAPH.md section 3. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { EpitaphDiagnostic } from "../../../src/epitaph/errors.js";
import { lex } from "../../../src/epitaph/lexer.js";

function tokens(src: string): string[] {
  const diags: EpitaphDiagnostic[] = [];
  const out = lex("t.ep", src, diags).map((t) => (t.kind === "eof" ? "EOF" : `${t.kind}:${t.kind === "num" ? t.value : t.text}${t.nl ? "^" : ""}`));
  assert.deepEqual(diags, [], `unexpected diagnostics for ${JSON.stringify(src)}`);
  return out;
}

function lexErrors(src: string): string[] {
  const diags: EpitaphDiagnostic[] = [];
  lex("t.ep", src, diags);
  return diags.map((d) => `${d.line}:${d.col}: ${d.message}`);
}

describe("epitaph lexer", () => {
  it("marks the first token of each line with ^ (statements end at line breaks)", () => {
    assert.deepEqual(tokens("let x = 1\nx"), ["keyword:let^", "ident:x", "punct:=", "num:1", "ident:x^", "EOF"]);
  });

  it("treats -- as a comment everywhere, even glued to an operand (x--1 is x)", () => {
    assert.deepEqual(tokens("x--1\ny -- note\n-- whole line\nz - -1"), [
      "ident:x^", "ident:y^", "ident:z^", "punct:-", "punct:-", "num:1", "EOF",
    ]);
  });

  it("lexes access <net> as access, <, name, > (the parser gives it meaning)", () => {
    assert.deepEqual(tokens("access <net>"), ["keyword:access^", "punct:<", "ident:net", "punct:>", "EOF"]);
  });

  it("lexes two-character operators before their one-character prefixes", () => {
    assert.deepEqual(tokens("a => b == c != d <= e >= f = g < h > i"), [
      "ident:a^", "punct:=>", "ident:b", "punct:==", "ident:c", "punct:!=", "ident:d", "punct:<=", "ident:e",
      "punct:>=", "ident:f", "punct:=", "ident:g", "punct:<", "ident:h", "punct:>", "ident:i", "EOF",
    ]);
  });

  it("reads int literals in decimal, hex, binary and octal, and floats with . e or f", () => {
    assert.deepEqual(tokens("42 0xFF 0b1010 0o77 3.14 0.5 42f 1.5e3 2E-2"), [
      "num:42^", "num:255", "num:10", "num:63", "num:3.14", "num:0.5", "num:42", "num:1500", "num:0.02", "EOF",
    ]);
  });

  it("decodes text escapes \\n \\t \\r \\0 \\\" \\\\ and \\u{...}", () => {
    const [t] = lex("t.ep", String.raw`"a\nb\t\"q\"\\ \u{1F600}\r\0"`, []);
    assert.equal(t.text, 'a\nb\t"q"\\ \u{1F600}\r\0');
  });

  it("makes :name a symbol except when the colon is glued to a word (record keys)", () => {
    assert.deepEqual(tokens("f(:post) {a:b} {a: :b} x :y"), [
      "ident:f^", "punct:(", "sym:post", "punct:)", "punct:{", "ident:a", "punct::", "ident:b", "punct:}",
      "punct:{", "ident:a", "punct::", "sym:b", "punct:}", "ident:x", "sym:y", "EOF",
    ]);
  });

  it("keeps keywords apart from identifiers that contain them", () => {
    assert.deepEqual(tokens("when whenever otherwise_x void"), ["keyword:when^", "ident:whenever", "ident:otherwise_x", "keyword:void", "EOF"]);
  });

  it("reports bad characters, numbers, escapes and unterminated text with line:col", () => {
    assert.deepEqual(lexErrors('x = 1 ; y\n  !a\n0x\n12ab\n"bad \\q"\n"open'), [
      "1:7: unexpected character \";\" (statements end at a line break)",
      "2:3: unexpected character \"!\" (write \"not\" for negation)",
      "3:1: malformed number \"0x\"",
      "4:1: malformed number \"12ab\"",
      "5:6: unknown escape \"\\q\": expected one of \\n \\t \\r \\0 \\\" \\\\ \\u{hex}",
      "6:1: unterminated text: expected a closing \" on the same line",
    ]);
  });

  it("accepts CRLF line ends and a byte order mark", () => {
    assert.deepEqual(tokens("\uFEFFa\r\nb"), ["ident:a^", "ident:b^", "EOF"]);
  });
});
