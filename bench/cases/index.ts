/**
 * Every benchmark case, in the order the table lists them, each by name with
 * the file that measures it. A case's process imports only its own file: a
 * library one case loads can change how fast V8 runs another's code (ioredis
 * subclasses `String`, which slows every `charCodeAt` in the process).
 * Adding a case is one file in this folder exporting a `BenchCase`, and one
 * line here.
 */
import type { BenchCase } from "../lib/case.js";

/** A case's name and how to load it. */
interface CaseEntry {
  name: string;
  load: () => Promise<BenchCase>;
}

/** The cases `npm run bench` runs. */
export const CASES: CaseEntry[] = [
  { name: "tcp-small-naive", load: () => import("./tcp-send.js").then((m) => m.tcpSmallNaive) },
  { name: "tcp-small-corked", load: () => import("./tcp-send.js").then((m) => m.tcpSmallCorked) },
  { name: "tcp-bulk", load: () => import("./tcp-send.js").then((m) => m.tcpBulk) },
  { name: "tcp-recv", load: () => import("./tcp-recv.js").then((m) => m.tcpRecv) },
  { name: "ws-small-naive", load: () => import("./ws-send.js").then((m) => m.wsSmallNaive) },
  { name: "ws-small-corked", load: () => import("./ws-send.js").then((m) => m.wsSmallCorked) },
  { name: "ws-bulk", load: () => import("./ws-send.js").then((m) => m.wsBulk) },
  { name: "udp-small", load: () => import("./udp.js").then((m) => m.udpSmall) },
  { name: "udp-recv", load: () => import("./udp.js").then((m) => m.udpRecv) },
  { name: "http-c1", load: () => import("./http-get.js").then((m) => m.httpC1) },
  { name: "http-c50", load: () => import("./http-get.js").then((m) => m.httpC50) },
  { name: "poll-idle-10k", load: () => import("./poll-idle.js").then((m) => m.pollIdle10k) },
  { name: "conn-memory-10k", load: () => import("./conn-memory.js").then((m) => m.connMemory10k) },
  { name: "epitaph-tick-loop", load: () => import("./epitaph-vs-ts.js").then((m) => m.epitaphVsTs) },
  { name: "sandbox-tick-loop", load: () => import("./sandbox-tick-loop.js").then((m) => m.sandboxTickLoop) },
  { name: "bus-small-naive", load: () => import("./bus.js").then((m) => m.busSmallNaive) },
  { name: "bus-small-naive-nats", load: () => import("./bus.js").then((m) => m.busSmallNaiveNats) },
  { name: "bus-latency", load: () => import("./bus.js").then((m) => m.busLatency) },
  { name: "bus-latency-nats", load: () => import("./bus.js").then((m) => m.busLatencyNats) },
];
