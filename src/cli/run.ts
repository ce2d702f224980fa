/**
 * `tickwire run <scripts> --role <role>`: creates an engine with the
 * role, installs the network (every feature unless --features names fewer,
 * with the --policy and --limits files), installs each --module file as a
 * module, mounts the scripts and the optional assets, and runs until --ticks
 * ticks have run, a script calls `sys.exit()`, or SIGINT/SIGTERM arrives;
 * each way runs `shutdown()` first. Exits with the script's exit code (0 by
 * default; 1 when the scripts fail to load). The options themselves are the
 * table in `run-flags.ts`.
 */
import { Engine, RUNTIME_ROLES } from "../engine/index.js";
import { command, scriptTreeArgument, UsageError } from "./options.js";
import { applyFlags, flagHelp, parserOptions } from "./run-flags.js";

const HELP = `Usage: tickwire run <scripts dir or .pak> --role client|server|offline_singleplayer [options]

Runs a script tree (the folder holding main.ts or main.ep, or a .pak) with the
network installed.

Options:
${flagHelp()}
Without --ticks the run lasts until SIGINT (Ctrl-C) or SIGTERM; shutdown() runs
before the process exits.
`;

/** Runs `tickwire run`; returns the exit code. */
export const runCommand = command("run", HELP, parserOptions(), async ({ values, positionals }) => {
  const tree = scriptTreeArgument(positionals);
  const setup = applyFlags(values);
  const { runtimeRole, inspect } = setup.config;
  if (runtimeRole === undefined) throw new UsageError(`--role must be one of ${RUNTIME_ROLES.join(", ")}`);
  const engine = new Engine({ ...setup.config, runtimeRole, inspect: typeof inspect === "object" ? { ...inspect, title: tree } : inspect });
  engine.installNetwork(setup.features, setup.network);
  for (const [name, module] of setup.modules) engine.installModule(name, module);
  await engine.mountScripts(tree);
  if (setup.assets !== undefined) await engine.mountAssets(setup.assets);
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
  await engine.start({ ticks: setup.ticks });
  if (engine.inspector !== undefined) process.stdout.write(`inspector at ${engine.inspector.url}\n`);
  return engine.finished;
});
