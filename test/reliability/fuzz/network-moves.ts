/**
 * The fuzzer's moves over `runtime.network`: `Network.Connect`, every
 * method of the sockets it returns, and `fetch` with options well-formed
 * and not. Each checks what came back, like the `net` moves.
 */
import type { FetchOptions, NetworkModule, Socket, TextEncodingName } from "../../../src/index.js";
import type { FuzzContext, Move } from "./actions.js";
import type { NetworkModel } from "./network-model.js";

/** What the network moves work with, besides the `net` context. */
export interface NetworkContext extends FuzzContext {
  network: NetworkModule;
  networkModel: NetworkModel;
}

const ENCODINGS: readonly unknown[] = [undefined, "utf8", "utf-8", "ascii", "latin1", "base64", "hex", "bogus", 7];

/** A socket the run holds, or undefined when it holds none. */
function someSocket(c: NetworkContext): Socket | undefined {
  const sockets = c.networkModel.sockets;
  return sockets.length === 0 ? undefined : sockets[c.values.rng.int(sockets.length)];
}

/** Data for Socket.write: bytes, a byte array (some entries out of range), text, or garbage. */
function writeData(c: NetworkContext): [unknown, unknown] {
  const rng = c.values.rng;
  switch (rng.int(5)) {
    case 0:
      return [new Uint8Array(1 + rng.int(500)).fill(65), undefined];
    case 1:
      return [rng.chance(0.8) ? [72, 105, 10] : [72, 300, -1], undefined];
    case 2:
      return [c.values.text(), rng.pick(ENCODINGS)];
    default:
      return [c.values.garbage(), rng.pick(ENCODINGS)];
  }
}

/** Options for fetch: none, a method, headers, a body of each kind, or garbage. */
function fetchOptions(c: NetworkContext): unknown {
  const rng = c.values.rng;
  if (rng.chance(0.3)) return undefined;
  if (rng.chance(0.1)) return c.values.garbage();
  const [name, value] = c.values.header();
  const body = rng.pick<unknown>([undefined, "text body", new Uint8Array([1, 2, 3]), { json: { n: rng.int(9) } }, { json: 1n }, 42]);
  return { method: rng.pick(["GET", "post", "PUT", "PATCH", "DELETE", "HEAD", "TRACE", 5]), headers: { [String(name)]: value }, body };
}

/** Every network move. */
export const NETWORK_MOVES: Move<NetworkContext>[] = [
  {
    name: "Network.Connect",
    weight: 3,
    run: (c) => c.networkModel.adoptSocket(c.network.Network.Connect(...(c.values.tcpTarget() as [string, number]))),
  },
  {
    name: "Socket.write",
    weight: 4,
    run: (c) => {
      const socket = someSocket(c);
      if (socket === undefined) return undefined;
      const [data, encoding] = writeData(c);
      const result = socket.write(data as string, encoding as TextEncodingName);
      return typeof result === "boolean" ? undefined : `Socket.write returned ${String(result)}`;
    },
  },
  {
    name: "Socket.read",
    weight: 4,
    run: (c) => {
      const socket = someSocket(c);
      if (socket === undefined) return undefined;
      const n = c.values.rng.pick<unknown>([undefined, undefined, 1, 3, 64, 1e9, -1, 1.5, "2"]);
      const bytes = socket.read(n as number);
      if (bytes !== null && !(bytes instanceof Uint8Array)) return `Socket.read returned ${typeof bytes}`;
      if (bytes !== null && typeof n === "number" && bytes.length !== n) return `Socket.read(${n}) gave ${bytes.length} bytes`;
      return bytes !== null && bytes.length === 0 ? "Socket.read gave an empty buffer instead of null" : undefined;
    },
  },
  {
    name: "Socket.close",
    weight: 2,
    run: (c) => {
      const result = someSocket(c)?.close();
      return result === undefined ? undefined : `Socket.close returned ${String(result)}`;
    },
  },
  {
    name: "fetch",
    weight: 3,
    run: (c) => c.networkModel.follow(() => c.network.fetch(c.values.httpUrl() as string, fetchOptions(c) as FetchOptions)),
  },
];
