/**
 * Small helpers shared by the Node backends of every protocol.
 */
import type { Socket } from "node:net";

/** Destroys a socket and resolves once it has closed. */
export function destroyAndWait(socket: Socket): Promise<void> {
  if (socket.closed) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.destroy();
  });
}

/** Formats an address as "ip:port", bracketing IPv6. */
export function formatAddress(ip: string | undefined, port: number | undefined): string | undefined {
  if (ip === undefined || port === undefined) return undefined;
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}
