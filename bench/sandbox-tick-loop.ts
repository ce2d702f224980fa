/**
 * The sandbox's cost: the TypeScript tick loop of bench/epitaph-vs-ts.ts
 * (drain `net.poll_event()`, answer every "data" event with `net.tcp_send`,
 * count replies) run as a script in the sandbox (QuickJS in WebAssembly,
 * every event copied in, every call crossing the boundary) against the same
 * script in the engine's usual `node:vm` realm, both under the budget, over
 * the same fake `net`, in the same run. `ratio` is sandboxed throughput /
 * unsandboxed throughput. Run directly with `npx tsx bench/sandbox-tick-loop.ts`.
 */
import { pathToFileURL } from "node:url";
import { createNodeRealm } from "../src/engine/node-realm.js";
import type { RealmFactory } from "../src/engine/realm.js";
import { loadSandbox } from "../src/engine/sandbox/quickjs-realm.js";
import { FakeNet, measure } from "./epitaph-vs-ts.js";
import { collectGarbage } from "./lib/workload.js";

const ROUNDS = 3;
/** Ticks per sample: a sandboxed event takes about 20 µs, so 50 ticks of 2,000 events are about two seconds. */
const TICKS = 50;

/** The loop as a script: a classic script whose value is its `tick` and `replies` functions. */
const SCRIPT = `(() => {
  let replies = 0;
  return {
    tick() {
      for (;;) {
        const evt = net.poll_event();
        if (evt === undefined) break;
        if (evt.type === "data") { net.tcp_send(evt.handle, evt.data); replies = replies + 1; }
        else if (evt.type === "closed") { replies = replies - 1; }
      }
    },
    replies: () => replies,
  };
})()`;

/** The script made in a realm of `realms`, with `net` as its global, each call under the budget. */
function scriptIn(realms: RealmFactory): (net: FakeNet) => { tick(dt: number): void; replies(): number } {
  return (net) => {
    const realm = realms({ net }, (error) => { throw error; }, { budgetMs: 60_000 });
    const script = realm.run(() => realm.evaluate(SCRIPT, "tick-loop.js", 0)) as { tick(): void; replies(): number };
    return { tick: () => realm.run(() => script.tick()), replies: () => realm.run(() => script.replies()) };
  };
}

/** Events/s inside and outside the sandbox, one sample per round and side, alternating. */
export async function sandboxTickLoopSamples(rounds = ROUNDS): Promise<{ tickwire: number[]; baseline: number[] }> {
  const samples = { tickwire: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    collectGarbage();
    samples.tickwire.push(measure(scriptIn(await loadSandbox()), TICKS));
    collectGarbage();
    samples.baseline.push(measure(scriptIn(createNodeRealm), TICKS));
  }
  return samples;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const samples = await sandboxTickLoopSamples();
  const inside = Math.max(...samples.tickwire);
  const outside = Math.max(...samples.baseline);
  console.log("sandbox tick loop: drain events, reply with tcp_send");
  console.log(`  sandboxed (QuickJS)  ${Math.round(inside).toLocaleString("en-US")} events/s`);
  console.log(`  node:vm realm        ${Math.round(outside).toLocaleString("en-US")} events/s`);
  console.log(`  ratio ${(inside / outside).toFixed(3)} (sandboxed / not)`);
}
