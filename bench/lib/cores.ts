/**
 * Which core each process of a case runs on: the measured process (both
 * sides, in turn) on one, every peer and broker on the other, set with
 * util-linux's `taskset` at spawn. Left to the scheduler, the placement of
 * the two processes can change from run to run, and with it every figure
 * bound by a syscall or a wake-up; pinned, two runs see the same one. On a
 * machine with one core, or with TICKWIRE_BENCH_PIN=0, nothing is pinned.
 * Every process starts with the allocator settings of allocator.ts.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { cpus } from "node:os";
import { benchProcessEnv } from "./allocator.js";

/** The core of the measured process, or of the peers and brokers it talks to. */
export type CoreRole = "measured" | "peer";

const PINNED = cpus().length >= 2 && process.env.TICKWIRE_BENCH_PIN !== "0";

/** Starts `command` with `args` on the core of `role` (see the file comment). */
export function spawnOnCore(role: CoreRole, command: string, args: string[], stdio: StdioOptions): ChildProcess {
  const env = benchProcessEnv();
  if (!PINNED) return spawn(command, args, { stdio, env });
  const child = spawn("taskset", ["--cpu-list", role === "measured" ? "0" : "1", command, ...args], { stdio, env });
  child.once("error", () => {
    console.error("bench: taskset is not installed: apt-get install -y util-linux (or TICKWIRE_BENCH_PIN=0)");
    process.exit(1);
  });
  return child;
}

/** Starts a Node script with an IPC channel (as `fork` does) on the core of `role`. */
export function forkOnCore(role: CoreRole, file: string, args: string[], execArgv: string[]): ChildProcess {
  return spawnOnCore(role, process.execPath, [...execArgv, file, ...args], ["ignore", "inherit", "inherit", "ipc"]);
}
