/**
 * The arena's client program: an engine with the client role, the network
 * installed, and the same scripts and assets as the server. The scripts find
 * the server through its status endpoint and play by themselves.
 * With `--rejoin` (a cluster's front door as `--status`) it finds a server again when its connection ends.
 * Run: npx tsx examples/arena/client.ts [--status <url>] [--transport tcp|ws] [--snapshots udp] [--name you] [--seconds 0] [--rejoin]
 */
import { parseArgs } from "node:util";
import { startClient } from "./clients.js";

const text = (value: string) => ({ type: "string", default: value }) as const;
const here = (path: string) => new URL(path, import.meta.url).pathname;
const { values: args } = parseArgs({
  options: {
    scripts: text(here("scripts")), assets: text(here("assets")), status: text("http://127.0.0.1:8080/status"),
    transport: text("tcp"), name: text("player"), seconds: text("0"), snapshots: text(""), headless: { type: "boolean", default: false },
    rejoin: { type: "boolean", default: false },
  },
});

const transport = args.transport === "ws" ? "ws" : "tcp";
const snapshots = args.snapshots === "udp" ? "udp" : undefined;
const launch = { status_url: args.status, transport, name: args.name, seconds: Number(args.seconds), snapshots, rejoin: args.rejoin };
const engine = await startClient(args, args.headless, launch);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void engine.stop());
process.exitCode = await engine.finished;
