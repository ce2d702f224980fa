/**
 * Turns a loaded tree into the source of one JavaScript factory function,
 * built once per tree with `new Function("rt", "env", source)`. Calling the
 * factory creates one program instance: fresh module-level variables, fresh
 * module bindings (via `env.access`), and fresh phase closures, so two
 * instances never share state. The factory returns the phase table and a
 * `start` function that runs every file's top level, dependencies first.
 */
import { BUILTINS } from "./builtins.js";
import { StmtCompiler } from "./compile-stmt.js";
import type { EpitaphDiagnostic } from "./errors.js";
import type { Names, Unit } from "./layout.js";

/** The runtime helpers the generated code expects in `rt`, besides `sym`, `Float` and `builtins`. */
export const HELPERS = [
  "fault", "locate", "h", "eq", "add", "sub", "mul", "div", "mod", "neg", "compare",
  "field", "ownField", "setField", "index", "setIndex", "notCallable",
] as const;

/** Generates the factory source for the ordered units; diagnostics found on the way go to `diags`. */
export function generate(units: Unit[], names: Names, diags: EpitaphDiagnostic[]): string {
  const constants = new Map<string, string>();
  const functions: string[] = [];
  const tops: string[] = [];
  for (const u of units) {
    const top = names.fresh("top", String(u.index));
    functions.push(...new StmtCompiler(u, constants, diags).compileUnit(names, top));
    tops.push(`${top}();`);
  }
  const sectors = new Set(units.map((u) => u.sector));
  const globals = [...sectors].flatMap((s) => [...s.globals.values()].map((g) => g.js));
  const modules = units.flatMap((u) => [...u.modules.values()].map((m) => m.js));
  // `var`, not `let`: every one is declared before any phase can run, so a
  // `let` could never be read early, yet V8 checks each read of a `let` from
  // an inner function for that (about 5 % of a tick loop's time).
  const phaseTable = [...sectors].flatMap((s) =>
    [...s.phases].map(([name, p]) => `${JSON.stringify(`${s.name}.${name}`)}: ${p.js}`),
  );
  return [
    '"use strict";',
    `const { ${HELPERS.join(", ")} } = rt;`,
    ...[...BUILTINS.keys()].map((b) => `const B_${b} = rt.builtins.get(${JSON.stringify(b)}).fn;`),
    ...[...constants].map(([init, js]) => `const ${js} = ${init};`),
    ...units.map((u) => `const F${u.index} = ${JSON.stringify(u.file)};`),
    ...[...globals, ...modules].map((v) => `var ${v};`),
    ...functions,
    `return { phases: { ${phaseTable.join(", ")} }, start() { ${tops.join(" ")} } };`,
  ].join("\n");
}
