/**
 * TCP receiving: a peer process streams 64-byte text messages, and each side
 * hands a tick loop the same thing, the text as strings. The raw side is a
 * node:net socket with setEncoding("utf8") counting the text of its 'data'
 * listener (run beside the same, empty, tick loop, as a game using node:net
 * would); the tickwire side is a tick loop that drains `net.poll_event()` and
 * counts the text it gets.
 */
import * as net from "node:net";
import type { BenchCase } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { TickLoop } from "../lib/tick-loop.js";
import { benchRuntime } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

/** The raw side: a fresh socket per window, decoding UTF-8 as tickwire does, counting the text of 'data'. */
function rawReceiver(port: number): Workload {
  let bytes = 0;
  let socket: net.Socket | null = null;
  const loop = new TickLoop(() => {});
  return {
    start() {
      socket = net.connect({ host: "127.0.0.1", port });
      socket.setEncoding("utf8");
      socket.on("data", (text: string) => (bytes += text.length));
      loop.start();
    },
    async stop() {
      socket?.destroy();
      await loop.stop();
    },
    progress: () => bytes,
  };
}

/** The tickwire side: a fresh connection per window, drained by a tick loop. */
function tickwireReceiver(port: number): { work: Workload; close(): Promise<void> } {
  const runtime = benchRuntime();
  const api = runtime.net;
  let bytes = 0;
  let handle = 0;
  const loop = new TickLoop(() => {
    for (let event = api.poll_event(); event !== undefined; event = api.poll_event()) {
      if (event.type === "data") bytes += event.data.length;
    }
  });
  const work: Workload = {
    start() {
      handle = api.tcp_connect("127.0.0.1", port);
      loop.start();
    },
    async stop() {
      api.close(handle);
      await loop.stop();
    },
    progress: () => bytes,
  };
  return { work, close: () => runtime.close() };
}

/** A peer streams 64-byte messages; bytes received per second. */
export const tcpRecv: BenchCase = {
  name: "tcp-recv",
  what: "a peer process streams 64-byte text messages; node:net 'data' text (setEncoding utf8) vs a tick loop draining poll_event",
  unit: "MB/s",
  baselineName: "node:net 'data' text (utf8)",
  goal: 1.0,
  async measure(env) {
    const peer = await startPeer("tcp-source");
    const tickwire = tickwireReceiver(peer.port);
    return alternate(
      env,
      {
        tickwire: tickwire.work,
        baseline: rawReceiver(peer.port),
        close: async () => {
          await tickwire.close();
          await peer.stop();
        },
      },
      1e-6,
      // with a run-in: the raw reader's first window of a process read 4,200 to 4,800 MB per CPU-second, later ones 2,450 to 3,000
      true,
    );
  },
};
