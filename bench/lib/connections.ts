/**
 * Opening thousands of idle connections to a peer, in batches small enough
 * for the listen backlog: raw `node:net` sockets, or tickwire handles waited
 * for through `net.poll_event()`.
 */
import * as net from "node:net";
import type { Net } from "../../src/index.js";
import { waitFor } from "./tick-loop.js";

const BATCH = 500;

/** Opens `count` raw sockets with the listeners an application would attach. */
export async function openRawSockets(port: number, count: number): Promise<net.Socket[]> {
  const sockets: net.Socket[] = [];
  let connected = 0;
  for (let opened = 0; opened < count; ) {
    for (const end = Math.min(count, opened + BATCH); opened < end; opened++) {
      const socket = net.connect({ host: "127.0.0.1", port, noDelay: true });
      socket.on("data", () => {});
      socket.on("error", (error) => {
        throw error;
      });
      socket.once("connect", () => connected++);
      sockets.push(socket);
    }
    await waitFor(() => connected === opened, `${opened} raw sockets to connect`);
  }
  return sockets;
}

/** Destroys raw sockets and waits until every one has closed. */
export async function closeRawSockets(sockets: net.Socket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => new Promise((resolve) => socket.once("close", resolve).destroy())));
}

/** Opens `count` tickwire connections, draining events until all are connected; returns their handles. */
export async function openTickwireConnections(api: Net, port: number, count: number): Promise<number[]> {
  const handles: number[] = [];
  let connected = 0;
  for (let opened = 0; opened < count; ) {
    for (const end = Math.min(count, opened + BATCH); opened < end; opened++) handles.push(api.tcp_connect("127.0.0.1", port));
    await waitFor(() => {
      for (let event = api.poll_event(); event !== undefined; event = api.poll_event()) {
        if (event.type === "connected") connected++;
        else throw new Error(`bench: unexpected ${event.type} event: ${JSON.stringify(event)}`);
      }
      return connected === opened;
    }, `${opened} tickwire connections to connect`);
  }
  return handles;
}
