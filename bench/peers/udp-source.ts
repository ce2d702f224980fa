/**
 * Bench peer: floods 64-byte datagrams at 127.0.0.1:<port> (its argument),
 * 64 per turn of the event loop, whether or not anything is bound there; it
 * counts what it sent. The receiving side binds that port for each window.
 */
import * as dgram from "node:dgram";
import { reportToParent } from "./report.js";

const PAYLOAD = Buffer.from(`${"tick".repeat(15)}123\n`);
const BATCH = 64;
const port = Number(process.argv[2]);
let sent = 0;
const socket = dgram.createSocket("udp4");

function pump(): void {
  for (let i = 0; i < BATCH && socket.getSendQueueCount() < 4 * BATCH; i++) {
    socket.send(PAYLOAD, port, "127.0.0.1");
    sent++;
  }
  setImmediate(pump);
}

socket.on("error", () => {});
socket.bind(0, "127.0.0.1", () => {
  reportToParent(port, () => sent);
  pump();
});
