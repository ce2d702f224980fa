/**
 * Real brokers for the bus tests: a `redis-server` or `nats-server` from
 * Debian started at a free port, stopped by its PID, and restartable on the
 * same port (a broker outage). `eachBroker` runs a suite once per driver.
 */
import { after, before, describe } from "node:test";
import { freePort, requireProgram, startPeer, stopProcess, type Peer } from "./processes.js";

/** A broker the bus tests run against. */
export interface Broker {
  kind: "redis" | "nats";
  url: string;
  port: number;
  /** Kills the broker (SIGKILL) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty, as a restarted broker is). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function launch(kind: Broker["kind"], port: number): Promise<Peer> {
  if (kind === "redis") return startPeer(requireProgram("redis-server"), ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], port);
  return startPeer(requireProgram("nats-server"), ["-a", "127.0.0.1", "-p", String(port)], port);
}

/** Starts a broker of `kind` at a free port. */
export async function startBroker(kind: Broker["kind"]): Promise<Broker> {
  const port = await freePort();
  let peer: Peer | undefined = await launch(kind, port);
  return {
    kind,
    port,
    url: `${kind}://127.0.0.1:${port}`,
    async kill() {
      if (peer !== undefined) await stopProcess(peer.process, "SIGKILL");
      peer = undefined;
    },
    async restart() {
      peer = await launch(kind, port);
    },
    async stop() {
      if (peer !== undefined) await stopProcess(peer.process);
      peer = undefined;
    },
  };
}

/** Runs `suite` once per driver, each with its own broker started before and stopped after. */
export function eachBroker(name: string, suite: (broker: () => Broker) => void): void {
  for (const kind of ["redis", "nats"] as const) {
    describe(`${name} (${kind})`, () => {
      let broker: Broker | undefined;
      before(async () => {
        broker = await startBroker(kind);
      });
      after(() => broker?.stop());
      suite(() => broker as Broker);
    });
  }
}
