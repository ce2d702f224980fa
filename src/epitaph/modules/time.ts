/**
 * The standard module `time`, one per program instance: `now()` is the
 * seconds since the instance started, a float with sub-millisecond
 * resolution (a monotonic clock, not moved by changes of the wall clock);
 * `unix()` the whole seconds since 1970-01-01 UTC, an int; `unix_ms()` the
 * milliseconds, an int.
 */
import { float } from "../numbers.js";
import { native, type Native } from "./args.js";

/** The functions of `time` for an instance started at `performance.now()` = `startedAt`. */
export function timeFunctions(startedAt: number): Record<string, Native> {
  return {
    now: native(0, () => float((performance.now() - startedAt) / 1000)),
    unix: native(0, () => Math.floor(Date.now() / 1000)),
    unix_ms: native(0, () => Date.now()),
  };
}
