/**
 * Runs one benchmark case in a process of its own (so no case inherits
 * another's heap or JIT state) and sends its result to the driver.
 * Usage (by the driver): measure.ts <case-name> <env-json>.
 */
import type { BenchEnv } from "./lib/case.js";
import { summarize } from "./lib/stats.js";
import { CASES } from "./cases/index.js";

const [name, envJson] = process.argv.slice(2);
const entry = CASES.find((c) => c.name === name);
if (entry === undefined) throw new Error(`bench: no case named ${name}`);
const benchCase = await entry.load();
if (benchCase.name !== name) throw new Error(`bench: the entry ${name} loads the case ${benchCase.name}`);
const env = JSON.parse(envJson) as BenchEnv;
const result = summarize(benchCase, await benchCase.measure(env));
process.send?.(result, () => process.exit(0));
