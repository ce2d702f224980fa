/**
 * An in-process TCP peer on node:net for tests that must control exactly
 * what the other end writes and when (framing split at every offset, remote
 * closes), and see exactly what arrived. Accepted sockets are handed out in
 * order; every wait is bounded; the peer closes when the current test ends.
 */
import * as net from "node:net";
import { after } from "node:test";
import { pollUntil } from "./poll.js";

/** One accepted connection on the peer's side, with everything it received. */
export interface PeerConnection {
  socket: net.Socket;
  /** Bytes received so far. */
  received(): Buffer;
  /** True once the client ended its side. */
  ended(): boolean;
  /** Writes `data` and resolves once Node handed it to the kernel. */
  write(data: Uint8Array | string): Promise<void>;
}

/** A listening peer. */
export interface TcpPeer {
  port: number;
  /** The next accepted connection, in order (waits for it, bounded). */
  accepted(): Promise<PeerConnection>;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

/** Listens on `host` (127.0.0.1 by default), port 0, until the current test ends. */
export async function tcpPeerForTest(host = "127.0.0.1"): Promise<TcpPeer> {
  const connections: PeerConnection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const chunks: Buffer[] = [];
    let ended = false;
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", () => (ended = true));
    socket.on("error", () => {});
    connections.push({
      socket,
      received: () => Buffer.concat(chunks),
      ended: () => ended,
      write: (data) => new Promise((resolve, reject) => socket.write(data, (error) => (error ? reject(error) : resolve()))),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as net.AddressInfo;
  let next = 0;
  const peer: TcpPeer = {
    port,
    async accepted() {
      const index = next++;
      return pollUntil(() => connections[index], { what: `connection #${index + 1} on the test peer` });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  after(() => peer.close());
  return peer;
}
