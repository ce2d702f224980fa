/**
 * Peers run in their own process, on the other core (see cores.ts), so the
 * measured side has its core to itself. A peer reports its port once
 * listening and answers "count" with the bytes it has received (or sent) so
 * far, over the fork IPC channel.
 */
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { forkOnCore } from "./cores.js";

/** A running peer process. */
export interface PeerProcess {
  port: number;
  /** The peer's byte counter. */
  count(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `bench/peers/<name>.ts` with `args` and waits for its port. */
export function startPeer(name: string, ...args: string[]): Promise<PeerProcess> {
  const file = fileURLToPath(new URL(`../peers/${name}.ts`, import.meta.url));
  const child = forkOnCore("peer", file, args, ["--import", "tsx"]);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench peer ${name} exited with ${code}`)));
    child.once("message", (message: { port: number }) => resolve(peerHandle(child, message.port)));
  });
}

function peerHandle(child: ChildProcess, port: number): PeerProcess {
  child.removeAllListeners("exit");
  const waiting: ((count: number) => void)[] = [];
  child.on("message", (message: { count: number }) => waiting.shift()?.(message.count));
  return {
    port,
    count: () =>
      new Promise((resolve) => {
        waiting.push(resolve);
        child.send("count");
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill();
      }),
  };
}
