/**
 * `npm run bench`: runs every case (or those named with --only) each in its
 * own process, prints the table with ratios, medians and spreads, and writes
 * bench/results.json. Options: --quick (short windows, for trying changes),
 * --only a,b  --window <ms>  --rounds <n>.
 */
import { fork } from "node:child_process";
import { cpus } from "node:os";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { BenchEnv, BenchResult } from "./lib/case.js";
import { markdownTable, textTable } from "./lib/table.js";
import { CASES } from "./cases/index.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    window: { type: "string" },
    rounds: { type: "string" },
  },
});
const env: BenchEnv = {
  windowMs: Number(values.window ?? (values.quick ? 500 : 2000)),
  rounds: Number(values.rounds ?? (values.quick ? 2 : 4)),
  warmupMs: values.quick ? 200 : 600,
};
const only = values.only?.split(",");
const cases = CASES.filter((c) => only === undefined || only.includes(c.name));

/** Runs one case in a fresh process and returns its result. */
function runCase(name: string): Promise<BenchResult> {
  const file = fileURLToPath(new URL("./measure.ts", import.meta.url));
  const child = fork(file, [name, JSON.stringify(env)], { execArgv: ["--expose-gc", "--import", "tsx"] });
  return new Promise((resolve, reject) => {
    let result: BenchResult | undefined;
    child.on("message", (message: BenchResult) => (result = message));
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`bench case ${name} exited with ${code}`))));
  });
}

const started = Date.now();
const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${process.platform} ${process.arch}`;
console.log(`tickwire bench: ${machine}; windows of ${env.windowMs} ms, ${env.rounds} per side\n`);
const results: BenchResult[] = [];
for (const benchCase of cases) {
  const result = await runCase(benchCase.name);
  results.push(result);
  console.log(`${result.name}: ratio ${result.ratio} (goal ${result.goal}) ${result.note ?? ""}`);
}
console.log(`\n${textTable(results)}\n`);
console.log(`ratio = tickwire / baseline (memory: baseline / tickwire); higher is better. ± = (max - min) / median of the windows.`);
console.log(`${machine}; ${((Date.now() - started) / 1000).toFixed(0)} s\n\n${markdownTable(results)}`);
const file = fileURLToPath(new URL("./results.json", import.meta.url));
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
