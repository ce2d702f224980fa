/**
 * `tickwire check <tree>`: compiles a script tree (a folder or a `.pak`) the
 * way `tickwire run` would mount it, without running anything, and prints
 * every problem as `file:line:col: text`, one a line on stdout, for editors
 * and CI. An Epitaph tree (`main.ep`) has every `.ep` file parsed and
 * compiled, and an `access` of a module that is neither standard, nor the
 * engine's, nor named with `--module` is a problem; a TypeScript tree
 * (`main.ts`) is bundled with esbuild from its entry. With `--types` a
 * TypeScript folder is also type-checked (`type-check.ts`). Exits 0 when the
 * tree is clean, 1 when it has problems.
 */
import { statSync } from "node:fs";
import { defaultScriptHosts, ENGINE_MODULES, findScriptHost, openTree, ScriptLoadError, type FileTree, type ScriptHost } from "../engine/index.js";
import { SCRIPT_ENTRY } from "../engine/typescript/compiled.js";
import { command, scriptTreeArgument, UsageError } from "./options.js";
import { typeCheck } from "./type-check.js";

const HELP = `Usage: tickwire check <scripts dir or .pak> [--types] [--module <name>]...

Reports every problem that would stop the tree from loading, one a line on
stdout as file:line:col: text, and exits 1 if there is any (0 when clean).
An Epitaph tree (main.ep at its root) has every .ep file parsed and compiled:
syntax errors, undeclared names, calls with the wrong number of arguments, and
access <name> of a module that is neither standard nor the engine's. A
TypeScript tree (main.ts) is bundled from its entry, as "tickwire run" does.

Options:
  --types           also type-check a TypeScript folder (its tsconfig.json, else
                    the README's settings); needs typescript (npm i -D typescript)
  --module <name>   a module the host program installs (repeatable;
                    "name=file.json" counts as "name")
  -h, --help        show this help
`;

/** Runs `tickwire check`; returns the exit code. */
export const checkCommand = command("check", HELP, { types: { type: "boolean" }, module: { type: "string", multiple: true } } as const, async ({ positionals, values }) => {
  const path = scriptTreeArgument(positionals);
  const tree = openTree(path);
  const host = findScriptHost(tree, defaultScriptHosts);
  const installed = (values.module ?? []).map((spec) => spec.split("=")[0]!.trim());
  const problems = await loadProblems(host, tree, [...ENGINE_MODULES, ...installed]);
  if (values.types === true) {
    if (host.entry !== SCRIPT_ENTRY) throw new UsageError(`--types checks TypeScript trees; ${tree.source} is ${host.entry}`);
    if (!statSync(path).isDirectory()) throw new UsageError("--types needs the scripts folder (a .pak holds no tsconfig.json)");
    const typed = await typeCheck(path);
    if ("missing" in typed) throw new Error(typed.missing);
    problems.push(...typed.problems);
  }
  if (problems.length > 0) {
    process.stdout.write(problems.map((problem) => `${problem}\n`).join(""));
    const count = problems.length;
    process.stderr.write(`tickwire check: ${count} ${count === 1 ? "problem" : "problems"} in ${tree.source}\n`);
    return 1;
  }
  process.stdout.write(`${tree.source} (${host.entry}): no problems${values.types === true ? ", types included" : ""}\n`);
  return 0;
});

/** The problems that stop the tree from loading (empty when it compiles). */
async function loadProblems(host: ScriptHost, tree: FileTree, modules: readonly string[]): Promise<string[]> {
  try {
    await host.compile(tree, { modules });
    return [];
  } catch (error) {
    if (!(error instanceof ScriptLoadError)) throw error;
    return [...error.problems];
  }
}
