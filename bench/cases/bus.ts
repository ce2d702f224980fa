/**
 * The bus cases, once per broker. `bus-small-naive`: 64-byte messages per
 * second arriving at a raw subscriber in another process, `bus_pub` from a
 * tick loop (one pipeline or write per tick) against the raw client's
 * publish per message. `bus-latency`: publish to `poll_event` in a
 * busy-polling tick loop against the raw client's message callback, p50 per
 * window (the ratio is raw p50 / tickwire p50), with p99 and the time a
 * SIGKILLed node takes to be reported down in the note.
 */
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { createNetRuntime, type Net } from "../../src/index.js";
import { startBroker } from "../lib/brokers.js";
import type { BenchCase, BenchEnv, Samples } from "../lib/case.js";
import { startPeer } from "../lib/peer.js";
import { sleep, TickLoop, waitFor } from "../lib/tick-loop.js";
import { sendingLoop } from "../lib/tickwire-side.js";
import { alternate, type Workload } from "../lib/workload.js";

type Kind = "redis" | "nats";
const SMALL = `${"tick".repeat(15)}123\n`;
const PER_TICK = 1000;
const LEASE_MS = 600;

/** The broker channel or subject a tickwire topic travels on (default prefix). */
function wireName(kind: Kind, topic: string): string {
  return kind === "redis" ? `tickwire:m:${topic}` : `tickwire.m.${topic}`;
}

/** A raw client of either broker: publish, subscribe with a callback, close. */
interface RawClient {
  publish(name: string, data: string): void;
  /** Commands or bytes not yet written, to stop a naive sender from queueing without bound. */
  backlog(): number;
  subscribe(name: string, onMessage: () => void): Promise<void>;
  close(): Promise<void>;
}

async function rawClient(kind: Kind, url: string): Promise<RawClient> {
  if (kind === "redis") {
    const pub = new Redis(url);
    const sub = new Redis(url);
    return {
      publish: (name, data) => void pub.publish(name, data),
      backlog: () => (pub as unknown as { commandQueue: { length: number } }).commandQueue.length,
      async subscribe(name, onMessage) {
        sub.on("messageBuffer", onMessage);
        await sub.subscribe(name);
      },
      close: async () => void (pub.disconnect(), sub.disconnect()),
    };
  }
  const nc: NatsConnection = await connect({ servers: url.slice("nats://".length) });
  return {
    publish: (name, data) => nc.publish(name, data),
    backlog: () => 0,
    async subscribe(name, onMessage) {
      nc.subscribe(name, { callback: onMessage });
      await nc.flush();
    },
    close: () => nc.close(),
  };
}

/** Waits until the runtime's bus is connected, draining events. */
async function busReady(net: Net): Promise<void> {
  await waitFor(() => {
    while (net.poll_event() !== undefined);
    return net.bus_status() === "connected";
  }, "the bus to connect");
}

async function measureThroughput(kind: Kind, env: BenchEnv): Promise<Samples> {
  const broker = await startBroker(kind);
  const name = wireName(kind, "raw");
  const sink = await startPeer("bus-sink", broker.url, wireName(kind, "bench"), name);
  const runtime = createNetRuntime({ bus: { url: broker.url } });
  await busReady(runtime.net);
  const raw = await rawClient(kind, broker.url);
  const rawLoop = new TickLoop(() => {
    for (let i = 0; i < PER_TICK && raw.backlog() < 50_000; i++) raw.publish(name, SMALL);
  });
  const baseline: Workload = { start: () => rawLoop.start(), stop: () => rawLoop.stop(), progress: sink.count };
  const loop = sendingLoop(runtime.net, PER_TICK, () => runtime.net.bus_pub("bench", SMALL));
  return alternate(env, {
    tickwire: { start: () => loop.start(), stop: () => loop.stop(), progress: sink.count },
    baseline,
    close: async () => {
      await raw.close();
      await runtime.close();
      await sink.stop();
      await broker.stop();
    },
  });
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** One window of round trips on the tickwire side: publish, busy-poll until it arrives, repeat; returns each latency. */
async function tickwireLatencies(net: Net, windowMs: number): Promise<number[]> {
  const latencies: number[] = [];
  let sentAt = performance.now();
  net.bus_pub("lat", "x");
  const loop = new TickLoop(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.type !== "bus_message") continue;
      latencies.push(performance.now() - sentAt);
      sentAt = performance.now();
      net.bus_pub("lat", "x");
    }
  });
  loop.start();
  await sleep(windowMs);
  await loop.stop();
  await sleep(50);
  while (net.poll_event() !== undefined);
  return latencies;
}

