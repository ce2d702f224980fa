/**
 * Small helpers shared by the Node backends of every protocol.
 */
import type { AddressInfo, Socket } from "node:net";

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

/** The port a server is bound to, once it is. */
export function boundPort(server: { address(): AddressInfo | string | null }): number | undefined {
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : undefined;
}

/** Closes a server (it stops accepting) and resolves once it has closed. */
export function closeServer(server: { close(done?: (error?: Error) => void): unknown }): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
