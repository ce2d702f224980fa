/**
 * Helpers for the tickwire side of a case: a runtime, a connection that is
 * waited for through `net.poll_event()` like a script would, and a sending
 * tick loop that drains the queue every tick.
 */
import { createNetRuntime, type Net, type NetRuntime, type RuntimeOptions } from "../../src/index.js";
import { TickLoop, waitFor } from "./tick-loop.js";

/** Creates a runtime for a bench side. */
export function benchRuntime(options?: RuntimeOptions): NetRuntime {
  return createNetRuntime(options);
}

/** Waits, draining events, until `handle` is connected; throws on its error. */
export async function untilConnected(net: Net, handle: number): Promise<void> {
  await waitFor(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.handle === handle && event.type === "error") throw new Error(`bench: connect failed: ${event.data}`);
    }
    return net.status(handle) === "connected";
  }, `handle ${handle} to connect`);
}

/** A tick loop that calls `send` up to `perTick` times per tick (stopping at the first refusal) and drains the queue. */
export function sendingLoop(net: Net, perTick: number, send: () => true | string): TickLoop {
  return new TickLoop(() => {
    for (let i = 0; i < perTick; i++) if (send() !== true) break;
    while (net.poll_event() !== undefined);
  });
}
