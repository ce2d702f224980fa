/**
 * `npm run bench`: runs every case (or those named with --only) each in its
 * own process, prints the table (case, goal, median pair ratio, spread,
 * met/missed, each side's median) and writes bench/results.json. Options:
 * --quick (short windows, for trying a change), --only a,b, --window <ms>,
 * --rounds <n>, --processes <n>, --runs <n> (full runs in a row, then how
 * far they agree), --clock cpu|wall (rates per CPU-second of the measuring
 * process, the default, or per wall-clock second). Each case is measured in
 * --processes fresh processes one after the other (2; 1 with --quick), the
 * rounds shared out between them, and their pairs taken together: a process
 * starts in a state of its own (its JIT's choices, where its heap and its
 * sockets' buffers lie) that moves all its pairs at once, so one process
 * per case left a run's figures to that draw.
 */
import { cpus } from "node:os";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { BenchEnv, BenchResult } from "./lib/case.js";
import { forkOnCore } from "./lib/cores.js";
import { pooled } from "./lib/stats.js";
import { markdownTable, rerunTable, RERUN_TOLERANCE, textTable } from "./lib/table.js";
import { CASES } from "./cases/index.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    window: { type: "string" },
    rounds: { type: "string" },
    processes: { type: "string" },
    runs: { type: "string", default: "1" },
    clock: { type: "string", default: "cpu" },
  },
});
if (values.clock !== "cpu" && values.clock !== "wall") throw new Error(`bench: --clock is cpu or wall, not ${values.clock}`);
const rounds = Number(values.rounds ?? (values.quick ? 3 : 6));
const processes = Number(values.processes ?? (values.quick ? 1 : 2));
const env: BenchEnv = {
  windowMs: Number(values.window ?? (values.quick ? 400 : 1250)),
  rounds: Math.ceil(rounds / processes),
  warmupMs: values.quick ? 200 : 500,
  clock: values.clock,
};
const only = values.only?.split(",");
const unknown = only?.filter((name) => !CASES.some((c) => c.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`bench: no case named ${unknown.join(", ")}; cases: ${CASES.map((c) => c.name).join(", ")}`);
const cases = CASES.filter((c) => only === undefined || only.includes(c.name));

/** Measures one case in `processes` fresh processes, one after the other, and pools their pairs. */
async function runCase(name: string): Promise<BenchResult> {
  const results: BenchResult[] = [];
  for (let i = 0; i < processes; i++) results.push(await runCaseProcess(name));
  return pooled(results);
}

/** Runs one case in a fresh process and returns its result. */
function runCaseProcess(name: string): Promise<BenchResult> {
  const file = fileURLToPath(new URL("./measure.ts", import.meta.url));
  const child = forkOnCore("measured", file, [name, JSON.stringify(env)], ["--expose-gc", "--import", "tsx"]);
  return new Promise((resolve, reject) => {
    let result: BenchResult | undefined;
    child.on("message", (message: BenchResult) => (result = message));
    child.on("exit", (code) => (result ? resolve(result) : reject(new Error(`bench case ${name} exited with ${code}`))));
  });
}

/** One full run: every selected case in order, printed as it completes. */
async function fullRun(run: number): Promise<{ seconds: number; results: BenchResult[] }> {
  const started = Date.now();
  const results: BenchResult[] = [];
  for (const benchCase of cases) {
    const caseStarted = Date.now();
    const result = await runCase(benchCase.name);
    results.push(result);
    const caseSeconds = Math.round((Date.now() - caseStarted) / 1000);
    console.log(`run ${run} ${result.name} (${caseSeconds} s): ratio ${result.ratio} (goal ${result.goal}) pairs ${result.pairRatios.join(" ")} ${result.note ?? ""}`);
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\n${textTable(results)}\n\nrun ${run}: ${seconds} s\n\n${markdownTable(results)}\n`);
  return { seconds, results };
}

const machine = `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, ${process.platform} ${process.arch}`;
console.log(`tickwire bench: ${machine}; ${processes} × ${env.rounds} pairs of ${env.windowMs} ms windows per case (${processes} processes), ${env.clock} clock\n`);
console.log("ratio = median over pairs of tickwire / baseline (memory: baseline / tickwire); higher is better.");
console.log("spread = (max - min) / median of the pair ratios.\n");
const runs: { seconds: number; results: BenchResult[] }[] = [];
for (let run = 1; run <= Number(values.runs); run++) runs.push(await fullRun(run));
for (let run = 1; run < runs.length; run++) {
  console.log(`run ${run} against run ${run + 1} (steady = within ${RERUN_TOLERANCE * 100} %):\n`);
  console.log(`${rerunTable(runs[run - 1].results, runs[run].results)}\n`);
}
const file = fileURLToPath(new URL("./results.json", import.meta.url));
writeFileSync(file, `${JSON.stringify({ machine, settings: { ...env, processes }, runs }, null, 2)}\n`);
