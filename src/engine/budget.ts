/**
 * Script budgets: every call into a script (top-level code, a phase, a
 * resumed await, a timer or microtask) may run for at most the engine's
 * `scriptBudgetMs` of wall time. A realm that stops a call past it throws a
 * `ScriptOverrun`; the engine reports it like an exception, as
 * "script ran past its budget of <ms> ms in <phase>", and ticks on.
 */

/** The budget of one call into a script when the config names none, in milliseconds. */
export const DEFAULT_SCRIPT_BUDGET_MS = 1000;

/** A call into a script stopped because it ran past its budget. */
export class ScriptOverrun extends Error {
  constructor(readonly budgetMs: number) {
    super(`script ran past its budget of ${budgetMs} ms`);
    this.name = "ScriptOverrun";
  }
}

/** The budget a config asks for, or DEFAULT_SCRIPT_BUDGET_MS; throws an Error naming the key for a bad value. */
export function scriptBudgetOf(value: unknown): number {
  if (value === undefined) return DEFAULT_SCRIPT_BUDGET_MS;
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  throw new Error(`scriptBudgetMs must be a whole number of milliseconds above 0, not ${JSON.stringify(value)}`);
}
