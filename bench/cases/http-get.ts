/**
 * HTTP GETs on keep-alive connections to a peer process, one at a time and
 * 50 in flight: tickwire's tick loop (http_get, drain, http_response, close)
 * against the same tick loop starting `undici.request` calls and counting
 * their bodies as they complete.
 */
import { request } from "undici";
import type { BenchCase, BenchEnv } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { TickLoop, waitFor } from "../lib/tick-loop.js";
import { benchRuntime } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

/** A tick loop keeping `concurrency` undici.request calls in flight, each read to the end of its body. */
function undiciRequester(url: string, concurrency: number): Workload {
  let done = 0;
  let inFlight = 0;
  let running = false;
  const finished = () => {
    inFlight--;
    done++;
  };
  const loop = new TickLoop(() => {
    for (; running && inFlight < concurrency; inFlight++) {
      request(url)
        .then((response) => response.body.text())
        .then(finished);
    }
  });
  return {
    start() {
      running = true;
      loop.start();
    },
    async stop() {
      running = false;
      await waitFor(() => inFlight === 0, "undici requests to finish");
      await loop.stop();
    },
    progress: () => done,
  };
}

/** A tick loop keeping `concurrency` requests in flight, reading each response and closing its handle. */
function tickwireRequester(url: string, concurrency: number): { work: Workload; close(): Promise<void> } {
  const runtime = benchRuntime();
  const net = runtime.net;
  let done = 0;
  let inFlight = 0;
  let running = false;
  const loop = new TickLoop(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.type !== "http_done" && event.type !== "error") continue;
      const response = net.http_response(event.handle);
      if (response === undefined || "error" in response) throw new Error(`bench: request failed: ${response?.error}`);
      net.close(event.handle);
      inFlight--;
      done++;
    }
    for (; running && inFlight < concurrency; inFlight++) net.http_get(url);
  });
  const work: Workload = {
    start() {
      running = true;
      loop.start();
    },
    async stop() {
      running = false;
      await waitFor(() => inFlight === 0, "tickwire requests to finish");
      await loop.stop();
    },
    progress: () => done,
  };
  return { work, close: () => runtime.close() };
}

/** Requests per second with `concurrency` in flight on each side. */
async function measureHttp(concurrency: number, env: BenchEnv) {
  const peer = await startPeer("http-server");
  const url = `http://127.0.0.1:${peer.port}/`;
  const tickwire = tickwireRequester(url, concurrency);
  return alternate(env, {
    tickwire: tickwire.work,
    baseline: undiciRequester(url, concurrency),
    close: async () => {
      await tickwire.close();
      await peer.stop();
    },
  });
}

/** Keep-alive GETs, one at a time. */
export const httpC1: BenchCase = {
  name: "http-c1",
  what: "keep-alive GETs, one at a time, vs undici.request",
  unit: "req/s",
  baselineName: "undici.request",
  goal: 1.0,
  measure: (env) => measureHttp(1, env),
};

/** Keep-alive GETs, 50 in flight. */
export const httpC50: BenchCase = {
  name: "http-c50",
  what: "50 GETs in flight vs undici.request",
  unit: "req/s",
  baselineName: "undici.request",
  goal: 1.0,
  measure: (env) => measureHttp(50, env),
};
