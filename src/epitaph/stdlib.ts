/**
 * The two modules the front end builds itself from the host: `sys`
 * (runtime_role, is_headless, exit, warp) and `log` (info, warn, error,
 * debug). They receive Epitaph values as they are (symbols included), so
 * `sys.warp(:title)` can pass the host "sym:title" as the docs describe, and
 * `log.*` prints each value in Epitaph's own format.
 */
import { fault } from "./errors.js";
import type { EpitaphHost } from "./host.js";
import { formatValue, Sym, typeName } from "./values.js";

/** Names of the modules the front end provides; every other `access <name>` goes to the host. */
export const NATIVE_MODULES: ReadonlySet<string> = new Set(["sys", "log"]);

/** Builds a fresh `sys` or `log` module bound to `host`. */
export function nativeModule(name: string, host: EpitaphHost): object {
  return name === "sys" ? makeSys(host) : makeLog(host);
}

function makeSys(host: EpitaphHost): object {
  return {
    runtime_role: () => Sym.of(host.role),
    is_headless: () => host.headless === true,
    exit(code?: unknown): void {
      if (code !== undefined && (typeof code !== "number" || !Number.isInteger(code))) {
        fault(`sys.exit: the exit code must be an integer, got ${typeName(code)}`);
      }
      host.exit(code as number | undefined);
    },
    warp(target: unknown): void {
      if (!(target instanceof Sym) && typeof target !== "string") {
        fault(`sys.warp: expected a symbol or text, got ${typeName(target)}`);
      }
      if (!host.warp) fault("sys.warp: this host does not support warping (no scenes)");
      host.warp(target instanceof Sym ? `sym:${target.id}` : target);
    },
  };
}

type Level = "info" | "warn" | "error" | "debug";

function makeLog(host: EpitaphHost): object {
  const at = (level: Level) => (...args: unknown[]): void => {
    const prefix = `[ep:${level}]`;
    host.log(level, args.length === 0 ? prefix : `${prefix} ${args.map(formatValue).join(" ")}`);
  };
  return { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}
