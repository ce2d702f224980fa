/**
 * A tick loop for long runs: it drains a runtime's queue every turn into a
 * ledger (so the event rules are checked all along) and hands each event to
 * whoever awaits the next event of that handle, so a test can be written as
 * many concurrent async lanes without a sleep anywhere.
 */
import type { Net, NetEvent } from "../../src/index.js";
import { EventLedger } from "./ledger.js";

/** Events of one runtime, routed by handle. */
export class EventRouter {
  readonly ledger: EventLedger;
  private readonly buffered = new Map<number, NetEvent[]>();
  private readonly waiting = new Map<number, { resolve: (event: NetEvent) => void; timer: ReturnType<typeof setTimeout> }>();
  private running = true;
  /** Called for events of handles nobody awaits (a server script's tick). */
  onUnclaimed: ((event: NetEvent) => void) | null = null;

  constructor(readonly net: Net) {
    this.ledger = new EventLedger(net);
    setImmediate(this.tick);
  }

  /** The next event of `handle`; rejects after `timeoutMs`. */
  next(handle: number, timeoutMs = 10_000): Promise<NetEvent> {
    const queued = this.buffered.get(handle);
    if (queued !== undefined && queued.length > 0) {
      const event = queued.shift() as NetEvent;
      if (queued.length === 0) this.buffered.delete(handle);
      return Promise.resolve(event);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(handle);
        reject(new Error(`no event on handle ${handle} within ${timeoutMs} ms (status ${this.net.status(handle)})`));
      }, timeoutMs);
      this.waiting.set(handle, { resolve, timer });
    });
  }

  /** Awaits events of `handle` until one of `type`; fails on an unexpected terminal event. */
  async until<T extends NetEvent["type"]>(handle: number, type: T): Promise<Extract<NetEvent, { type: T }>> {
    for (;;) {
      const event = await this.next(handle);
      if (event.type === type) return event as Extract<NetEvent, { type: T }>;
      if (event.type === "error" || event.type === "closed" || event.type === "http_done") {
        throw new Error(`handle ${handle} ended with ${JSON.stringify(event)} while awaiting "${type}"`);
      }
    }
  }

  /** Stops the tick loop. */
  stop(): void {
    this.running = false;
  }

  private readonly tick = (): void => {
    if (!this.running) return;
    for (const event of this.ledger.drain()) {
      const waiter = this.waiting.get(event.handle);
      if (waiter !== undefined) {
        this.waiting.delete(event.handle);
        clearTimeout(waiter.timer);
        waiter.resolve(event);
      } else if (this.onUnclaimed !== null) {
        this.onUnclaimed(event);
      } else {
        const queued = this.buffered.get(event.handle);
        if (queued === undefined) this.buffered.set(event.handle, [event]);
        else queued.push(event);
      }
    }
    setImmediate(this.tick);
  };
}
