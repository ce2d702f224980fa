/**
 * Bus nodes for the tests: runtimes on a test broker (short leases, closed
 * after the file), and child processes running `bus-child.ts` that report
 * what they see as JSON lines, so a test can watch another process's node
 * and kill it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { BusMessageEvent, NetEvent, NetRuntime, RuntimeOptions } from "../../src/index.js";
import type { Broker } from "../helpers/brokers.js";
import { pollUntil } from "../helpers/poll.js";
import { stopProcess } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";

/** The lease the tests use: short, so failures are seen quickly. */
export const TEST_LEASE_MS = 600;

/** A runtime on the broker with a short lease, closed when the file ends. */
export function busRuntime(broker: Broker, options: RuntimeOptions = {}, bus: Record<string, unknown> = {}): NetRuntime {
  return runtimeForTest({ ...options, bus: { url: broker.url, leaseMs: TEST_LEASE_MS, requestMs: 1500, ...bus } });
}

/** The bus messages of one subscription in a history. */
export function messagesOn(events: NetEvent[], handle: number): BusMessageEvent[] {
  return events.filter((e): e is BusMessageEvent => e.type === "bus_message" && e.handle === handle);
}

/** A child process's bus node and what it printed. */
export interface BusChild {
  process: ChildProcess;
  lines: Record<string, unknown>[];
  /** Waits until `done(lines)` holds; returns the lines. */
  until(done: (lines: Record<string, unknown>[]) => boolean, what?: string): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

/** Starts `bus-child.ts` with `args` and waits until its node is ready. */
export async function startBusChild(broker: Broker, args: string[]): Promise<BusChild> {
  const script = fileURLToPath(new URL("./bus-child.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, broker.url, String(TEST_LEASE_MS), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: Record<string, unknown>[] = [];
  let rest = "";
  child.stdout.on("data", (chunk: Buffer) => {
    const parts = (rest + chunk.toString()).split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) lines.push(JSON.parse(part) as Record<string, unknown>);
  });
  const until = async (done: (seen: Record<string, unknown>[]) => boolean, what = "the child's output") => {
    await pollUntil(() => done(lines), { timeoutMs: 20_000, what: `${what} (got ${JSON.stringify(lines.slice(-3))})` });
    return lines;
  };
  await until((seen) => seen.some((line) => line.type === "ready"), "the child node to be ready");
  return { process: child, lines, until, stop: () => stopProcess(child) };
}
