/**
 * Running the `tickwire` command as a user would, in a child process:
 * either to completion (with its exit code and output) or in the background,
 * waiting for lines it prints and stopping it with a signal. Every wait is
 * bounded.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { pollUntil } from "./poll.js";

/** The repository root, where the CLI's source lives. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** How a finished command ended. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command running in the background. */
export interface RunningCli {
  child: ChildProcess;
  /** Resolves when the process has exited and its output is complete. */
  exited: Promise<CliResult>;
  stdout(): string;
  stderr(): string;
  /** Waits until stdout or stderr has a line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<CliResult>;
}

/** Starts `tickwire <args>` from source (through tsx), or `command` when given (a compiled build). */
export function startCli(args: string[], command: string[] = ["--import", "tsx", "src/cli/main.ts"]): RunningCli {
  const child = spawn(process.execPath, [...command, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const exit = new Promise<CliResult>((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
  return {
    child,
    exited: exit,
    stdout: () => stdout,
    stderr: () => stderr,
    async line(pattern) {
      const found = () => `${stdout}\n${stderr}`.split("\n").find((text) => pattern.test(text));
      return pollUntil(found, { timeoutMs: 30_000, what: `a line matching ${pattern} from tickwire ${args.join(" ")}` }).catch((error) => {
        throw new Error(`${(error as Error).message}\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      });
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return finished(exit, args);
    },
  };
}

/** Runs `tickwire <args>` to completion. */
export function cli(args: string[], command?: string[]): Promise<CliResult> {
  return finished(startCli(args, command).exited, args);
}

function finished(exit: Promise<CliResult>, args: string[]): Promise<CliResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`tickwire ${args.join(" ")} did not exit within 60 s`)), 60_000);
  });
  return Promise.race([exit, late]).finally(() => clearTimeout(timer));
}
