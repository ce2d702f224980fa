/**
 * Starting real peers in child processes (socat, nginx, a Python websockets
 * server) and stopping them, with bounded waits; and `requireProgram`, the one
 * check that a Debian program a test needs is installed, which fails the test
 * with one line naming the program and the command that installs it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { accessSync, constants } from "node:fs";
import * as net from "node:net";
import { delimiter, isAbsolute, join } from "node:path";
import { pollUntil } from "./poll.js";

/** The Debian package of each program the tests run, where its name differs from the program's. */
const PACKAGES: Record<string, string> = {
  unshare: "util-linux",
  ip: "iproute2",
};

/** Every executable path of `program` (a name looked up on PATH, or an absolute path), in PATH order. */
export function findPrograms(program: string): string[] {
  const candidates = isAbsolute(program) ? [program] : (process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, program));
  return candidates.filter((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** The one-line failure for a missing program: `missing program: nginx (install: apt-get install -y nginx)`. */
export function missingProgram(program: string): Error {
  const name = program.slice(program.lastIndexOf("/") + 1);
  const error = new Error(`missing program: ${name} (install: apt-get install -y ${PACKAGES[name] ?? name})`);
  error.stack = `Error: ${error.message}`; // the one line is the whole report: no stack trace after it
  return error;
}

/** Returns the path of `program`, or throws the one-line `missingProgram` error when it is not installed. */
export function requireProgram(program: string): string {
  const [path] = findPrograms(program);
  if (path === undefined) throw missingProgram(program);
  return path;
}

/**
 * Like `requireProgram` for a python3 that has `module` (`websockets`, Debian's python3-websockets): the first
 * python3 on PATH that imports it, so a python3 of a version manager that lacks it is passed over.
 */
export function requirePythonModule(module: string): string {
  const pythons = findPrograms("python3");
  if (pythons.length === 0) throw missingProgram("python3");
  const python = pythons.find((path) => spawnSync(path, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0);
  if (python === undefined) throw missingProgram(`python3-${module}`);
  return python;
}

/** A running peer process. */
export interface Peer {
  port: number;
  process: ChildProcess;
  /** Output so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free port on 127.0.0.1 (for peers that cannot bind port 0 and report it). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** True once something accepts TCP connections on 127.0.0.1:port. */
export function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Spawns a peer and waits until it accepts on `port` (or prints a port when `port` is 0). */
export async function startPeer(command: string, args: string[], port: number, timeoutMs = 15_000): Promise<Peer> {
  const child = spawn(requireProgram(command), args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  let exited = false;
  child.once("exit", () => (exited = true));
  child.once("error", (error) => {
    output += `\n${error.message}`;
    exited = true;
  });
  let bound = port;
  let ready = false;
  await pollUntil(
    () => {
      if (exited) throw new Error(`${command} exited early: ${output}`);
      if (bound === 0) bound = Number(/PORT (\d+)/.exec(output)?.[1] ?? 0);
      if (bound !== 0) void accepting(bound).then((ok) => (ready = ok));
      return ready;
    },
    { timeoutMs, what: `${command} to accept connections (output: ${output})` },
  );
  return {
    port: bound,
    process: child,
    output: () => output,
    stop: () => stopProcess(child),
  };
}

/** Kills a child process and waits for it to exit. */
export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
