/**
 * The arena's headless server program: an engine with the server role, the
 * network installed, the game's scripts and assets mounted, and an HTTP server
 * of its own: `/status`, where clients find the game's ports, and the page
 * where a person plays against the bots the program also runs (in-process
 * client engines, half over TCP, half over WebSocket). `--inspect <port>`
 * serves the live inspector of the server's network. `--bus <url>` joins a
 * cluster (cluster.ts): the scripts open this process's room under its
 * `/status` address, and the program serves a front door at `/join`.
 * Run: npx tsx examples/arena/server.ts [--status-port 8080] [--bots 3] [--inspect 9229] [--scripts <dir or .pak>] [--bus redis://...]
 * then open http://127.0.0.1:8080/ to play.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Engine } from "tickwire/engine";
import { startClient } from "./clients.js";
import { startFrontDoor } from "./front-door.js";
import { webFiles } from "./web.js";

const text = (value: string) => ({ type: "string", default: value }) as const;
const here = (path: string) => new URL(path, import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    scripts: text(here("scripts")), assets: text(here("assets")), "status-port": text("8080"),
    "tcp-port": text("7777"), "ws-port": text("7778"), bots: text("3"), inspect: { type: "string" }, bus: { type: "string" },
  },
});

const inspect = args.inspect === undefined ? undefined : { port: Number(args.inspect), title: "arena server" };
const door = args.bus === undefined ? undefined : startFrontDoor(args.bus);
let status = "{}";
const publish = (record: unknown) => void (status = JSON.stringify(record));
const files = await webFiles(args);

const http = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://arena").pathname;
  if (door?.serve(path, request, response)) return;
  const file = path === "/status" ? { type: "application/json", body: status } : files.get(path);
  if (file === undefined) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
});
const origin = await new Promise<string>((resolve) => {
  http.listen(Number(args["status-port"]), "127.0.0.1", () => resolve(`http://127.0.0.1:${(http.address() as { port: number }).port}`));
});
console.log(`[server] status at ${origin}/status`);
if (door !== undefined) console.log(`[server] front door at ${origin}/join`);
const bus = args.bus === undefined ? undefined : { url: args.bus, publicAddress: `${origin}/status`, leaseMs: 1500 };
const engine = new Engine({ runtimeRole: "server", headless: true, inspect, bus, sandbox: process.env.TICKWIRE_SANDBOX === "1" });
engine.installNetwork();
engine.installModule("launch", { tcp_port: Number(args["tcp-port"]), ws_port: Number(args["ws-port"]), publish });
await engine.mountScripts(args.scripts);
await engine.mountAssets(args.assets);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
await engine.start();
if (engine.inspector !== undefined) console.log(`[server] inspector at ${engine.inspector.url}`);
const bots = await Promise.all(
  Array.from({ length: Number(args.bots) }, (_, i) =>
    startClient(args, true, { status_url: `${origin}/status`, transport: i % 2 === 0 ? "tcp" : "ws", name: `bot-${i + 1}`, seconds: 0 }),
  ),
);
console.log(`[server] play at ${origin}/${bots.length === 0 ? "" : ` against ${bots.length} bots`}`);
process.exitCode = await engine.finished;
await Promise.all(bots.map((bot) => bot.stop()));
http.close();
await door?.close();
