/**
 * One-shot deadlines (a connect that must complete in time), kept as a bare
 * timer field on their owner so that a connection carries no extra object
 * once connected. Shared by the TCP and WebSocket backends.
 */

/** A running deadline, or null. */
export type Deadline = ReturnType<typeof setTimeout> | null;

/** Calls `expire(owner)` after `ms` milliseconds (0: never); returns the deadline to keep. */
export function startDeadline<T>(ms: number, expire: (owner: T) => void, owner: T): Deadline {
  return ms > 0 ? setTimeout(expire, ms, owner) : null;
}

/** Stops a deadline; returns null, to store back in its field. */
export function stopDeadline(deadline: Deadline): null {
  if (deadline !== null) clearTimeout(deadline);
  return null;
}
