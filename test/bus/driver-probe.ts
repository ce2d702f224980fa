/**
 * Prints which bus names a runtime has and which driver packages got loaded:
 * `driver-probe.ts <url or "">`. Runs in its own process so nothing else
 * has loaded a driver before.
 */
import { createRequire } from "node:module";
import { createNetRuntime } from "../../src/index.js";

const url = process.argv[2];
const runtime = createNetRuntime(url === "" ? {} : { bus: { url } });
const names = Object.keys(runtime.net).filter((name) => /^(bus_|room_|node_)/.test(name)).sort();
setTimeout(() => {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  const has = (part: string) => loaded.some((path) => path.includes(part));
  process.stdout.write(JSON.stringify({ names, ioredis: has("/node_modules/ioredis/"), nats: has("/node_modules/@nats-io/") }));
  void runtime.close().then(() => process.exit(0));
}, 300);
