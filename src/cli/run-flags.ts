/**
 * The options of `tickwire run`, one entry each: how the parser reads it,
 * its help line, and what it sets in the run's setup (the engine's config,
 * the network's features and options, modules to install, the assets, the
 * tick count). A new option is one more entry here; the help text and the
 * parser's table are made from this list.
 */
import { readFileSync } from "node:fs";
import { checkRuntimeOptions } from "../api/runtime-options.js";
import { tableLimitDefaults } from "../api/runtime.js";
import { PROTOCOLS, type Features, type RuntimeOptions } from "../protocols.js";
import { RUNTIME_ROLES, type NodeEngineConfig, type RuntimeRole } from "../engine/index.js";
import { HostPolicy } from "../policy/policy.js";
import { UsageError } from "./options.js";

/** Everything the options of one run set up, before the engine is made. */
export interface RunSetup {
  config: Partial<NodeEngineConfig>;
  features: Features | undefined;
  network: Omit<RuntimeOptions, "features">;
  /** Modules to install by name (`--module name=file.json`), in order. */
  modules: [string, object][];
  assets: string | undefined;
  ticks: number | undefined;
}

/** One option: its value's type, whether it repeats, the help line's argument and text, and what it does. */
interface RunFlag {
  readonly type: "string" | "boolean";
  readonly multiple?: true;
  /** The argument shown in the help ("<port>"), empty for a switch. */
  readonly arg: string;
  readonly help: string;
  readonly apply: (value: string, setup: RunSetup, option: string) => void;
}

const FEATURE_NAMES: readonly string[] = PROTOCOLS.map((protocol) => protocol.name);