/** One window of round trips on the raw side: publish, take it in the message callback, repeat. */
async function rawLatencies(raw: RawClient, name: string, windowMs: number, onMessage: { handler: () => void }): Promise<number[]> {
  const latencies: number[] = [];
  let sentAt = performance.now();
  let running = true;
  onMessage.handler = () => {
    if (!running) return;
    latencies.push(performance.now() - sentAt);
    sentAt = performance.now();
    raw.publish(name, "x");
  };
  raw.publish(name, "x");
  await sleep(windowMs);
  running = false;
  await sleep(50);
  return latencies;
}

/** Milliseconds from SIGKILL of a node in another process to `node_down` in this runtime. */
async function failoverMs(net: Net, url: string): Promise<number> {
  const node = await startPeer("bus-node", url, String(LEASE_MS));
  await sleep(LEASE_MS);
  while (net.poll_event() !== undefined);
  const killedAt = performance.now();
  await node.stop();
  let downAt = 0;
  await waitFor(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) if (event.type === "node_down") downAt = performance.now();
    return downAt > 0;
  }, "node_down after SIGKILL");
  return downAt - killedAt;
}

async function measureLatency(kind: Kind, env: BenchEnv): Promise<Samples> {
  const broker = await startBroker(kind);
  const runtime = createNetRuntime({ bus: { url: broker.url, leaseMs: LEASE_MS } });
  const net = runtime.net;
  const sub = net.bus_sub("lat");
  await waitFor(() => {
    while (net.poll_event() !== undefined);
    return net.status(sub) === "connected";
  }, "the latency subscription");
  const raw = await rawClient(kind, broker.url);
  const name = wireName(kind, "rawlat");
  const onMessage = { handler: () => {} };
  await raw.subscribe(name, () => onMessage.handler());
  const samples: Samples = { tickwire: [], baseline: [] };
  const all = { tickwire: [] as number[], baseline: [] as number[] };
  try {
    for (let round = 0; round < env.rounds; round++) {
      let tw: number[] = [];
      let rw: number[] = [];
      // the sides take turns going first, as `alternate` has them
      for (const side of round % 2 === 0 ? ["tickwire", "baseline"] : ["baseline", "tickwire"]) {
        if (side === "tickwire") tw = await tickwireLatencies(net, env.windowMs);
        else rw = await rawLatencies(raw, name, env.windowMs, onMessage);
      }
      all.tickwire.push(...tw);
      all.baseline.push(...rw);
      samples.tickwire.push(percentile(tw, 0.5) * 1000);
      samples.baseline.push(percentile(rw, 0.5) * 1000);
    }
    const failover = await failoverMs(net, broker.url);
    const p99 = (values: number[]) => `${(percentile(values, 0.99) * 1000).toFixed(0)} µs`;
    samples.note = `p99 tickwire ${p99(all.tickwire)}, raw ${p99(all.baseline)}; node_down ${failover.toFixed(0)} ms after SIGKILL (lease ${LEASE_MS} ms, bound ${(LEASE_MS * 4) / 3} ms)`;
  } finally {
    await raw.close();
    await runtime.close();
    await broker.stop();
  }
  return samples;
}

function throughputCase(kind: Kind, name: string, goal: number): BenchCase {
  return {
    name,
    what: `64-byte messages at a ${kind} subscriber process, bus_pub per tick vs raw publish per message`,
    unit: "msg/s",
    baselineName: `${kind === "redis" ? "ioredis" : "nats"} publish per message`,
    goal,
    measure: (env) => measureThroughput(kind, env),
  };
}

function latencyCase(kind: Kind, name: string): BenchCase {
  return {
    name,
    what: `publish to poll_event over ${kind}, p50 (ratio raw / tickwire)`,
    unit: "µs",
    baselineName: `${kind === "redis" ? "ioredis" : "nats"} callback`,
    goal: 0.8,
    lowerIsBetter: true,
    measure: (env) => measureLatency(kind, env),
  };
}

/** 64-byte messages over Redis: per-turn pipelining against ioredis publish per message. */
export const busSmallNaive = throughputCase("redis", "bus-small-naive", 3);
/** The same over NATS, whose client already coalesces writes: reported beside it. */
export const busSmallNaiveNats = throughputCase("nats", "bus-small-naive-nats", 0.8);
/** Publish-to-poll latency over Redis. */
export const busLatency = latencyCase("redis", "bus-latency");
/** Publish-to-poll latency over NATS. */
export const busLatencyNats = latencyCase("nats", "bus-latency-nats");
