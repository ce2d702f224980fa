/**
 * WebSocket sending: 64-byte text messages (one ws.send per message, or
 * with the socket corked per batch, on the raw side) and 64 KiB binary
 * messages. The peer process answers the handshake and counts frame bytes.
 */
import type { Socket } from "node:net";
import { WebSocket } from "ws";
import { DEFAULT_LIMITS } from "../../src/index.js";
import type { BenchCase, BenchEnv } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { TickLoop, waitFor } from "../lib/tick-loop.js";
import { benchRuntime, sendingLoop, untilConnected } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

const SMALL = `${"tick".repeat(15)}123\n`;
const BULK = new Uint8Array(64 * 1024).map((_, i) => i & 0xff);
const LIMIT = DEFAULT_LIMITS.sendBufferBytes;
/** Client frame overhead: 2 header bytes and a 4-byte mask, plus 8 length bytes past 65,535. */
const SMALL_FRAME = SMALL.length + 6;
const BULK_FRAME = BULK.length + 14;

interface WsPlan {
  payload: string | Uint8Array;
  perTick: number;
  corkRaw: boolean;
}

/** Opens a raw `ws` client and returns it with its socket. */
async function rawClient(port: number): Promise<{ ws: WebSocket; socket: Socket }> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, { perMessageDeflate: false });
  let socket: Socket | undefined;
  ws.once("upgrade", (response) => (socket = response.socket as Socket));
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  if (socket === undefined) throw new Error("bench: the ws client opened without an upgrade");
  return { ws, socket };
}

/** The raw `ws` side: one ws.send per message, optionally with the socket corked per tick's batch. */
function rawSender(client: { ws: WebSocket; socket: Socket }, plan: WsPlan, progress: () => Promise<number>): Workload {
  const { ws, socket } = client;
  const size = typeof plan.payload === "string" ? plan.payload.length : plan.payload.length;
  const binary = typeof plan.payload !== "string";
  const loop = new TickLoop(() => {
    if (plan.corkRaw) socket.cork();
    for (let i = 0; i < plan.perTick && ws.bufferedAmount + size <= LIMIT; i++) ws.send(plan.payload, { binary });
    if (plan.corkRaw) socket.uncork();
  });
  return {
    start: () => loop.start(),
    stop: async () => {
      await loop.stop();
      await waitFor(() => ws.bufferedAmount === 0, "the raw WebSocket to drain");
    },
    progress,
  };
}

/** Measures tickwire's ws_send against raw `ws`; samples are peer bytes/s times `scale`. */
async function measureWs(plan: WsPlan, scale: number, env: BenchEnv, withRunIn = false) {
  const peer = await startPeer("ws-sink");
  const runtime = benchRuntime();
  const net = runtime.net;
  const handle = net.ws_connect(`ws://127.0.0.1:${peer.port}/`);
  await untilConnected(net, handle);
  const payload = plan.payload;
  const send = typeof payload === "string" ? () => net.ws_send(handle, payload) : () => net.ws_send_binary(handle, payload);
  const loop = sendingLoop(net, plan.perTick, send);
  const client = await rawClient(peer.port);
  return alternate(
    env,
    {
      tickwire: { start: () => loop.start(), stop: () => loop.stop(), progress: peer.count },
      baseline: rawSender(client, plan, peer.count),
      close: async () => {
        client.ws.terminate();
        await runtime.close();
        await peer.stop();
      },
    },
    scale,
    withRunIn,
  );
}

/**
 * 64-byte messages, one ws.send each on the raw side, each side after a
 * run-in: without one, each process's first pair measured the raw client
 * faster than its later ones (pairs of 13.9 and 14.6 against 19.8 to 20.0 in
 * one run), so the median leaned on how many first pairs a run drew.
 */
export const wsSmallNaive: BenchCase = {
  name: "ws-small-naive",
  what: "64-byte messages, raw ws.send per message vs ws_send",
  unit: "msg/s",
  baselineName: "ws send per message",
  goal: 8,
  measure: (env) => measureWs({ payload: SMALL, perTick: 1000, corkRaw: false }, 1 / SMALL_FRAME, env, true),
};

/**
 * 64-byte messages, the raw client's socket corked per batch of 1,000, each
 * side after a run-in (see `alternate`). The raw corked client sends about
 * 1.8 million messages a second until its process has been through three or
 * four full collections and about 0.85 million from then on, for as long as a
 * process was watched (10 windows; in a CPU profile the later time is in ws's
 * own `Sender#send`). A window starts with a collection, so unwarmed, each
 * process's first raw window measured a speed the rest of its run, and a
 * long-running game, never sees.
 */
export const wsSmallCorked: BenchCase = {
  name: "ws-small-corked",
  what: "64-byte messages, raw ws client corked per batch of 1,000",
  unit: "msg/s",
  baselineName: "ws corked per 1,000",
  goal: 1.0,
  measure: (env) => measureWs({ payload: SMALL, perTick: 1000, corkRaw: true }, 1 / SMALL_FRAME, env, true),
};

/** 64 KiB binary messages, payload megabytes per second. */
export const wsBulk: BenchCase = {
  name: "ws-bulk",
  what: "64 KiB binary messages",
  unit: "MB/s",
  baselineName: "ws send per message",
  goal: 1.0,
  measure: (env) => measureWs({ payload: BULK, perTick: 16, corkRaw: false }, BULK.length / BULK_FRAME / 1e6, env),
};
