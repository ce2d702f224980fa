/**
 * `tickwire run <scripts> --role <role>`: creates an engine with the
 * role, installs the network (every feature unless --features names fewer),
 * mounts the scripts and the optional assets, and runs until --ticks ticks
 * have run, a script calls `sys.exit()`, or SIGINT/SIGTERM arrives; each way
 * runs `shutdown()` first. Exits with the script's exit code (0 by default).
 * `--inspect <port>` serves the live inspector of the run's network.
 */
import { Engine, RUNTIME_ROLES, type RuntimeRole } from "../engine/index.js";
import { PROTOCOLS, type Features } from "../protocols.js";
import { command, UsageError } from "./options.js";

const FEATURES: readonly string[] = PROTOCOLS.map((protocol) => protocol.name);

const HELP = `Usage: tickwire run <scripts dir or .pak> --role client|server|offline_singleplayer [options]

Runs a script tree (main.ts or main.ep at its root) with the network installed.

Options:
  --role <role>          client, server or offline_singleplayer: what scripts see in
                         sys.runtime_role() (required)
  --headless             run without a window; sys.is_headless() returns true
  --assets <dir or .pak> mount an asset tree for assets.read_text() and friends
  --tick-rate <n>        ticks per second (default 60)
  --ticks <n>            run exactly n ticks, then shut down and exit
  --features <list>      protocols to install, from ${FEATURES.join(",")} (default: all)
  --inspect <port>       serve the live inspector on 127.0.0.1:<port> (0 picks a port; its URL is printed)
  --script-budget <ms>   stop any call into the script that runs longer (default 1000)
  --sandbox              run the scripts in the sandbox, for scripts you do not trust (player mods)
  --script-memory <MiB>  the sandboxed scripts' heap cap (default 256); needs --sandbox
  -h, --help             show this help

Without --ticks the run lasts until SIGINT (Ctrl-C) or SIGTERM; shutdown() runs
before the process exits.
`;


const OPTIONS = {
  role: { type: "string" },
  headless: { type: "boolean" },
  assets: { type: "string" },
  "tick-rate": { type: "string" },
  ticks: { type: "string" },
  features: { type: "string" },
  inspect: { type: "string" },
  "script-budget": { type: "string" },
  sandbox: { type: "boolean" },
  "script-memory": { type: "string" },
} as const;

/** Runs `tickwire run`; returns the exit code. */
export const runCommand = command("run", HELP, OPTIONS, async ({ values, positionals }) => {
  if (positionals.length !== 1) throw new UsageError("expected exactly one script tree (a folder or a .pak)");
  const role = values.role as RuntimeRole;
  if (!RUNTIME_ROLES.includes(role)) throw new UsageError(`--role must be one of ${RUNTIME_ROLES.join(", ")}`);
  const tickRate = values["tick-rate"] === undefined ? undefined : positiveNumber("--tick-rate", values["tick-rate"]);
  const ticks = values.ticks === undefined ? undefined : wholeNumber("--ticks", values.ticks);
  const features = parseFeatures(values.features);
  const inspect = values.inspect === undefined ? undefined : { port: portNumber("--inspect", values.inspect), title: positionals[0] };
  const scriptBudgetMs = values["script-budget"] === undefined ? undefined : positiveWholeNumber("--script-budget", values["script-budget"]);
  const sandbox = values.sandbox === true;
  if (values["script-memory"] !== undefined && !sandbox) throw new UsageError("--script-memory caps the sandbox's heap: it needs --sandbox");
  const memoryMiB = values["script-memory"] === undefined ? undefined : positiveWholeNumber("--script-memory", values["script-memory"]);
  const scriptMemoryBytes = memoryMiB === undefined ? undefined : memoryMiB * 1024 * 1024;
  const engine = new Engine({ runtimeRole: role, headless: values.headless === true, tickRate, inspect, scriptBudgetMs, sandbox, scriptMemoryBytes });
  engine.installNetwork(features);
  await engine.mountScripts(positionals[0] as string);
  if (values.assets !== undefined) await engine.mountAssets(values.assets);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
  await engine.start({ ticks });
  if (engine.inspector !== undefined) process.stdout.write(`inspector at ${engine.inspector.url}\n`);
  return engine.finished;
});

/** "--features tcp,ws" as feature flags: the named ones on, the others off. */
function parseFeatures(list: string | undefined): Features | undefined {
  if (list === undefined) return undefined;
  const names = list.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !FEATURES.includes(name));
  if (unknown.length > 0) throw new UsageError(`--features: unknown feature ${unknown.join(", ")} (known: ${FEATURES.join(", ")})`);
  return Object.fromEntries(FEATURES.map((name) => [name, names.includes(name)]));
}

function positiveNumber(option: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`${option} must be a positive number, not "${text}"`);
  return value;
}

function portNumber(option: string, text: string): number {
  const value = wholeNumber(option, text);
  if (value > 65535) throw new UsageError(`${option} must be a port number from 0 to 65535, not "${text}"`);
  return value;
}

function positiveWholeNumber(option: string, text: string): number {
  const value = wholeNumber(option, text);
  if (value === 0) throw new UsageError(`${option} must be a whole number above 0, not "${text}"`);
  return value;
}

function wholeNumber(option: string, text: string): number {
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= 0)) throw new UsageError(`${option} must be a whole number, not "${text}"`);
  return value;
}
