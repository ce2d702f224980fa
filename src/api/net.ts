/**
 * The `net` module of seed 000: the shared functions plus the functions of
 * each enabled protocol, as its row of the protocol table built them. A
 * disabled protocol's functions are simply not there. Every function is
 * wrapped so that it never throws (docs/design.md, rule 4).
 */
import type { NetEvent } from "../core/events.js";
import type { HandleStatus } from "../core/handle.js";
import type { NetCore } from "../core/net-core.js";
import { guard } from "../core/start.js";

/** The functions present whatever the features. */
export interface NetShared {
  /** The handle's status, or undefined for an unknown handle. */
  status(handle: number): HandleStatus | undefined;
  /** Pops the oldest event, or undefined when none is waiting. */
  poll_event(): NetEvent | undefined;
  /** Closes a connection or listener, cancels a request; on a finished handle, releases it. */
  close(handle: number): void;
  /** The local port of a connection or listener, once bound. */
  local_port(handle: number): number | undefined;
  /** The peer of a connection as "ip:port". */
  remote_addr(handle: number): string | undefined;
}

/** One enabled protocol's functions, and what each returns if it ever throws. */
export interface FunctionGroup {
  functions: object;
  fallbacks?: Readonly<Record<string, unknown>>;
}

/** Builds `net` over one core, with the shared functions and each group's. */
export function createNet(core: NetCore, groups: readonly FunctionGroup[]): NetShared {
  const shared: NetShared = {
    status: (id) => core.get(id)?.status,
    poll_event: () => core.poll(),
    close(id) {
      const handle = core.get(id);
      if (handle !== undefined) core.closeLocal(handle);
    },
    local_port: (id) => core.get(id)?.transport?.localPort?.(),
    remote_addr: (id) => core.get(id)?.transport?.remoteAddr?.(),
  };
  const net: Record<string, unknown> = {};
  for (const group of [{ functions: shared }, ...groups]) {
    for (const [name, fn] of Object.entries(group.functions)) {
      net[name] = guard(fn as (...args: unknown[]) => unknown, group.fallbacks?.[name]);
    }
  }
  return net as unknown as NetShared;
}
