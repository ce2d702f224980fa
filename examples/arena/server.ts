/**
 * The arena's headless server program: an engine with the server role, the
 * network installed, the game's scripts and assets mounted, and an HTTP server
 * of its own: `/status`, where clients find the game's ports, and the page
 * where a person plays against the bots the program also runs (in-process
 * client engines, half over TCP, half over WebSocket). `--inspect <port>`
 * serves the live inspector of the server's network.
 * Run: npx tsx examples/arena/server.ts [--status-port 8080] [--bots 3] [--inspect 9229] [--scripts <dir or .pak>]
 * then open http://127.0.0.1:8080/ to play.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Engine } from "tickwire/engine";
import { startClient } from "./clients.js";
import { webFiles } from "./web.js";

const text = (value: string) => ({ type: "string", default: value }) as const;
const here = (path: string) => new URL(path, import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    scripts: text(here("scripts")), assets: text(here("assets")), "status-port": text("8080"),
    "tcp-port": text("7777"), "ws-port": text("7778"), bots: text("3"), inspect: { type: "string" },
  },
});

const inspect = args.inspect === undefined ? undefined : { port: Number(args.inspect), title: "arena server" };
const engine = new Engine({ runtimeRole: "server", headless: true, inspect, sandbox: process.env.TICKWIRE_SANDBOX === "1" });
engine.installNetwork();
let status = "{}";
const publish = (record: unknown) => void (status = JSON.stringify(record));
engine.installModule("launch", { tcp_port: Number(args["tcp-port"]), ws_port: Number(args["ws-port"]), publish });
await engine.mountScripts(args.scripts);
await engine.mountAssets(args.assets);
const files = await webFiles(args);

const http = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://arena").pathname;
  const file = path === "/status" ? { type: "application/json", body: status } : files.get(path);
  if (file === undefined) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
});
const origin = await new Promise<string>((resolve) => {
  http.listen(Number(args["status-port"]), "127.0.0.1", () => resolve(`http://127.0.0.1:${(http.address() as { port: number }).port}`));
});
console.log(`[server] status at ${origin}/status`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
await engine.start();
if (engine.inspector !== undefined) console.log(`[server] inspector at ${engine.inspector.url}`);
const bots = await Promise.all(
  Array.from({ length: Number(args.bots) }, (_, i) =>
    startClient(args, true, { status_url: `${origin}/status`, transport: i % 2 === 0 ? "tcp" : "ws", name: `bot-${i + 1}`, seconds: 0 }),
  ),
);
console.log(`[server] play at ${origin}/ against ${bots.length} bots`);
process.exitCode = await engine.finished;
await Promise.all(bots.map((bot) => bot.stop()));
http.close();
