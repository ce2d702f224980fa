/**
 * UDP: `udp-small` sends 64-byte datagrams from a tick loop, `udp_send` per
 * datagram against raw `dgram.send` per datagram, counted at a receiver
 * process; `udp-recv` has a peer process flood 64-byte datagrams at one
 * port, which each side binds for its windows in turn, and counts what a
 * tick loop draining `poll_event` gets against a raw 'message' listener.
 * The receiving handle is opened `{ binary: true }`, as real-time state is
 * bytes, so both sides hand their script the datagram's bytes; text mode
 * adds one UTF-8 decode per datagram (docs/benchmarks.md).
 */
import * as dgram from "node:dgram";
import { DEFAULT_LIMITS, type NetRuntime, type UdpOpenOptions } from "../../src/index.js";
import type { BenchCase, BenchEnv } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { TickLoop, waitFor } from "../lib/tick-loop.js";
import { benchRuntime, sendingLoop } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

const PAYLOAD = `${"tick".repeat(15)}123\n`;
const PER_TICK = 256;
/** The raw sender's queue bound, the same bytes as tickwire's send buffer. */
const RAW_QUEUE_BYTES = DEFAULT_LIMITS.sendBufferBytes;

/** A raw udp4 socket bound to 127.0.0.1 (port 0 picks one). */
async function rawSocket(port = 0): Promise<dgram.Socket> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve, reject) => socket.once("error", reject).bind(port, "127.0.0.1", () => resolve()));
  return socket;
}

/** Opens a tickwire UDP socket on 127.0.0.1 and waits until it is bound. */
async function boundHandle(runtime: NetRuntime, port = 0, what = "the tickwire UDP socket", options?: UdpOpenOptions): Promise<number> {
  const handle = runtime.net.udp_open(port, "127.0.0.1", options);
  await waitFor(() => runtime.net.status(handle) !== "opening", `${what} to bind`);
  if (runtime.net.status(handle) !== "listening") throw new Error(`bench: ${what} is ${runtime.net.status(handle)}`);
  return handle;
}

/** The raw sending side: one dgram.send per datagram, PER_TICK per tick while its queue has room. */
function rawSender(socket: dgram.Socket, port: number, progress: () => Promise<number>): Workload {
  const loop = new TickLoop(() => {
    for (let i = 0; i < PER_TICK && socket.getSendQueueSize() + PAYLOAD.length <= RAW_QUEUE_BYTES; i++) {
      socket.send(PAYLOAD, port, "127.0.0.1");
    }
  });
  return {
    start: () => loop.start(),
    stop: async () => {
      await loop.stop();
      await waitFor(() => socket.getSendQueueCount() === 0, "the raw socket to drain");
    },
    progress,
  };
}

/** 64-byte datagrams per second sent, counted by the sink process. */
export const udpSmall: BenchCase = {
  name: "udp-small",
  what: "64-byte datagrams from a tick loop, udp_send per datagram vs raw dgram.send per datagram, counted at a receiver process",
  unit: "datagrams/s",
  baselineName: "node:dgram send per datagram",
  goal: 0.9,
  async measure(env: BenchEnv) {
    const sink = await startPeer("udp-sink");
    const runtime = benchRuntime();
    const handle = await boundHandle(runtime);
    const loop = sendingLoop(runtime.net, PER_TICK, () => runtime.net.udp_send(handle, "127.0.0.1", sink.port, PAYLOAD));
    const socket = await rawSocket();
    return alternate(env, {
      tickwire: { start: () => loop.start(), stop: () => loop.stop(), progress: sink.count },
      baseline: rawSender(socket, sink.port, sink.count),
      close: async () => {
        socket.close();
        await runtime.close();
        await sink.stop();
      },
    });
  },
};

/** The raw receiving side: a socket bound to the flooded port per window, counting in its 'message' listener. */
function rawReceiver(port: number): Workload {
  let received = 0;
  let socket: dgram.Socket | null = null;
  const loop = new TickLoop(() => {});
  return {
    async start() {
      socket = await rawSocket(port);
      socket.on("message", () => received++);
      loop.start();
    },
    async stop() {
      await new Promise<void>((resolve) => (socket === null ? resolve() : socket.close(() => resolve())));
      await loop.stop();
    },
    progress: () => received,
  };
}

/** The tickwire receiving side: a binary handle bound to the flooded port per window, drained by a tick loop. */
function tickwireReceiver(runtime: NetRuntime, port: number): Workload {
  const net = runtime.net;
  let received = 0;
  let handle = 0;
  const loop = new TickLoop(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.type === "datagram") received++;
    }
  });
  return {
    async start() {
      handle = await boundHandle(runtime, port, "the flooded port", { binary: true });
      loop.start();
    },
    async stop() {
      net.close(handle);
      net.close(handle);
      await loop.stop();
    },
    progress: () => received,
  };
}

/** Datagrams per second delivered to the script from a flooding peer. */
export const udpRecv: BenchCase = {
  name: "udp-recv",
  what: "a peer process floods 64-byte datagrams; raw 'message' listener count vs a tick loop draining poll_event from a { binary: true } socket",
  unit: "datagrams/s",
  baselineName: "node:dgram 'message' listener",
  goal: 0.9,
  async measure(env: BenchEnv) {
    const port = (await rawSocket().then(async (probe) => {
      const bound = probe.address().port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return bound;
    })) as number;
    const source = await startPeer("udp-source", String(port));
    const runtime = benchRuntime();
    return alternate(env, {
      tickwire: tickwireReceiver(runtime, port),
      baseline: rawReceiver(port),
      close: async () => {
        await runtime.close();
        await source.stop();
      },
    });
  },
};
