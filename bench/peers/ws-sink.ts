/**
 * Bench peer: a WebSocket server that answers the opening handshake and
 * then only counts the bytes of the frames it receives, so that the peer's
 * own frame parsing never limits what the measured sender can push.
 */
import { createHash } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { reportToParent } from "./report.js";

const GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
let received = 0;

const server = http.createServer((_request, response) => response.writeHead(426).end());
server.on("upgrade", (request: http.IncomingMessage, socket: Socket, head: Buffer) => {
  const key = request.headers["sec-websocket-key"] ?? "";
  const accept = createHash("sha1").update(key + GUID).digest("base64");
  socket.setNoDelay(true);
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  received += head.length;
  socket.on("data", (chunk) => (received += chunk.length));
  socket.on("error", () => socket.destroy());
});
server.listen({ port: 0, host: "127.0.0.1" }, () => {
  reportToParent((server.address() as AddressInfo).port, () => received);
});
