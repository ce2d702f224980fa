/**
 * TCP sending: 64-byte messages (one write per message, or corked per
 * batch, on the raw side) and 16 KiB chunks, each tick sending a batch until
 * the 4 MiB send buffer is full. The peer process counts what arrives.
 */
import * as net from "node:net";
import { DEFAULT_LIMITS } from "../../src/index.js";
import type { BenchCase } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { TickLoop, waitFor } from "../lib/tick-loop.js";
import { benchRuntime, sendingLoop, untilConnected } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

const SMALL = `${"tick".repeat(15)}123\n`;
const BULK = "0123456789abcdef".repeat(1024);
const LIMIT = DEFAULT_LIMITS.sendBufferBytes;

interface SendPlan {
  payload: string;
  perTick: number;
  corkRaw: boolean;
}

/** Opens a raw socket to the peer. */
async function rawSocket(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: "127.0.0.1", port, noDelay: true });
  await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  return socket;
}

/** The raw node:net side: one socket.write per message, optionally corked per tick's batch. */
function rawSender(socket: net.Socket, plan: SendPlan, progress: () => Promise<number>): Workload {
  const size = Buffer.byteLength(plan.payload);
  const loop = new TickLoop(() => {
    if (plan.corkRaw) socket.cork();
    for (let i = 0; i < plan.perTick && socket.writableLength + size <= LIMIT; i++) socket.write(plan.payload);
    if (plan.corkRaw) socket.uncork();
  });
  return {
    start: () => loop.start(),
    stop: async () => {
      await loop.stop();
      await waitFor(() => socket.writableLength === 0, "the raw socket to drain");
    },
    progress,
  };
}

/** Measures tickwire's tcp_send against raw node:net for one plan; samples are bytes/s times `scale`. */
async function measureSend(plan: SendPlan, windowScale: number, env: Parameters<BenchCase["measure"]>[0]) {
  const peer = await startPeer("tcp-sink");
  const runtime = benchRuntime();
  const handle = runtime.net.tcp_connect("127.0.0.1", peer.port);
  await untilConnected(runtime.net, handle);
  const loop = sendingLoop(runtime.net, plan.perTick, () => runtime.net.tcp_send(handle, plan.payload));
  const socket = await rawSocket(peer.port);
  return alternate(
    env,
    {
      tickwire: { start: () => loop.start(), stop: () => loop.stop(), progress: peer.count },
      baseline: rawSender(socket, plan, peer.count),
      close: async () => {
        socket.destroy();
        await runtime.close();
        await peer.stop();
      },
    },
    windowScale,
  );
}

/** 64-byte messages, one socket.write each on the raw side. */
export const tcpSmallNaive: BenchCase = {
  name: "tcp-small-naive",
  what: "64-byte messages, raw socket.write per message vs tcp_send per message",
  unit: "msg/s",
  baselineName: "node:net write per message",
  goal: 25,
  measure: (env) => measureSend({ payload: SMALL, perTick: 1000, corkRaw: false }, 1 / SMALL.length, env),
};

/** 64-byte messages, the raw side corked per batch of 1,000. */
export const tcpSmallCorked: BenchCase = {
  name: "tcp-small-corked",
  what: "64-byte messages, raw side corked per batch of 1,000",
  unit: "msg/s",
  baselineName: "node:net corked per 1,000",
  goal: 2.0,
  measure: (env) => measureSend({ payload: SMALL, perTick: 1000, corkRaw: true }, 1 / SMALL.length, env),
};

/** 16 KiB chunks, bytes per second. */
export const tcpBulk: BenchCase = {
  name: "tcp-bulk",
  what: "16 KiB chunks",
  unit: "MB/s",
  baselineName: "node:net write per chunk",
  goal: 1.0,
  measure: (env) => measureSend({ payload: BULK, perTick: 64, corkRaw: false }, 1e-6, env),
};
