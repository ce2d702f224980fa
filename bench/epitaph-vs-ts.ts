/**
 * Self-check benchmark: an Epitaph tick loop (drain `net.poll_event()`,
 * answer every "data" event with `net.tcp_send`, count replies in a
 * module-level variable) against the same loop hand-written in TypeScript.
 * Both run in-process over the same fake `net` (a pre-filled event queue and
 * a counting send), so the numbers compare the compiled script with plain
 * code, not the network. `ratio` is Epitaph throughput / TypeScript
 * throughput: 1 means equal, 0.5 means Epitaph is 2x slower. Run directly
 * with `npm run bench:epitaph`; a bench driver takes `epitaphVsTsSamples()`.
 */
import { pathToFileURL } from "node:url";
import { compileEpitaphTree, type EpitaphHost } from "../src/epitaph/index.js";
import type { BenchResult } from "./lib/case.js";

const EVENTS_PER_TICK = 2000;
const TICKS = 400;
const ROUNDS = 15;

const SCRIPT = `access <net>
let replies = 0
phase tick(dt) {
  sustain evt = net.poll_event() {
    inspect evt.type {
      "data" => {
        net.tcp_send(evt.handle, evt.data)
        replies = replies + 1
      }
      "closed" => { replies = replies - 1 }
    }
  }
}
phase replies_sent() { return replies }
`;

interface NetEvent {
  type: string;
  handle: number;
  data?: string;
}

/** The fake `net`: a queue refilled before each tick and a send that only counts. */
export class FakeNet {
  queue: NetEvent[] = [];
  head = 0;
  sentBytes = 0;
  poll_event(): NetEvent | undefined {
    return this.head < this.queue.length ? this.queue[this.head++] : undefined;
  }
  tcp_send(handle: number, data: string): boolean | string {
    if (handle <= 0) return "unknown handle";
    this.sentBytes += data.length;
    return true;
  }
  refill(): void {
    const q: NetEvent[] = [];
    for (let i = 0; i < EVENTS_PER_TICK; i++) {
      q.push(i % 97 === 0 ? { type: "connected", handle: 1 + (i % 8) } : { type: "data", handle: 1 + (i % 8), data: "ping" });
    }
    this.queue = q;
    this.head = 0;
  }
}

/** The hand-written TypeScript twin of SCRIPT. */
function typescriptScript(net: FakeNet): { tick(dt: number): void; replies(): number } {
  let replies = 0;
  return {
    tick(): void {
      for (;;) {
        const evt = net.poll_event();
        if (evt === undefined) break;
        if (evt.type === "data") {
          net.tcp_send(evt.handle, evt.data!);
          replies = replies + 1;
        } else if (evt.type === "closed") {
          replies = replies - 1;
        }
      }
    },
    replies: () => replies,
  };
}

/** The tree is compiled once, as the engine compiles it once at mount; each round instantiates it afresh. */
const COMPILED = compileEpitaphTree(new Map([["main.ep", SCRIPT]]));

function epitaphScript(net: FakeNet): { tick(dt: number): void; replies(): number } {
  const host: EpitaphHost = {
    access: (name) => {
      if (name !== "net") throw new Error(`module ${name} is not installed`);
      return net;
    },
    role: "server",
    headless: true,
    log: () => {},
    exit: () => {},
  };
  const program = COMPILED.instantiate(host);
  return { tick: (dt) => void program.call("tick", dt), replies: () => program.call("replies_sent") as number };
}

/** Events handled per second over `ticks` ticks (time spent inside tick only). */
export function measure(make: (net: FakeNet) => { tick(dt: number): void; replies(): number }, ticks = TICKS): number {
  const net = new FakeNet();
  const script = make(net);
  let elapsed = 0;
  for (let i = 0; i < ticks; i++) {
    net.refill();
    const t0 = performance.now();
    script.tick(1 / 60);
    elapsed += performance.now() - t0;
  }
  const expected = ticks * (EVENTS_PER_TICK - Math.ceil(EVENTS_PER_TICK / 97));
  if (script.replies() !== expected) throw new Error(`bench: expected ${expected} replies, got ${script.replies()}`);
  return (ticks * EVENTS_PER_TICK) / (elapsed / 1000);
}

/** Events/s of both loops over `rounds` alternating rounds of `ticks` ticks, one sample per round and side (for a bench driver's medians). */
export function epitaphVsTsSamples(rounds = ROUNDS, ticks = TICKS): { tickwire: number[]; baseline: number[] } {
  const samples = { tickwire: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    samples.tickwire.push(measure(epitaphScript, ticks));
    samples.baseline.push(measure(typescriptScript, ticks));
  }
  return samples;
}

/** Runs both loops (alternating, best of ROUNDS each) and reports events/s and the ratio. */
export async function runEpitaphVsTs(): Promise<
  Pick<BenchResult, "name" | "unit" | "tickwire" | "baseline" | "baselineName" | "ratio">
> {
  const samples = epitaphVsTsSamples();
  const ep = Math.max(...samples.tickwire);
  const ts = Math.max(...samples.baseline);
  return {
    name: "epitaph tick loop: drain events, reply with tcp_send",
    unit: "events/s",
    tickwire: Math.round(ep),
    baseline: Math.round(ts),
    baselineName: "hand-written TypeScript",
    ratio: Number((ep / ts).toFixed(3)),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await runEpitaphVsTs();
  console.log(`${r.name}`);
  console.log(`  epitaph    ${r.tickwire.toLocaleString("en-US")} ${r.unit}`);
  console.log(`  ${r.baselineName}  ${r.baseline.toLocaleString("en-US")} ${r.unit}`);
  console.log(`  ratio ${r.ratio} (epitaph / typescript; the goal is >= 0.8)`);
}
