/**
 * UDP for tests: real peers (socat as an echo, the Python socket peer of
 * test/peers/udp_peer.py) and small waits over `net` (a socket until it is
 * bound, datagram events until enough have come). Every wait has a deadline.
 */
import { execFile, spawn } from "node:child_process";
import * as dgram from "node:dgram";
import { fileURLToPath } from "node:url";
import type { Net, NetEvent, UdpOpenOptions } from "../../src/index.js";
import { eventsUntil, pollUntil } from "./poll.js";
import { requireProgram, stopProcess, type Peer } from "./processes.js";

const PEER = fileURLToPath(new URL("../peers/udp_peer.py", import.meta.url));

/** A datagram event. */
export type DatagramEvent = Extract<NetEvent, { type: "datagram" }>;

/** Opens a UDP socket and waits until it is bound; returns its handle and port. */
export async function openBound(net: Net, port?: number, host?: string, options?: UdpOpenOptions): Promise<{ handle: number; port: number }> {
  const handle = net.udp_open(port, host, options);
  await pollUntil(() => net.status(handle) !== "opening", { what: `udp socket ${handle} to bind` });
  if (net.status(handle) !== "listening") throw new Error(`udp socket ${handle} is ${net.status(handle)}`);
  return { handle, port: net.local_port(handle) as number };
}

/** Drains events until `count` datagrams of `handle` have come; returns those datagram events. */
export async function datagrams(net: Net, handle: number, count: number, timeoutMs = 10_000): Promise<DatagramEvent[]> {
  const ofHandle = (events: NetEvent[]) => events.filter((e): e is DatagramEvent => e.type === "datagram" && e.handle === handle);
  const events = await eventsUntil(net, (seen) => ofHandle(seen).length >= count, { timeoutMs, what: `${count} datagrams on ${handle}` });
  return ofHandle(events);
}

/** A free UDP port on `host` (for peers that cannot bind port 0 and report it). */
export async function freeUdpPort(host = "127.0.0.1"): Promise<number> {
  const socket = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Spawns a long-running peer; fails with one line naming the install command when the program is missing. */
function spawnPeer(command: string, args: string[]): { child: ReturnType<typeof spawn>; output: () => string; failure: () => Error | undefined } {
  const child = spawn(requireProgram(command), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let failure: Error | undefined;
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  child.once("error", (error) => (failure = error));
  child.once("exit", (code) => (failure ??= new Error(`${command} exited early (${code}): ${output}`)));
  return { child, output: () => output, failure: () => failure };
}

/** Answers true once something on host:port echoes a datagram back. */
async function echoes(host: string, port: number): Promise<boolean> {
  const probe = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
  try {
    const answered = new Promise<boolean>((resolve) => {
      probe.once("message", () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    probe.send("ping", port, host);
    return await answered;
  } finally {
    probe.close();
  }
}

/** socat as a UDP echo on host (each datagram answered to its sender, up to 64 KiB). */
export async function startSocatUdpEcho(host = "127.0.0.1"): Promise<Peer> {
  const port = await freeUdpPort(host);
  const listen = host.includes(":") ? `UDP6-RECVFROM:${port},bind=[${host}],fork` : `UDP4-RECVFROM:${port},bind=${host},fork`;
  const peer = spawnPeer("socat", ["-b", "65536", listen, "PIPE"]);
  await pollUntil(
    async () => {
      const failed = peer.failure();
      if (failed !== undefined) throw failed;
      return echoes(host, port);
    },
    { timeoutMs: 15_000, what: `socat to echo on udp ${host}:${port}` },
  );
  return { port, process: peer.child, output: peer.output, stop: () => stopProcess(peer.child) };
}

/** The Python echo peer on host (it answers empty datagrams too, which socat cannot). */
export async function startPythonUdpEcho(host = "127.0.0.1"): Promise<Peer> {
  const peer = spawnPeer("python3", ["-u", PEER, "echo", host]);
  const port = await pollUntil(
    () => {
      const failed = peer.failure();
      if (failed !== undefined) throw failed;
      return Number(/PORT (\d+)/.exec(peer.output())?.[1] ?? 0) || undefined;
    },
    { timeoutMs: 15_000, what: "the Python udp echo to print its port" },
  );
  return { port, process: peer.child, output: peer.output, stop: () => stopProcess(peer.child) };
}

/** Runs one sending mode of the Python peer (burst, sizes, ports) to host:port; resolves with its source ports. */
export function pythonSends(mode: "burst" | "sizes" | "ports", host: string, port: number, ...args: number[]): Promise<number[]> {
  return new Promise((resolve, reject) => {
    execFile(requireProgram("python3"), [PEER, mode, host, String(port), ...args.map(String)], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error !== null) return reject(new Error(`udp_peer.py ${mode} failed: ${error.message} ${stderr}`));
      resolve((/FROM ([\d ]+)/.exec(stdout)?.[1] ?? "").trim().split(" ").map(Number));
    });
  });
}
