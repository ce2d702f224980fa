/**
 * Bench peer: a TCP server that streams 64-byte text messages to every
 * client as fast as the client reads them, honouring backpressure.
 */
import * as net from "node:net";
import { reportToParent } from "./report.js";

const MESSAGE = Buffer.from(`${"tick".repeat(15)}123\n`);
/** 1 MiB a write: with 64 KiB writes this peer, not the receiver measured, set the pace (reads came back part-full). */
const BLOCK = Buffer.concat(Array.from({ length: 16 * 1024 }, () => MESSAGE));
let sent = 0;

function pump(socket: net.Socket): void {
  while (!socket.destroyed) {
    sent += BLOCK.length;
    if (!socket.write(BLOCK)) return void socket.once("drain", () => pump(socket));
  }
}

const server = net.createServer({ noDelay: true }, (socket) => {
  socket.on("error", () => socket.destroy());
  pump(socket);
});
server.listen({ port: 0, host: "127.0.0.1" }, () => {
  reportToParent((server.address() as net.AddressInfo).port, () => sent);
});
