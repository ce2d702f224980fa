/**
 * Script budgets: every call into a script (top-level code, a phase, a
 * resumed await, a timer or microtask) may run for at most the engine's
 * `scriptBudgetMs` of wall time. A realm that stops a call past it throws a
 * `ScriptOverrun`; the engine reports it like an exception, as
 * "script ran past its budget of <ms> ms in <phase>", and ticks on. A
 * sandboxed call that goes over the script memory cap is stopped the same
 * way, with a `ScriptOutOfMemory`.
 */

/** The budget of one call into a script when the config names none, in milliseconds. */
export const DEFAULT_SCRIPT_BUDGET_MS = 1000;

/** A call into a script the engine stopped; reported as its message and, when known, the frames it was stopped in. */
export class ScriptStopped extends Error {
  private placed = false;

  /** Records, once, the script frames the call was stopped in ("    at tick (file:line:col)" lines). */
  placeAt(frames: string): void {
    if (this.placed) return;
    this.placed = true;
    this.stack = `${this.name}: ${this.message}\n${frames}`;
  }
}

/** A call into a script stopped because it ran past its budget. */
export class ScriptOverrun extends ScriptStopped {
  constructor(readonly budgetMs: number) {
    super(`script ran past its budget of ${budgetMs} ms`);
    this.name = "ScriptOverrun";
  }
}

/** The sandbox's script heap cap when the config names none: 256 MiB. */
export const DEFAULT_SCRIPT_MEMORY_BYTES = 256 * 1024 * 1024;

/** What limits the calls into one engine's scripts. */
export interface ScriptLimits {
  budgetMs: number;
  /** True when the scripts run in the sandbox (`config.sandbox`). */
  sandbox: boolean;
  memoryBytes: number;
}

/** The limits a config (already checked by the engine's config schema) asks for, with the defaults. */
export function scriptLimitsOf(config: { scriptBudgetMs?: number; sandbox?: boolean; scriptMemoryBytes?: number }): ScriptLimits {
  return {
    budgetMs: config.scriptBudgetMs ?? DEFAULT_SCRIPT_BUDGET_MS,
    sandbox: config.sandbox === true,
    memoryBytes: config.scriptMemoryBytes ?? DEFAULT_SCRIPT_MEMORY_BYTES,
  };
}

/** A sandboxed call stopped because the script's heap went over `scriptMemoryBytes`. */
export class ScriptOutOfMemory extends ScriptStopped {
  constructor() {
    super("script out of memory");
    this.name = "ScriptOutOfMemory";
  }
}
