/**
 * One engine's instance of a compiled Epitaph tree. The front end's
 * `EpitaphHost` is built from the engine's `ScriptContext`: modules come from
 * the engine's table (`net`, `json`, `assets`, installed modules; `sys` and
 * `log` are the front end's own), `log.*` lines keep their `[ep:level]`
 * prefix and go to the engine's output as they are, `sys.exit` stops the
 * engine after the current tick, `sys.warp` reaches the host program's
 * `onWarp`. Top-level statements run here; if they fail (an uninstalled
 * module, a runtime error), the error is reported "at load", the instance has
 * no phases, and the engine stops with exit code 1 (SPEC 9). The compiled
 * code runs in the host's realm, but every call into it (top level and
 * phases) goes through the engine's guard to be stopped at the budget, so the
 * compiled loops carry no checks of their own.
 */
import type { CompiledTree, EpitaphHost, EpitaphProgram } from "../../epitaph/index.js";
import { PHASES, type PhaseName, type ScriptContext, type ScriptInstance } from "../script-host.js";

type Phase = (...args: unknown[]) => unknown;

/** Runs the tree's top-level statements against `context` and returns the engine's view of the program. */
export function instantiateEpitaph(compiled: CompiledTree, context: ScriptContext): ScriptInstance {
  const program = runTopLevel(compiled, context);
  const phases = new Map<PhaseName, Phase>();
  for (const name of PHASES) {
    if (program?.has(name)) phases.set(name, (...args) => context.guard(() => program.call(name, ...args)));
  }
  return {
    loaded: Promise.resolve(program === undefined ? "failed" : "finished"),
    exported: [...phases.keys()],
    phase: (name) => phases.get(name),
    resume: () => {},
    dispose: () => {},
  };
}

/** Instantiates the tree (its top-level statements run now); undefined, with the error reported, when they fail (the engine then stops with exit 1). */
function runTopLevel(compiled: CompiledTree, context: ScriptContext): EpitaphProgram | undefined {
  try {
    return context.guard(() => compiled.instantiate(hostFor(context)));
  } catch (error) {
    context.report(error, "at load");
    return undefined;
  }
}

/** The front end's host over the engine's context. */
function hostFor(context: ScriptContext): EpitaphHost {
  return {
    access: (name) => moduleOf(context, name),
    role: context.role,
    headless: context.headless,
    log: (level, line) => context.write(level, line),
    exit: (code) => context.exit(code ?? 0),
    warp: context.warp,
  };
}

/** The engine's module `name`; a missing one throws the engine's hint without its `access("name"): ` lead, which the front end writes as `access <name>: `. */
function moduleOf(context: ScriptContext, name: string): unknown {
  try {
    return context.access(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const lead = `access("${name}"): `;
    throw new Error(message.startsWith(lead) ? message.slice(lead.length) : message);
  }
}
