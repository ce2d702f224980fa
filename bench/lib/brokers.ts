/**
 * Brokers for the bus cases: a Debian `redis-server` or `nats-server` at a
 * free port, started for one case and stopped by its PID.
 */
import { connect, createServer } from "node:net";
import { spawnOnCore } from "./cores.js";
import { sleep } from "./tick-loop.js";

/** A running broker. */
export interface BenchBroker {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" }, () => resolve(!!socket.destroy()));
    socket.once("error", () => resolve(false));
  });
}

/** Starts a broker of `kind` and waits until it accepts connections. */
export async function startBroker(kind: "redis" | "nats"): Promise<BenchBroker> {
  const port = await freePort();
  const args = kind === "redis" ? ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"] : ["-a", "127.0.0.1", "-p", String(port)];
  const program = kind === "redis" ? "redis-server" : "nats-server";
  const child = spawnOnCore("peer", program, args, "ignore");
  child.once("error", () => console.error(`${program} is not installed: apt-get install -y ${program}`));
  const deadline = Date.now() + 15_000;
  while (!(await accepting(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`bench: ${program} did not start (not installed? apt-get install -y ${program})`);
    await sleep(20);
  }
  return {
    url: `${kind}://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once("exit", () => resolve()), child.kill()))),
  };
}
