/**
 * `npm start`: packs the arena's script tree into a `.pak`, starts the
 * headless server program and three bot clients (two over TCP, one over
 * WebSocket; bot-2 takes its world snapshots over UDP) from that same pack,
 * lets them play, and prints a summary of players, ticks, messages, bytes,
 * round-trip times and bot-2's datagrams and loss. Exits 0 when every
 * program ended cleanly and every bot measured its round trip.
 * Options: --seconds N (default 10).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { writePak } from "tickwire/engine";
import { printSummary, type BotResult } from "./summary.js";

const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "10" } } });
const seconds = Number(args.seconds);
const root = new URL("../..", import.meta.url).pathname;
const here = (path: string) => new URL(path, import.meta.url).pathname;
const BOTS = [
  { name: "bot-1", transport: "tcp" },
  { name: "bot-2", transport: "tcp", snapshots: "udp" },
  { name: "bot-3", transport: "ws" },
];

/** Starts an entry program under tsx; every line it prints is shown and handed to `onLine`. */
function program(file: string, programArgs: string[], onLine: (line: string) => void = () => {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", here(file), ...programArgs], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("[client] result ")) console.log(line);
    onLine(line);
  });
  return child;
}

/** Resolves with a child's exit code, or rejects after `ms`. */
function exited(child: ChildProcess, ms: number, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not exit within ${ms} ms`)), ms);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

const work = mkdtempSync(join(tmpdir(), "tickwire-arena-"));
const pak = join(work, "scripts.pak");
console.log(`packed ${writePak(here("scripts"), pak)} script files into ${pak}`);
const children: ChildProcess[] = [];
try {
  const statusUrl = await new Promise<string>((resolve, reject) => {
    const server = program("server.ts", ["--scripts", pak, "--status-port", "0", "--tcp-port", "0", "--ws-port", "0", "--bots", "0"], (line) => {
      const url = /status at (http:\S+)/.exec(line)?.[1];
      if (url !== undefined) resolve(url);
    });
    children.push(server);
    server.once("exit", () => reject(new Error("the server exited before it was ready")));
    setTimeout(() => reject(new Error("the server was not ready within 30 s")), 30_000).unref();
  });
  const results: BotResult[] = [];
  const bots = BOTS.map((bot) => {
    const botArgs = ["--scripts", pak, "--status", statusUrl, "--name", bot.name, "--transport", bot.transport, ...(bot.snapshots ? ["--snapshots", bot.snapshots] : [])];
    const child = program("client.ts", [...botArgs, "--seconds", String(seconds), "--headless"], (line) => {
      if (line.startsWith("[client] result ")) results.push(JSON.parse(line.slice("[client] result ".length)) as BotResult);
    });
    children.push(child);
    return exited(child, (seconds + 30) * 1000, bot.name);
  });
  const botCodes = await Promise.all(bots);
  const status = (await (await fetch(statusUrl)).json()) as Record<string, unknown>;
  children[0]!.kill("SIGTERM");
  const serverCode = await exited(children[0]!, 15_000, "the server");
  const measured = results.length === BOTS.length && results.every((result) => result.roundTrips.length > 0);
  printSummary(status, results, seconds);
  const ok = serverCode === 0 && botCodes.every((code) => code === 0) && measured;
  if (!ok) console.error(`arena: a program failed (server ${serverCode}, bots ${botCodes.join(", ")}, results ${results.length})`);
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
}
