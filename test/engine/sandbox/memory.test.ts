/**
 * The sandbox's memory cap (SPEC 14): a tick() that allocates without end is
 * stopped with "script out of memory", what it allocated is freed, the
 * script's state stays and its later calls run, and the process's peak
 * memory grows by about the cap, not without bound. A cap that is not a
 * whole number of bytes is refused.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { runScript } from "../../helpers/engine.js";

const CAP_BYTES = 32 * 1024 * 1024;

const HOG = `let count = 0;
const kept: number[] = [];
export function tick() {
  count++;
  kept.push(count);
  if (count === 2 || count === 4) { const hog: number[][] = []; for (;;) hog.push(new Array(100000).fill(count)); }
  if (count >= 5) print("tick", count, "kept", kept.join(","));
}
`;

describe("sandbox memory cap", () => {
  test("a memory hog is stopped each time it goes over, and the script's state and later ticks stay", async () => {
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const { engine, lines } = await runScript({ "main.ts": HOG }, { sandbox: true, scriptMemoryBytes: CAP_BYTES }, undefined, 6);
    await engine.finished;
    const grown = process.resourceUsage().maxRSS * 1024 - peakBefore;
    assert.match(lines[0] ?? "", /^\[server:error\] script out of memory in tick\(\)\n    at tick \(main\.ts:6:\d+\)$/, lines.join("\n"));
    assert.ok(lines.includes("[server] tick 6 kept 1,2,3,4,5,6"), lines.join("\n"));
    assert.equal(engine.errorCount, 2, "each stopped call counts like an exception");
    assert.ok(grown < 8 * CAP_BYTES, `the process's peak memory grew by ${Math.round(grown / 2 ** 20)} MiB with a ${CAP_BYTES / 2 ** 20} MiB cap`);
  });

  test("a cap that is not a whole number of bytes above 0 is refused", async () => {
    await assert.rejects(
      runScript({ "main.ts": "" }, { sandbox: true, scriptMemoryBytes: 1.5 }),
      /option "scriptMemoryBytes" must be a whole number of bytes above 0, not 1.5/,
    );
  });
});
