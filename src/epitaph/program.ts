/**
 * Compiles a script tree once and instantiates it any number of times. The
 * compiled form is a JavaScript factory (see `codegen.ts`); each instance
 * calls it with its own `env`, whose `access` builds the standard modules
 * (`sys`, `log`, `math`, `string`, ...) and asks `host.access` for the rest.
 */
import { BUILTINS } from "./builtins.js";
import { generate, HELPERS } from "./codegen.js";
import { EpitaphCompileError, fault, locate, type EpitaphDiagnostic } from "./errors.js";
import type { EpitaphHost, EpitaphProgram } from "./host.js";
import { Names, type Unit } from "./layout.js";
import * as runtime from "./runtime.js";
import { buildModule, STANDARD_MODULES, type ModuleContext } from "./modules/index.js";
import { loadTree } from "./tree.js";
import { Float } from "./numbers.js";
import { Sym, toHost, typeName } from "./values.js";

type Phase = (...args: unknown[]) => unknown;
interface Instance {
  phases: Record<string, Phase>;
  start(): void;
}
type Factory = (rt: object, env: { access(name: string): unknown }) => Instance;

const RT: Record<string, unknown> = { ...runtime, fault, locate, sym: Sym.of, Float, builtins: BUILTINS };
for (const name of HELPERS) if (typeof RT[name] !== "function") throw new Error(`epitaph: runtime helper ${name} is missing`);

/** A compiled tree, ready to instantiate against hosts. */
export interface CompiledTree {
  /** Creates a fresh instance and runs the top-level statements of every file. */
  instantiate(host: EpitaphHost): EpitaphProgram;
}

/**
 * Loads and compiles the tree from `entry`; returns the diagnostics, the files loaded, and the
 * compiled tree when there are no diagnostics. With `hostModules`, an `access` of a module that is
 * neither standard nor in that set is a diagnostic too.
 */
export function compileTree(
  files: ReadonlyMap<string, string>,
  entry: string,
  hostModules?: ReadonlySet<string>,
): { diagnostics: EpitaphDiagnostic[]; loaded: string[]; compiled?: CompiledTree } {
  const diagnostics: EpitaphDiagnostic[] = [];
  if (!files.has(entry)) {
    diagnostics.push({ file: entry, line: 1, col: 1, message: `expected the entry script ${entry} in the script tree, found none` });
    return { diagnostics, loaded: [] };
  }
  const names = new Names();
  const units = loadTree(files, entry, names, diagnostics);
  if (hostModules !== undefined) checkModules(units, hostModules, diagnostics);
  const source = generate(units, names, diagnostics);
  const loaded = units.map((u) => u.file);
  if (diagnostics.length > 0) return { diagnostics, loaded };
  const factory = new Function("rt", "env", source) as Factory;
  const sector = units[units.length - 1].sector.name;
  return { diagnostics, loaded, compiled: { instantiate: (host) => instantiate(factory, sector, host) } };
}

/** Compiles, throwing `EpitaphCompileError` when the tree has problems. */
export function compileOrThrow(files: ReadonlyMap<string, string>, entry: string): CompiledTree {
  const { diagnostics, compiled } = compileTree(files, entry);
  if (!compiled) throw new EpitaphCompileError(diagnostics);
  return compiled;
}

/** Reports every `access <name>` of a module that is neither standard nor one of `hostModules`. */
function checkModules(units: Unit[], hostModules: ReadonlySet<string>, diagnostics: EpitaphDiagnostic[]): void {
  const known = [...new Set([...STANDARD_MODULES, ...hostModules])].sort().join(", ");
  for (const u of units) {
    for (const [name, binding] of u.modules) {
      if (!STANDARD_MODULES.has(name) && !hostModules.has(name)) {
        diagnostics.push({ file: u.file, line: binding.pos.line, col: binding.pos.col, message: `access <${name}>: no module ${name} (known: ${known})` });
      }
    }
  }
}

function instantiate(factory: Factory, entrySector: string, host: EpitaphHost): EpitaphProgram {
  const modules = new Map<string, unknown>();
  const ctx: ModuleContext = { host, startedAt: performance.now() };
  const access = (name: string): unknown => {
    if (!modules.has(name)) modules.set(name, STANDARD_MODULES.has(name) ? buildModule(name, ctx) : hostModule(host, name));
    return modules.get(name);
  };
  const instance = factory(RT, { access });
  instance.start();
  const find = (phase: string): Phase | undefined => {
    const key = phase.includes(".") ? phase : `${entrySector}.${phase}`;
    return Object.hasOwn(instance.phases, key) ? instance.phases[key] : undefined;
  };
  return {
    has: (phase) => find(phase) !== undefined,
    call(phase, ...args) {
      const fn = find(phase);
      if (!fn) throw new Error(`epitaph: no phase ${phase} in sector ${entrySector}`);
      return toHost(fn(...args));
    },
  };
}

function hostModule(host: EpitaphHost, name: string): unknown {
  let mod: unknown;
  try {
    mod = host.access(name);
  } catch (err) {
    return fault(`access <${name}>: ${err instanceof Error ? err.message : String(err)}`);
  }
  if ((typeof mod !== "object" && typeof mod !== "function") || mod === null) {
    return fault(`access <${name}>: the host returned ${typeName(mod)}, not a module`);
  }
  return mod;
}
