/**
 * The fuzzer's moves over the `udp_*` functions of `net`: sockets opened on
 * good and bad ports, hosts and options; datagrams of every kind sent to the
 * run's own sockets, to names that do not resolve, to bad hosts and ports,
 * or with garbage data; pulls and closes on every sort of handle. Each checks
 * what came back, like the other `net` moves.
 */
import { sendResult, type FuzzContext, type Move } from "./actions.js";

const FROM = /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:.]+\]):\d+$/;

/** Ports of the run's bound UDP sockets. */
function udpPorts(c: FuzzContext): number[] {
  return c.model.ofKind("udp").map((handle) => c.model.portOf(handle)).filter((port): port is number => port !== undefined);
}

/** Arguments for udp_open: mostly port 0 on loopback, sometimes a port in use, bad values or options. */
function openArgs(c: FuzzContext): unknown[] {
  const rng = c.values.rng;
  const used = udpPorts(c);
  const port = rng.chance(0.8) ? rng.pick([0, undefined]) : rng.chance(0.5) && used.length > 0 ? rng.pick(used) : c.values.garbage();
  const host = rng.pick([undefined, "127.0.0.1", "127.0.0.1", "::1", "bad host!", 42]);
  const options = rng.pick([undefined, { binary: true }, { binary: false }, { binary: "yes" }, { bogus: 1 }, 7]);
  return [port, host, options];
}

/** A destination for udp_send: one of the run's sockets, a name that does not resolve, or bad values. */
function target(c: FuzzContext): [unknown, unknown] {
  const rng = c.values.rng;
  const ports = udpPorts(c);
  const roll = rng.next();
  if (roll < 0.6 && ports.length > 0) return [rng.pick(["127.0.0.1", "localhost", "::1", "[::1]"]), rng.pick(ports)];
  if (roll < 0.7) return ["no-such-host.invalid", 9];
  if (roll < 0.8) return ["127.0.0.1", rng.pick([0, -5, 70_000, 1.5, "80"])];
  return [c.values.garbage(), c.values.garbage()];
}

/** The UDP moves, one per `udp_*` function. */
export const UDP_MOVES: Move[] = [
  { name: "udp_open", weight: 2, run: (c) => c.model.adopt((c.net.udp_open as (...a: unknown[]) => unknown)(...openArgs(c)), "udp") },
  {
    name: "udp_send",
    weight: 8,
    run(c) {
      const data = c.values.rng.chance(0.5) ? c.values.text() : c.values.bytes();
      return sendResult("udp_send", (c.net.udp_send as (...a: unknown[]) => unknown)(c.values.handle("udp"), ...target(c), data));
    },
  },
  {
    name: "udp_recv",
    weight: 4,
    run(c) {
      const got = c.net.udp_recv(c.values.handle("udp") as number);
      if (got === undefined) return undefined;
      const data = got.data;
      const shaped = (typeof data === "string" || data instanceof Uint8Array) && typeof got.from === "string" && FROM.test(got.from);
      return shaped ? undefined : `udp_recv returned ${JSON.stringify(got)}`;
    },
  },
  {
    name: "udp_close",
    weight: 2,
    run(c) {
      const result = c.net.udp_close(c.values.handle("udp") as number);
      return result === undefined ? undefined : `udp_close returned ${JSON.stringify(result)}`;
    },
  },
];
