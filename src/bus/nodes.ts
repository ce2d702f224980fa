/**
 * Which other nodes are alive, as both drivers learn it (Redis from lease
 * keys, NATS from heartbeats): reports each node once when it appears and
 * once when its lease lapses. Right after the broker connection comes back
 * (a restarted Redis is empty until every node registers again) absences are
 * not reported for one lease, so an outage alone never reads as a death.
 */

/** The set of live nodes other than this one. */
export class NodeSet {
  private readonly alive = new Set<string>();
  private graceUntil = 0;

  constructor(
    private readonly self: string,
    private readonly leaseMs: number,
    private readonly report: (id: string, up: boolean) => void,
  ) {}

  /** A node is known to be alive now. */
  see(id: string): void {
    if (id === this.self || this.alive.has(id)) return;
    this.alive.add(id);
    this.report(id, true);
  }

  /** A node said goodbye: it is down at once. */
  leave(id: string): void {
    if (this.alive.delete(id)) this.report(id, false);
  }

  /** Makes `live` the whole truth: new ones come up, missing ones go down (outside the grace after a reconnect). */
  reconcile(live: Iterable<string>): void {
    const present = new Set(live);
    for (const id of present) this.see(id);
    if (Date.now() < this.graceUntil) return;
    for (const id of [...this.alive]) if (!present.has(id)) this.leave(id);
  }

  /** The connection came back: absences are not deaths for one lease. */
  reconnected(): void {
    this.graceUntil = Date.now() + this.leaseMs;
  }

  /** The ids of the live nodes. */
  ids(): string[] {
    return [...this.alive];
  }
}
