/**
 * Bench peer: a UDP socket on 127.0.0.1 that counts every datagram it
 * receives and never answers.
 */
import * as dgram from "node:dgram";
import { reportToParent } from "./report.js";

let received = 0;
const socket = dgram.createSocket({ type: "udp4", recvBufferSize: 4 * 1024 * 1024 });
socket.on("message", () => received++);
socket.bind(0, "127.0.0.1", () => reportToParent(socket.address().port, () => received));
