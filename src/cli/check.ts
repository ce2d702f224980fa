/**
 * `tickwire check <tree>`: compiles a script tree (a folder or a `.pak`) the
 * way `tickwire run` would mount it, without running anything, and prints
 * every problem as `file:line:col: text`, one a line on stdout, for editors
 * and CI. An Epitaph tree (`main.ep`) has every `.ep` file parsed and
 * compiled, and an `access` of a module that is neither standard, nor the
 * engine's, nor named with `--module` is a problem; a TypeScript tree
 * (`main.ts`) is bundled with esbuild from its entry. Exits 0 when the tree
 * is clean, 1 when it has problems.
 */
import { defaultScriptHosts, ENGINE_MODULES, findScriptHost, openTree, ScriptLoadError } from "../engine/index.js";
import { command, UsageError } from "./options.js";

const HELP = `Usage: tickwire check <scripts dir or .pak> [--module <name>]...

Reports every problem that would stop the tree from loading, one a line on
stdout as file:line:col: text, and exits 1 if there is any (0 when clean).
An Epitaph tree (main.ep at its root) has every .ep file parsed and compiled:
syntax errors, undeclared names, calls with the wrong number of arguments, and
access <name> of a module that is neither standard nor the engine's. A
TypeScript tree (main.ts) is bundled from its entry, as "tickwire run" does.

Options:
  --module <name>        a module the host program installs (repeatable;
                         "name=file.json" counts as "name")
  -h, --help             show this help
`;

/** Runs `tickwire check`; returns the exit code. */
export const checkCommand = command("check", HELP, { module: { type: "string", multiple: true } } as const, async ({ values, positionals }) => {
  if (positionals.length !== 1) throw new UsageError("expected exactly one script tree (a folder or a .pak)");
  const tree = openTree(positionals[0] as string);
  const host = findScriptHost(tree, defaultScriptHosts);
  try {
    const installed = (values.module ?? []).map((spec) => spec.split("=")[0]!.trim());
    await host.compile(tree, { modules: [...ENGINE_MODULES, ...installed] });
  } catch (error) {
    if (!(error instanceof ScriptLoadError)) throw error;
    process.stdout.write(error.problems.map((problem) => `${problem}\n`).join(""));
    const count = error.problems.length;
    process.stderr.write(`tickwire check: ${count} ${count === 1 ? "problem" : "problems"} in ${tree.source}\n`);
    return 1;
  }
  process.stdout.write(`${tree.source} (${host.entry}): no problems\n`);
  return 0;
});
