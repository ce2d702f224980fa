/**
 * The Epitaph script host: a tree whose entry is `main.ep` is checked and
 * compiled once when mounted (every `.ep` file of the tree is parsed, and
 * every problem of every file refuses the mount with `file:line:col` and what
 * was expected; with `options.modules`, also every `access` of a module
 * that is neither standard nor listed), and each engine instantiates it with
 * state of its own. The
 * engine calls the entry sector's phases `init`, `tick(dt)`, `draw` and
 * `shutdown`; a runtime error aborts that one call and is reported with the
 * script's `file:line`.
 */
import { compileEpitaphTree } from "../../epitaph/index.js";
import { ScriptLoadError, type CompileOptions, type CompiledScript, type ScriptHost } from "../script-host.js";
import type { FileTree } from "../tree.js";
import { describeEpitaphError } from "./describe.js";
import { instantiateEpitaph } from "./instance.js";
import { epitaphProblems, epitaphSources } from "./sources.js";

/** The entry file of an Epitaph tree. */
const ENTRY = "main.ep";

/** The host for trees whose entry is `main.ep`. */
export const epitaphHost: ScriptHost = {
  entry: ENTRY,
  async compile(tree: FileTree, options: CompileOptions = {}): Promise<CompiledScript> {
    const files = epitaphSources(tree);
    const problems = epitaphProblems(files, options.modules);
    if (problems.length > 0) throw new ScriptLoadError(tree.source, problems);
    const compiled = compileEpitaphTree(files, ENTRY);
    return {
      instantiate: (context) => instantiateEpitaph(compiled, context),
      describe: describeEpitaphError,
    };
  },
};
