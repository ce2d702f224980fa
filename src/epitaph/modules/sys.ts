/**
 * The two modules the front end builds from the host: `sys` (runtime_role,
 * is_headless, exit, warp) and `log` (info, warn, error, debug). They get
 * Epitaph values as they are (symbols included), so `sys.warp(:title)` can
 * pass the host "sym:title" as the docs describe, and `log.*` prints each
 * value in Epitaph's own format. Without a scene host (`host.warp` unset)
 * `sys.warp` logs the request and returns void.
 */
import { fault } from "../errors.js";
import type { EpitaphHost } from "../host.js";
import { isInt } from "../numbers.js";
import { formatValue, Sym, typeName } from "../values.js";
import { native, type Native } from "./args.js";

/** The functions of `sys` over `host`. */
export function sysFunctions(host: EpitaphHost): Record<string, Native> {
  return {
    runtime_role: native(0, () => Sym.of(host.role)),
    is_headless: native(0, () => host.headless === true),
    exit: native(0, (code?: unknown): void => {
      if (code !== undefined && !(typeof code === "number" && isInt(code))) {
        fault(`sys.exit: the exit code must be an int, got ${typeName(code)}`);
      }
      host.exit(code as number | undefined);
    }, 1),
    warp: native(1, (target: unknown): void => {
      if (!(target instanceof Sym) && typeof target !== "string") {
        fault(`sys.warp: expected a symbol or text, got ${typeName(target)}`);
      }
      const text = target instanceof Sym ? `sym:${target.id}` : target;
      if (host.warp) host.warp(text);
      else host.log("info", `[ep:info] sys.warp(${formatValue(target)}) requested: no scene host, nothing changes`);
    }),
  };
}

type Level = "info" | "warn" | "error" | "debug";

/** The functions of `log` over `host`. */
export function logFunctions(host: EpitaphHost): Record<string, Native> {
  const at = (level: Level): Native => native(0, (...args: unknown[]): void => {
    const prefix = `[ep:${level}]`;
    host.log(level, args.length === 0 ? prefix : `${prefix} ${args.map(formatValue).join(" ")}`);
  }, Infinity);
  return { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}
