/**
 * Local peers for the seed-example tests, all on 127.0.0.1 port 0 and all
 * recording what they saw: a node:net TCP echo server, a node:net TCP
 * client, a node:http server answering JSON, and a `ws` WebSocket server
 * that echoes one message and then closes.
 */
import { once } from "node:events";
import * as http from "node:http";
import * as net from "node:net";
import { WebSocketServer } from "ws";

/** A running peer: its port, what it received, and how to stop it. */
export interface LocalPeer {
  port: number;
  received: string[];
  close(): Promise<void>;
}

async function listening(server: net.Server | http.Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as net.AddressInfo).port;
}

function closer(server: net.Server | http.Server, sockets: Set<{ destroy(): void }>): () => Promise<void> {
  return async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
}

/** A TCP echo server: every chunk it receives goes back unchanged. */
export async function tcpEchoServer(): Promise<LocalPeer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      received.push(chunk);
      socket.write(chunk);
    });
    socket.on("error", () => {});
    socket.on("close", () => sockets.delete(socket));
  });
  return { port: await listening(server), received, close: closer(server, sockets) };
}

/** A TCP client of a listener that may not be bound yet: connects, retrying while refused, for up to 10 s. */
export async function tcpClient(port: number): Promise<{ socket: net.Socket; received: string[] }> {
  const received: string[] = [];
  const deadline = Date.now() + 10_000;
  let socket: net.Socket | undefined;
  while (!socket) {
    const s = net.connect({ host: "127.0.0.1", port });
    const connected = await new Promise<boolean>((resolve) => {
      s.once("connect", () => resolve(true));
      s.once("error", () => resolve(false));
    });
    if (connected) socket = s;
    else if (Date.now() > deadline) throw new Error(`timed out after 10000 ms waiting for a listener on port ${port}`);
    else await new Promise((resolve) => setTimeout(resolve, 5));
  }
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => received.push(chunk));
  socket.on("error", () => {});
  return { socket, received };
}

/** An HTTP server answering every request with `status` and the JSON text `body`; records "METHOD url header=value...". */
export async function httpJsonServer(status: number, body: string, headers: string[] = []): Promise<LocalPeer> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const seen = headers.map((h) => `${h}=${req.headers[h] ?? ""}`);
    req.resume();
    req.on("end", () => {
      received.push([`${req.method} ${req.url}`, ...seen].join(" "));
      res.writeHead(status, { "content-type": "application/json" });
      res.end(body);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return { port: await listening(server), received, close: closer(server, sockets) };
}

/** A WebSocket server that records "path" and each message, answers "echo: <message>", then closes with 1000. */
export async function wsEchoOnceServer(): Promise<LocalPeer> {
  const received: string[] = [];
  const server = http.createServer();
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket, req) => {
    received.push(`path ${req.url}`);
    socket.on("message", (data, isBinary) => {
      const text = isBinary ? `<binary ${String(data)}>` : String(data);
      received.push(text);
      socket.send(`echo: ${text}`, () => socket.close(1000, "bye"));
    });
  });
  const port = await listening(server);
  return {
    port,
    received,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
