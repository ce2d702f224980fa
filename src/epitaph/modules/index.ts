/**
 * The standard modules, built by the front end itself rather than asked of
 * the host: `sys` and `log` (over the host), `math`, `string`, `time`,
 * `fmt`, `bytes`, `list` and `vec`. Each is a table of native functions with
 * their argument counts, plus constants (`math.pi`); the compiler checks
 * calls against the table, and each program instance gets its own module
 * objects, so the same modules exist wherever the front end runs (Node and
 * the browser alike).
 */
import type { EpitaphHost } from "../host.js";
import type { Native } from "./args.js";
import { BYTES_FUNCTIONS } from "./bytes.js";
import { FMT_FUNCTIONS } from "./fmt.js";
import { LIST_FUNCTIONS } from "./list.js";
import { MATH_CONSTANTS, MATH_FUNCTIONS } from "./math.js";
import { STRING_FUNCTIONS } from "./string.js";
import { logFunctions, sysFunctions } from "./sys.js";
import { timeFunctions } from "./time.js";
import { VEC_FUNCTIONS } from "./vec.js";

/** What an instance's standard modules are built from. */
export interface ModuleContext {
  host: EpitaphHost;
  /** `performance.now()` when the instance started, for `time.now()`. */
  startedAt: number;
}

/** A standard module: its functions and its constants. */
export interface ModuleSpec {
  functions: Readonly<Record<string, Native>>;
  constants: Readonly<Record<string, unknown>>;
}

const NONE = {};
const SPECS: Record<string, (ctx: ModuleContext) => ModuleSpec> = {
  sys: (ctx) => ({ functions: sysFunctions(ctx.host), constants: NONE }),
  log: (ctx) => ({ functions: logFunctions(ctx.host), constants: NONE }),
  math: () => ({ functions: MATH_FUNCTIONS, constants: MATH_CONSTANTS }),
  string: () => ({ functions: STRING_FUNCTIONS, constants: NONE }),
  time: (ctx) => ({ functions: timeFunctions(ctx.startedAt), constants: NONE }),
  fmt: () => ({ functions: FMT_FUNCTIONS, constants: NONE }),
  bytes: () => ({ functions: BYTES_FUNCTIONS, constants: NONE }),
  list: () => ({ functions: LIST_FUNCTIONS, constants: NONE }),
  vec: () => ({ functions: VEC_FUNCTIONS, constants: NONE }),
};

/** Names of the standard modules; every other `access <name>` goes to the host. */
export const STANDARD_MODULES: ReadonlySet<string> = new Set(Object.keys(SPECS));

/** A context for reading a module's table at compile time (argument counts do not depend on the host). */
const COMPILE_TIME: ModuleContext = {
  host: { access: () => undefined, role: "offline_singleplayer", headless: true, log: () => {}, exit: () => {} },
  startedAt: 0,
};

/** The table of standard module `name` (for the compiler's checks); undefined for a host module. */
export function moduleSpec(name: string): ModuleSpec | undefined {
  return Object.hasOwn(SPECS, name) ? SPECS[name](COMPILE_TIME) : undefined;
}

/** Builds standard module `name` for one instance: a frozen object of its functions and constants. */
export function buildModule(name: string, ctx: ModuleContext): object {
  const spec = SPECS[name](ctx);
  const fns = Object.fromEntries(Object.entries(spec.functions).map(([key, n]) => [key, n.fn]));
  return Object.freeze({ ...fns, ...spec.constants });
}
