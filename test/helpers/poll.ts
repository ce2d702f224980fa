/**
 * The one waiting helper every test uses: poll a condition on a short timer
 * until it holds or a deadline passes, failing with a message that says what
 * was awaited. No test sleeps a guessed amount.
 */
import type { Net, NetEvent } from "../../src/index.js";

/** Options of `pollUntil`. */
export interface PollOptions {
  timeoutMs?: number;
  /** What is awaited, for the failure message. */
  what?: string;
}

/** Resolves with the first truthy value of `check`, or rejects after the deadline. */
export async function pollUntil<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  options: PollOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? "a condition"}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const histories = new WeakMap<Net, NetEvent[]>();

/** Every event a test has drained from `net` through these helpers, oldest first. */
export function history(net: Net): NetEvent[] {
  let events = histories.get(net);
  if (events === undefined) histories.set(net, (events = []));
  return events;
}

/** Like `pollUntil` for an asynchronous check (such as an HTTP request): resolves with its first truthy value. */
export async function pollAsync<T>(check: () => Promise<T | undefined | null | false>, options: PollOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? "a condition"}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Drains `net.poll_event()` into the net's history until `done(history)` holds; returns the history. */
export async function eventsUntil(
  net: Net,
  done: (events: NetEvent[]) => boolean,
  options: PollOptions = {},
): Promise<NetEvent[]> {
  const events = history(net);
  await pollUntil(
    () => {
      for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) events.push(event);
      return done(events);
    },
    { ...options, what: `${options.what ?? "events"} (got ${describe(events)})` },
  );
  return events;
}

/** Waits for an event of `type` on `handle`, draining the queue; returns it. */
export async function eventOf<T extends NetEvent["type"]>(
  net: Net,
  handle: number,
  type: T,
  options: PollOptions = {},
): Promise<Extract<NetEvent, { type: T }>> {
  const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === handle && e.type === type), {
    ...options,
    what: options.what ?? `"${type}" on handle ${handle}`,
  });
  return events.find((e) => e.handle === handle && e.type === type) as Extract<NetEvent, { type: T }>;
}

/** Waits until a listener is bound and returns its port. */
export function boundPort(net: Net, listener: number): Promise<number> {
  return pollUntil(() => net.local_port(listener), { what: `listener ${listener} to be bound (status ${net.status(listener)})` });
}

function describe(events: NetEvent[]): string {
  const shown = events.slice(-8).map((e) => `${e.type}@${e.handle}`);
  return `${events.length} events${shown.length > 0 ? `, last: ${shown.join(" ")}` : ""}`;
}
