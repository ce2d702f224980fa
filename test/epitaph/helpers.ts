/**
 * Shared helpers of the Epitaph tests: a recording host (log lines, exit and
 * warp requests, extra modules), one-call loaders for a single script or
 * a small tree, and evaluators that return values as `log` prints them (so a
 * test sees `42.0` apart from `42`) or the message of a runtime error.
 */
import { loadEpitaphProgram, type EpitaphHost, type EpitaphProgram } from "../../src/epitaph/index.js";

/** A host that records what scripts do with it. */
export interface RecordingHost extends EpitaphHost {
  lines: string[];
  exits: (number | undefined)[];
  warps: string[];
}

/** Options of `recordingHost`. */
export interface HostOptions {
  modules?: Record<string, unknown>;
  role?: EpitaphHost["role"];
  headless?: boolean;
  warp?: boolean;
}

/** Makes a host serving `modules`; `access` of anything else throws "module X is not installed". */
export function recordingHost(options: HostOptions = {}): RecordingHost {
  const host: RecordingHost = {
    lines: [],
    exits: [],
    warps: [],
    role: options.role ?? "offline_singleplayer",
    headless: options.headless ?? false,
    access(name) {
      if (options.modules && Object.hasOwn(options.modules, name)) return options.modules[name];
      throw new Error(`module ${name} is not installed`);
    },
    log: (_level, line) => void host.lines.push(line),
    exit: (code) => void host.exits.push(code),
  };
  if (options.warp !== false) host.warp = (target) => void host.warps.push(target);
  return host;
}

/** Loads `src` as main.ep against a fresh recording host. */
export function load(src: string, options: HostOptions = {}): { program: EpitaphProgram; host: RecordingHost } {
  const host = recordingHost(options);
  return { program: loadEpitaphProgram(new Map([["main.ep", src]]), host), host };
}

/** Loads a script whose `log.info` lines are the result; runs `phase` (default none) and returns the lines. */
export function logsOf(src: string, phase?: string, options: HostOptions = {}): string[] {
  const { program, host } = load(`access <log>\n${src}`, options);
  if (phase !== undefined) program.call(phase);
  return host.lines;
}

/** Evaluates one Epitaph expression and returns its value as the host sees it. */
export function evaluate(expr: string, options: HostOptions = {}): unknown {
  return load(`phase result() {\nreturn ${expr}\n}`, options).program.call("result");
}

/** Evaluates each Epitaph expression (with `modules` accessed) and returns each printed as `log` prints it. */
export function printed(exprs: string[], modules: string[] = []): string[] {
  const src = `${modules.map((m) => `access <${m}>\n`).join("")}phase result() {\nreturn [${exprs.map((e) => `text(${e})`).join(", ")}]\n}`;
  return load(src).program.call("result") as string[];
}

/** Runs `body` (statements, with `modules` accessed) in a phase and returns the runtime error's message. */
export function failureOf(body: string, modules: string[] = []): string {
  const { program } = load(`${modules.map((m) => `access <${m}>\n`).join("")}phase run() {\n${body}\n}`);
  try {
    program.call("run");
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`expected ${body} to fail`);
}
