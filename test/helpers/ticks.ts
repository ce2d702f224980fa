/**
 * A stand-in for the engine's `Event.OnTick` in tests that replay the seed's
 * game-loop examples: each `tick()` resolves on a later turn of the event
 * loop, and a loop that runs past its deadline fails with what it was doing.
 */

/** Returns a `tick()` that waits one short turn and throws once `timeoutMs` has passed. */
export function ticker(what: string, timeoutMs = 10_000): () => Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return async () => {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms in ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  };
}
