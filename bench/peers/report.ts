/**
 * The peer side of the bench IPC: tell the parent the port once listening,
 * answer every "count" with the current byte counter.
 */

/** Reports `port` to the parent and serves its "count" requests from `count`. */
export function reportToParent(port: number, count: () => number): void {
  const send = process.send?.bind(process);
  if (send === undefined) throw new Error("bench peers run under the bench driver (fork with IPC)");
  send({ port });
  process.on("message", () => send({ count: count() }));
  process.on("disconnect", () => process.exit(0));
}

/**
 * Keeps the peer's event loop turning (a setImmediate chain) instead of
 * sleeping in epoll, so its idle core never halts: a latency-bound case then
 * measures the client's own cost, not how long the virtual CPU takes to wake.
 */
export function stayAwake(): void {
  const spin = (): void => void setImmediate(spin);
  spin();
}
