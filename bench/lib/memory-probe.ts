/**
 * A fresh process that opens idle connections to a peer and reports the
 * memory each one costs: JS heap plus external bytes after full collections,
 * measured around the opening. Run by the conn-memory case, one process per
 * sample, so that no sample sees garbage left by another.
 * Usage: memory-probe.ts raw|tickwire <port> <count> (needs --expose-gc).
 */
import { closeRawSockets, openRawSockets, openTickwireConnections } from "./connections.js";
import { sleep } from "./tick-loop.js";
import { benchRuntime, untilConnected } from "./tickwire-side.js";

/** Heap and external bytes in use after full collections. */
async function bytesInUse(): Promise<number> {
  const collect = globalThis.gc;
  if (collect === undefined) throw new Error("bench: the memory probe needs node --expose-gc");
  for (let i = 0; i < 3; i++) {
    collect();
    await sleep(10);
  }
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** Bytes per raw node:net socket. */
async function rawPerConnection(port: number, count: number): Promise<number> {
  await closeRawSockets(await openRawSockets(port, 1));
  const before = await bytesInUse();
  const sockets = await openRawSockets(port, count);
  const perConnection = ((await bytesInUse()) - before) / count;
  await closeRawSockets(sockets);
  return perConnection;
}

/** Bytes per tickwire connection, in a runtime whose TCP backend is already loaded. */
async function tickwirePerConnection(port: number, count: number): Promise<number> {
  const runtime = benchRuntime();
  await untilConnected(runtime.net, runtime.net.tcp_connect("127.0.0.1", port));
  const before = await bytesInUse();
  await openTickwireConnections(runtime.net, port, count);
  const perConnection = ((await bytesInUse()) - before) / count;
  await runtime.close();
  return perConnection;
}

const [side, port, count] = process.argv.slice(2);
const measure = side === "raw" ? rawPerConnection : tickwirePerConnection;
const perConnection = await measure(Number(port), Number(count));
process.send?.({ perConnection }, () => process.exit(0));
