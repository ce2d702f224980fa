/** The standard modules as a whole: built by the front end (never asked of the host), and their calls checked at compile time. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkEpitaphTree, formatDiagnostic, loadEpitaphProgram } from "../../../src/epitaph/index.js";
import { recordingHost } from "../helpers.js";

describe("epitaph standard modules", () => {
  it("are built by the front end: host.access is never asked for them", () => {
    const host = recordingHost();
    const asked: string[] = [];
    host.access = (name) => (asked.push(name), {});
    const src = "access <math>\naccess <string>\naccess <time>\naccess <fmt>\naccess <bytes>\naccess <list>\naccess <vec>\naccess <game>\nlet x = math.floor(2.5)";
    loadEpitaphProgram(new Map([["main.ep", src]]), host);
    assert.deepEqual(asked, ["game"]);
  });

  it("report unknown functions and wrong argument counts with file:line:col", () => {
    const src = 'access <string>\naccess <math>\nphase run() {\n  string.splt("a", ",")\n  math.floor(1, 2)\n  math.max()\n}';
    assert.deepEqual(checkEpitaphTree(new Map([["main.ep", src]])).map(formatDiagnostic), [
      "main.ep:4:10: module string has no function splt (it has ends_with, find, join, lower, repeat, replace, slice, split, starts_with, trim, upper)",
      "main.ep:5:13: math.floor takes 1 argument, got 2",
      "main.ep:6:11: math.max takes at least 1 argument, got 0",
    ]);
  });
});
