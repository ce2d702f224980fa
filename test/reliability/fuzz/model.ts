/**
 * What the fuzzer knows independently of the runtime: every handle it was
 * given and what kind it is, the ones that have been released, the ports of
 * its listeners, and the status values the seed allows for each kind.
 */
import type { Net } from "../../../src/index.js";
import type { EventLedger } from "../ledger.js";

/** The kinds of handle the fuzzer tracks. */
export type Kind = "tcp" | "ws" | "tcp_listener" | "ws_listener" | "http" | "udp" | "bus_sub" | "bus_room" | "bus_request";

/** Status values per kind (seed 000's table; "opening" then "listening" for listeners and UDP sockets, docs/net.md). */
export const STATUSES: Record<Kind, readonly string[]> = {
  tcp: ["connecting", "connected", "error", "closed"],
  ws: ["connecting", "connected", "error", "closed"],
  tcp_listener: ["opening", "listening", "error", "closed"],
  ws_listener: ["opening", "listening", "error", "closed"],
  http: ["building", "pending", "done", "error"],
  udp: ["opening", "listening", "error", "closed"],
  bus_sub: ["connecting", "connected", "error", "closed"],
  bus_room: ["connecting", "connected", "error", "closed"],
  bus_request: ["pending", "done", "error", "closed"],
};

/** The fuzzer's record of the runtime's handles. */
export class Model {
  /** Live handles (status not yet void) and their kind. */
  readonly live = new Map<number, Kind>();
  /** Handles that became unknown, most recent last (bounded). */
  readonly released: number[] = [];
  /** Every handle ever handed out. */
  private readonly seen = new Set<number>();

  constructor(
    private readonly net: Net,
    private readonly ledger: EventLedger,
  ) {}

  /** Files a handle a call or event handed out; fails unless it is a positive integer never handed out before. */
  adopt(handle: unknown, kind: Kind): string | undefined {
    if (typeof handle !== "number" || !Number.isInteger(handle) || handle <= 0) return `handed out a non-handle ${String(handle)}`;
    if (this.seen.has(handle)) return `handle ${handle} handed out twice`;
    this.seen.add(handle);
    this.live.set(handle, kind);
    return undefined;
  }

  /** True for a handle the script was ever handed. */
  knows(handle: number): boolean {
    return this.seen.has(handle);
  }

  /** A listener's bound port, if it has one. */
  portOf(handle: number): number | undefined {
    return this.net.local_port(handle);
  }

  /** Live handles of the given kinds. */
  ofKind(...kinds: Kind[]): number[] {
    return [...this.live].filter(([, kind]) => kinds.includes(kind)).map(([handle]) => handle);
  }

  /** Checks every live handle's status; moves the ones now unknown to `released`. Returns the problems. */
  check(): string[] {
    const problems: string[] = [];
    for (const [handle, kind] of this.live) {
      const status = this.net.status(handle);
      if (status === undefined) {
        this.live.delete(handle);
        this.ledger.markReleased(handle);
        this.released.push(handle);
        if (this.released.length > 256) this.released.shift();
      } else if (!STATUSES[kind].includes(status)) {
        problems.push(`handle ${handle} (${kind}) has status ${JSON.stringify(status)}`);
      }
    }
    for (const handle of this.released.slice(-8)) {
      if (this.net.status(handle) !== undefined) problems.push(`released handle ${handle} came back`);
    }
    return problems;
  }
}
