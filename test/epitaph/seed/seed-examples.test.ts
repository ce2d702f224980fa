/**
 * The six Epitaph examples of seed 000, byte for byte from
 * fixtures/seed/*.ep: all parse, and each runs against the real tickwire
 * runtime (createNetRuntime) with a real local peer on 127.0.0.1, the test
 * calling `tick` itself (scenarios.ts has the steps and the exact lines).
 * Examples that name an address run from their *.local.ep twin, where only
 * that address is a placeholder replaced with the peer's address.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createNetRuntime } from "../../../src/index.js";
import { checkEpitaphTree, loadEpitaphProgram } from "../../../src/epitaph/index.js";
import { pollUntil } from "../../helpers/poll.js";
import { recordingHost } from "../helpers.js";
import { EXAMPLES, fixture } from "./fixtures.js";
import { SEED_SCENARIOS, type SeedDriver } from "./scenarios.js";

const JSON_MODULE = { decode: (text: string) => JSON.parse(text), encode: (value: unknown) => JSON.stringify(value) };

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Runs each script on its own runtime; `tick` (when the script has one) is called every few ms while a scenario waits. */
const frontEnd: SeedDriver = {
  later: (cleanup) => void cleanups.push(cleanup),
  async start(src) {
    const runtime = createNetRuntime();
    cleanups.push(() => runtime.close());
    const host = recordingHost({ modules: { net: runtime.net, json: JSON_MODULE }, role: "client" });
    const program = loadEpitaphProgram(new Map([["main.ep", src]]), host);
    if (program.has("init")) program.call("init");
    const tick = () => (program.has("tick") ? program.call("tick", 1 / 60) : undefined);
    return {
      lines: host.lines,
      net: runtime.net,
      async linesUntil(count, what) {
        const log = () => JSON.stringify(host.lines);
        await pollUntil(() => (tick(), host.lines.length >= count) || undefined, { what: `${what} (log so far: ${log()})` });
      },
      async moreTicks(count) {
        for (let i = 0; i < count; i++) tick();
      },
    };
  },
};

describe("seed 000 examples", () => {
  it("parse byte for byte, and each local twin differs only in its address line", () => {
    for (const name of EXAMPLES) {
      const src = fixture(`${name}.ep`);
      assert.deepEqual(checkEpitaphTree(new Map([["main.ep", src]])), [], `${name}.ep must parse`);
      if (name === "event-loop") continue;
      const local = fixture(`${name}.local.ep`).split("\n");
      const changed = src.split("\n").filter((line, i) => line !== local[i]);
      assert.equal(changed.length, 1, `${name}.local.ep must change exactly one line`);
      assert.match(changed[0], /8080|9000|example\.com/, `${name}: the changed line must hold the address`);
    }
  });

  for (const scenario of SEED_SCENARIOS) it(scenario.title, () => scenario.run(frontEnd));
});