/** Every option of `tickwire run`. */
export const RUN_FLAGS: Readonly<Record<string, RunFlag>> = {
  role: {
    type: "string",
    arg: "<role>",
    help: `${RUNTIME_ROLES.join(", ")}: what scripts see in sys.runtime_role() (required)`,
    apply(value, setup, option) {
      if (!(RUNTIME_ROLES as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${RUNTIME_ROLES.join(", ")}`);
      setup.config.runtimeRole = value as RuntimeRole;
    },
  },
  headless: { type: "boolean", arg: "", help: "run without a window; sys.is_headless() returns true", apply: (_value, setup) => void (setup.config.headless = true) },
  assets: { type: "string", arg: "<dir or .pak>", help: "mount an asset tree for assets.read_text() and friends", apply: (value, setup) => void (setup.assets = value) },
  "tick-rate": {
    type: "string",
    arg: "<n>",
    help: "ticks per second (default 60)",
    apply: (value, setup, option) => void (setup.config.tickRate = positiveNumber(option, value)),
  },
  ticks: { type: "string", arg: "<n>", help: "run exactly n ticks, then shut down and exit", apply: (value, setup, option) => void (setup.ticks = wholeNumber(option, value)) },
  features: {
    type: "string",
    arg: "<list>",
    help: `protocols to install, from ${FEATURE_NAMES.join(",")} (default: all)`,
    apply: (value, setup, option) => void (setup.features = parseFeatures(option, value)),
  },
  policy: jsonFileFlag(
    'the host policy, { "rules": [...], "listen": true } (a server needs "listen": true)',
    (policy) => HostPolicy.from(policy as never),
    (policy, setup) => void (setup.network.policy = policy as never),
  ),
  limits: jsonFileFlag(
    'limits over the defaults, such as { "maxConnections": 100 }',
    (limits) => checkRuntimeOptions({ limits }, PROTOCOLS, tableLimitDefaults(PROTOCOLS)),
    (limits, setup) => void (setup.network.limits = limits as never),
  ),
  module: {
    type: "string",
    multiple: true,
    arg: "<name>=<file.json>",
    help: "install the JSON object as a module scripts read with access(name) (repeatable)",
    apply(value, setup, option) {
      const at = value.indexOf("=");
      const name = value.slice(0, at);
      if (at <= 0 || at === value.length - 1) throw new UsageError(`${option} takes name=file.json, not "${value}"`);
      const module = readJson(option, value.slice(at + 1));
      if (typeof module !== "object" || module === null) throw new UsageError(`${option} ${value}: the file must hold a JSON object or list`);
      setup.modules.push([name, module]);
    },
  },
  inspect: {
    type: "string",
    arg: "<port>",
    help: "serve the live inspector on 127.0.0.1:<port> (0 picks a port; its URL is printed)",
    apply: (value, setup, option) => void (setup.config.inspect = { port: portNumber(option, value) }),
  },
  bus: {
    type: "string",
    arg: "<url>",
    help: "join the bus between processes: redis://host:port or nats://host:port",
    apply: (value, setup) => void (setup.config.bus = { ...setup.config.bus, url: value }),
  },
  "public-address": {
    type: "string",
    arg: "<text>",
    help: "what room_find answers for this process's rooms (with --bus)",
    apply(value, setup, option) {
      if (setup.config.bus === undefined) throw new UsageError(`${option} needs --bus`);
      setup.config.bus = { ...setup.config.bus, publicAddress: value };
    },
  },
  "script-budget": {
    type: "string",
    arg: "<ms>",
    help: "stop any call into the script that runs longer (default 1000)",
    apply: (value, setup, option) => void (setup.config.scriptBudgetMs = positiveWholeNumber(option, value)),
  },
  sandbox: {
    type: "boolean",
    arg: "",
    help: "run the scripts in the sandbox, for scripts you do not trust (player mods)",
    apply: (_value, setup) => void (setup.config.sandbox = true),
  },
  "script-memory": {
    type: "string",
    arg: "<MiB>",
    help: "the sandboxed scripts' heap cap (default 256); needs --sandbox",
    apply(value, setup, option) {
      if (setup.config.sandbox !== true) throw new UsageError(`${option} caps the sandbox's heap: it needs --sandbox`);
      setup.config.scriptMemoryBytes = positiveWholeNumber(option, value) * 1024 * 1024;
    },
  },
};

/** An option naming a JSON settings file: read, checked (an error names the option and the file), then set. */
function jsonFileFlag(help: string, check: (value: unknown) => unknown, set: (value: unknown, setup: RunSetup) => void): RunFlag {
  return {
    type: "string",
    arg: "<file.json>",
    help,
    apply(path, setup, option) {
      const value = readJson(option, path);
      inFile(option, path, () => check(value));
      set(value, setup);
    },
  };
}

/** The parser's table of the options (for node:util's parseArgs). */
export function parserOptions(): Record<string, { type: "string" | "boolean"; multiple?: boolean }> {
  return Object.fromEntries(Object.entries(RUN_FLAGS).map(([name, flag]) => [name, { type: flag.type, multiple: flag.multiple === true }]));
}

/** The help lines of the options (and -h), aligned. */
export function flagHelp(): string {
  const lines: [string, string][] = Object.entries(RUN_FLAGS).map(([name, flag]) => [`--${name}${flag.arg === "" ? "" : ` ${flag.arg}`}`, flag.help]);
  lines.push(["-h, --help", "show this help"]);
  const width = Math.max(...lines.map(([left]) => left.length)) + 2;
  return lines.map(([left, text]) => `  ${left.padEnd(width)}${text}\n`).join("");
}

/** Applies every given option to a fresh setup, in table order (a repeated option in its own order). */
export function applyFlags(values: Record<string, string | boolean | (string | boolean)[] | undefined>): RunSetup {
  const setup: RunSetup = { config: {}, features: undefined, network: {}, modules: [], assets: undefined, ticks: undefined };
  for (const [name, flag] of Object.entries(RUN_FLAGS)) {
    const given = values[name];
    if (given === undefined) continue;
    for (const value of Array.isArray(given) ? given : [given]) flag.apply(String(value), setup, `--${name}`);
  }
  // --bus turns the bus on whatever --features names
  if (setup.config.bus !== undefined && setup.features !== undefined) setup.features = { ...setup.features, bus: true };
  return setup;
}

/** "--features tcp,ws" as feature flags: the named ones on, the others off. */
function parseFeatures(option: string, list: string): Features {
  const names = list.split(",").map((name) => name.trim()).filter((name) => name !== "");
  const unknown = names.filter((name) => !FEATURE_NAMES.includes(name));
  if (unknown.length > 0) throw new UsageError(`${option}: unknown feature ${unknown.join(", ")} (known: ${FEATURE_NAMES.join(", ")})`);
  return Object.fromEntries(FEATURE_NAMES.map((name) => [name, names.includes(name)]));
}

/** The JSON value of a file named on the command line. */
function readJson(option: string, path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${option}: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${option}: ${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Runs a check of a file's contents; its error is a usage error that names the option and the file. */
function inFile(option: string, path: string, check: () => unknown): void {
  try {
    check();
  } catch (error) {
    throw new UsageError(`${option} ${path}: ${(error as Error).message}`);
  }
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
