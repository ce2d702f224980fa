/**
 * The arena's headless server program: an engine with the server role, the
 * network installed, the game's scripts and assets mounted, and an HTTP status
 * endpoint of its own where clients find the game's ports.
 * Run: npx tsx examples/arena/server.ts [--status-port 8080] [--scripts <dir or .pak>]
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import { Engine } from "tickwire/engine";

const text = (value: string) => ({ type: "string", default: value }) as const;
const here = (path: string) => new URL(path, import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    scripts: text(here("scripts")), assets: text(here("assets")),
    "status-port": text("8080"), "tcp-port": text("7777"), "ws-port": text("7778"),
  },
});

const engine = new Engine({ runtimeRole: "server", headless: true });
engine.installNetwork();
let status = "{}";
const publish = (record: unknown) => void (status = JSON.stringify(record));
engine.installModule("launch", { tcp_port: Number(args["tcp-port"]), ws_port: Number(args["ws-port"]), publish });
await engine.mountScripts(args.scripts);
await engine.mountAssets(args.assets);

const http = createServer((_request, response) => response.setHeader("content-type", "application/json").end(status));
http.listen(Number(args["status-port"]), "127.0.0.1", () => {
  console.log(`[server] status at http://127.0.0.1:${(http.address() as { port: number }).port}/status`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
await engine.start();
process.exitCode = await engine.finished;
http.close();
