/**
 * Every benchmark case, in the order the table lists them. Adding a case is
 * one file in this folder exporting a `BenchCase`, and one line here.
 */
import type { BenchCase } from "../lib/case.js";
import { busLatency, busLatencyNats, busSmallNaive, busSmallNaiveNats } from "./bus.js";
import { connMemory10k } from "./conn-memory.js";
import { epitaphVsTs } from "./epitaph-vs-ts.js";
import { httpC1, httpC50 } from "./http-get.js";
import { pollIdle10k } from "./poll-idle.js";
import { sandboxTickLoop } from "./sandbox-tick-loop.js";
import { tcpRecv } from "./tcp-recv.js";
import { tcpBulk, tcpSmallCorked, tcpSmallNaive } from "./tcp-send.js";
import { udpRecv, udpSmall } from "./udp.js";
import { wsBulk, wsSmallCorked, wsSmallNaive } from "./ws-send.js";

/** The cases `npm run bench` runs. */
export const CASES: BenchCase[] = [
  tcpSmallNaive,
  tcpSmallCorked,
  tcpBulk,
  tcpRecv,
  wsSmallNaive,
  wsSmallCorked,
  wsBulk,
  udpSmall,
  udpRecv,
  httpC1,
  httpC50,
  pollIdle10k,
  connMemory10k,
  epitaphVsTs,
  sandboxTickLoop,
  busSmallNaive,
  busSmallNaiveNats,
  busLatency,
  busLatencyNats,
];
