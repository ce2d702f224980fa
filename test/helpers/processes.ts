/**
 * Starting real peers in child processes (socat, nginx, a Python websockets
 * server) and stopping them, with bounded waits.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as net from "node:net";
import { pollUntil } from "./poll.js";

/** A running peer process. */
export interface Peer {
  port: number;
  process: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free port on 127.0.0.1 (for peers that cannot bind port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Spawns a peer and waits until it accepts on `port` (or prints a port when `port` is 0). */
export async function startPeer(command: string, args: string[], port: number, timeoutMs = 15_000): Promise<Peer> {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  let exited = false;
  child.once("exit", () => (exited = true));
  let bound = port;
  let ready = false;
  await pollUntil(
    () => {
      if (exited) throw new Error(`${command} exited early: ${output}`);
      if (bound === 0) bound = Number(/PORT (\d+)/.exec(output)?.[1] ?? 0);
      if (bound !== 0) void accepting(bound).then((ok) => (ready = ok));
      return ready;
    },
    { timeoutMs, what: `${command} to accept connections (output: ${output})` },
  );
  return {
    port: bound,
    process: child,
    output: () => output,
    stop: () => stopProcess(child),
  };
}

/** Kills a child process and waits for it to exit. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
