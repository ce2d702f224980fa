/**
 * Bench peer: a TCP server that reads and counts every byte on every
 * connection and never writes; it also holds idle connections open.
 */
import * as net from "node:net";
import { reportToParent } from "./report.js";

let received = 0;
const server = net.createServer({ noDelay: true }, (socket) => {
  socket.on("data", (chunk) => (received += chunk.length));
  socket.on("error", () => socket.destroy());
});
server.maxConnections = 30_000;
server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => {
  reportToParent((server.address() as net.AddressInfo).port, () => received);
});
