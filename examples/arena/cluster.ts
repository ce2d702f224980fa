/**
 * `npm run start:cluster`: the arena as two server processes behind one
 * Redis. Starts a `redis-server` at a free port, two headless arena servers
 * on the bus (each opens its room and serves a front door at its own
 * `/join`), and bots that join through a front door, which sends each to
 * the owner of the emptiest room. Chat crosses the processes over the bus.
 * Halfway through, the second server is SIGKILLed: the first sees it go
 * down, its bots rejoin through the front door and land on the survivor.
 * The summary shows rooms and players per process and the failover.
 * Options: --seconds N (default 12), --bots N (default 4).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { writePak } from "tickwire/engine";
import { printSummary, type BotResult } from "./summary.js";

const { values: args } = parseArgs({ options: { seconds: { type: "string", default: "12" }, bots: { type: "string", default: "4" } } });
const seconds = Number(args.seconds);
const root = new URL("../..", import.meta.url).pathname;
const here = (path: string) => new URL(path, import.meta.url).pathname;

if (spawnSync("redis-server", ["--version"]).error !== undefined) {
  console.error("redis-server is not installed: apt-get install -y redis-server");
  process.exit(1);
}

/** A free TCP port on 127.0.0.1 (redis-server cannot bind port 0 and report it). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts a program; every line it prints is shown with `label` and handed to `onLine`. */
function program(command: string, programArgs: string[], label: string, onLine: (line: string) => void = () => {}): ChildProcess {
  const child = spawn(command, programArgs, { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (!line.startsWith("[client] result ") && label !== "redis") console.log(`${label} ${line}`);
    onLine(line);
  });
  return child;
}

/** Resolves with the first match of `pattern` in a line of a program's output (or in all of a list of lines, given as one entry). */
function waitFor(lines: (string | string[])[], pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const check = setInterval(() => {
      const found = lines.map((line) => pattern.exec(typeof line === "string" ? line : line.join("\n"))).find((match) => match !== null);
      if (found) return clearInterval(check), resolve(found);
      if (Date.now() > deadline) clearInterval(check), reject(new Error(`no ${what} within 30 s`));
    }, 20);
  });
}

const work = mkdtempSync(join(tmpdir(), "tickwire-cluster-"));
const pak = join(work, "scripts.pak");
writePak(here("scripts"), pak);
const children: ChildProcess[] = [];
try {
  const redisPort = await freePort();
  const redisLines: string[] = [];
  children.push(program("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], "redis", (l) => redisLines.push(l)));
  await waitFor(redisLines, /Ready to accept connections/, "redis-server");
  const bus = `redis://127.0.0.1:${redisPort}`;
  console.log(`redis-server at ${bus}`);
  const servers = ["A", "B"].map((name) => {
    const lines: string[] = [];
    const child = program(process.execPath, ["--import", "tsx", here("server.ts"), "--scripts", pak, "--bus", bus, "--bots", "0",
      "--status-port", "0", "--tcp-port", "0", "--ws-port", "0"], `[${name}]`, (line) => lines.push(line));
    children.push(child);
    return { name, child, lines };
  });
  const doors = await Promise.all(servers.map((s) => waitFor(s.lines, /front door at (\S+)/, `front door of ${s.name}`)));
  const nodes = await Promise.all(servers.map((s) => waitFor(s.lines, /room arena@(\S+) open/, `room of ${s.name}`)));
  const [doorA] = doors.map((match) => match[1]!);
  const results: BotResult[] = [];
  const botLines: string[] = [];
  const bots: Promise<number>[] = [];
  for (let i = 0; i < Number(args.bots); i++) {
    const botArgs = ["--scripts", pak, "--status", doorA!, "--name", `bot-${i + 1}`, "--transport", i % 2 === 0 ? "tcp" : "ws", "--rejoin"];
    const child = program(process.execPath, ["--import", "tsx", here("client.ts"), ...botArgs, "--seconds", String(seconds), "--headless"], `[bot-${i + 1}]`, (line) => {
      if (line.startsWith("[client] result ")) results.push(JSON.parse(line.slice("[client] result ".length)) as BotResult);
      botLines.push(line);
    });
    children.push(child);
    bots.push(new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1))));
    await new Promise((resolve) => setTimeout(resolve, 700));
  }
  const joinedAll = new RegExp(`^(?:[^]*joined as player){${Number(args.bots)}}`);
  await waitFor([botLines], joinedAll, "every bot joined");
  await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 3));
  const roomsBefore = await (await fetch(doorA!.replace("/join", "/rooms"))).json();
  const killedAt = Date.now();
  servers[1]!.child.kill("SIGKILL");
  console.log(`killed server B (node ${nodes[1]![1]}) with SIGKILL`);
  await waitFor(servers[0]!.lines, new RegExp(`node ${nodes[1]![1]} down`), "node_down of B");
  const detectedMs = Date.now() - killedAt;
  const codes = await Promise.all(bots);
  const statusA = await (await fetch(doorA!.replace("/join", "/status"))).json();
  const roomsAfter = await (await fetch(doorA!.replace("/join", "/rooms"))).json();
  servers[0]!.child.kill("SIGTERM");
  printSummary(statusA, results, seconds);
  const perNode = (rooms: { node: string; meta: { players: number } }[]) => rooms.map((r) => `${r.node}: ${r.meta?.players ?? 0} players`).join(", ");
  console.log(`rooms before the kill: ${perNode(roomsBefore)}`);
  console.log(`rooms after the kill:  ${perNode(roomsAfter)}`);
  console.log(`failover: B's node_down seen by A ${detectedMs} ms after SIGKILL (lease 1500 ms); ${results.filter((r) => (r as BotResult & { rejoins: number }).rejoins > 0).length} bots rejoined`);
  console.log(`chat: A heard ${statusA.cluster?.chat_heard ?? 0} lines from other processes over the bus`);
  const ok = codes.every((code) => code === 0) && results.length === Number(args.bots) && roomsAfter.length === 1;
  if (!ok) console.error(`cluster: a program failed (bots ${codes.join(", ")}, results ${results.length}, rooms after ${roomsAfter.length})`);
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
}
