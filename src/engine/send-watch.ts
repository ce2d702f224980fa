/**
 * The engine's view of `net` for scripts: the same functions, except that
 * each send function (`tcp_send`, `ws_send`, ... every `*_send*` name, so a
 * new protocol's sends are covered without an edit) logs the first send
 * refused as `"not connected"` on each handle, once. A send before the
 * `"connected"` event is the classic slip; the script still gets the error
 * text back as it would without the engine.
 */
import { ERR } from "../core/errors.js";
import type { Logger } from "./logger.js";

/** Handles remembered as warned; past this the oldest are forgotten (and may warn again). */
const MAX_REMEMBERED = 1024;

const SEND_NAME = /_send/;

type AnyFunction = (...args: unknown[]) => unknown;

/** A copy of `net` whose send functions warn once per handle about a send refused as "not connected". */
export function watchSends<T extends object>(net: T, logger: Logger): T {
  const warned = new Set<unknown>();
  const view: Record<string, unknown> = { ...(net as Record<string, unknown>) };
  for (const [name, value] of Object.entries(view)) {
    if (!SEND_NAME.test(name) || typeof value !== "function") continue;
    const send = value as AnyFunction;
    view[name] = (...args: unknown[]) => {
      const result = send(...args);
      if (result === ERR.notConnected && !warned.has(args[0])) {
        if (warned.size >= MAX_REMEMBERED) warned.delete(warned.values().next().value);
        warned.add(args[0]);
        logger.line("warn", `${name}(${String(args[0])}) refused: "${ERR.notConnected}" (wait for the handle's "connected" event before sending; said once per handle)`);
      }
      return result;
    };
  }
  return view as T;
}
