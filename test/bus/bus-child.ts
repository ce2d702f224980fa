/**
 * A bus node in its own process, for the tests: `bus-child.ts <url> <leaseMs>
 * sub <topic>` subscribes and prints every event; `... room <name>` listens
 * for WebSockets, opens a room at that address and echoes what its players
 * send. Prints one JSON line per event, `{ type: "ready", node }` first.
 */
import { createNetRuntime, type NetEvent } from "../../src/index.js";

const [url, leaseMs, mode, name] = process.argv.slice(2);
const runtime = createNetRuntime({ bus: { url, leaseMs: Number(leaseMs) } });
const { net } = runtime;
const print = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const listener = mode === "room" ? net.ws_listen(0, "127.0.0.1") : 0;
const main = mode === "sub" ? net.bus_sub(name) : 0;
let room = 0;

function step(): void {
  if (listener !== 0 && room === 0 && net.local_port(listener) !== undefined) {
    room = net.room_open(name, { players: 0 }, `ws://127.0.0.1:${net.local_port(listener)}`);
  }
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) handle(event);
}

function handle(event: NetEvent): void {
  if (event.type === "connected" && (event.handle === main || event.handle === room)) print({ type: "ready", node: net.node_id() });
  if (event.type === "message") net.ws_send(event.handle, `echo ${String(event.data)}`);
  if (event.type === "bus_message") print({ type: event.type, data: event.data, topic: event.topic, from: event.from });
  else if (event.type !== "message") print({ type: event.type, handle: event.handle, data: "data" in event ? event.data : undefined });
}

setInterval(step, 5);
process.on("SIGTERM", () => void runtime.close().then(() => process.exit(0)));
