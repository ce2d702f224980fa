/**
 * A raw `node:net` server for adversarial tests: it answers each connection
 * with whatever bytes the test scripts, so a test can speak broken HTTP or
 * broken WebSocket frames that no well-behaved library would produce.
 */
import { after } from "node:test";
import * as net from "node:net";

/** A listening raw server and its port. */
export interface RawServer {
  port: number;
  server: net.Server;
}

/** Listens on 127.0.0.1:0, calls `onRequest` with the socket and the first bytes received; closed after the file. */
export async function rawServer(onRequest: (socket: net.Socket, firstBytes: Buffer) => void): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (first) => onRequest(socket, first));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => {
    for (const socket of sockets) socket.destroy();
    server.close();
  });
  return { port: (server.address() as net.AddressInfo).port, server };
}

/** Writes `line` every `everyMs` until the socket closes (endless headers, slowloris). */
export function dribble(socket: net.Socket, line: () => string, everyMs: number): void {
  const timer = setInterval(() => {
    if (socket.destroyed || !socket.writable) return clearInterval(timer);
    socket.write(line());
  }, everyMs);
  socket.on("close", () => clearInterval(timer));
}
