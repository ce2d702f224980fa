/**
 * How the engine's error reporter sees an Epitaph failure: a runtime error's
 * message already starts with `file:line:` (where the phase failed), and the
 * call sites it passed through become its frames (`called from main.ep:12`),
 * so the same failure repeated every tick has one key and is counted. A host
 * function's exception keeps the script line it was called from.
 */
import { EpitaphRuntimeError } from "../../epitaph/index.js";
import { formatValue, isErrorLike } from "../format.js";
import type { DescribedError } from "../reporter.js";

/** Describes a value thrown while an Epitaph phase or top-level code ran. */
export function describeEpitaphError(error: unknown): DescribedError {
  if (error instanceof EpitaphRuntimeError) {
    return { message: error.message, frames: error.calledFrom.map((site) => `called from ${site}`) };
  }
  if (isErrorLike(error)) return { message: `${error.name}: ${error.message}`, frames: [] };
  return { message: `thrown value ${formatValue(error)}`, frames: [] };
}
