/**
 * Type-level tests of `tickwire/script`, compiled by test/engine/example.test.ts
 * with the scripts' own tsconfig (ES2022, no DOM, no Node types). Each
 * `@ts-expect-error` line must fail to compile, or tsc reports it.
 */

declare global {
  interface TickwireModules {
    launch: { port: number };
  }
}

const net = access("net");
const handle: number = net.tcp_connect("127.0.0.1", 7777);
// @ts-expect-error the port is a number
net.tcp_connect("127.0.0.1", "7777");
const event = net.poll_event();
if (event?.type === "data") {
  const text: string = event.data;
  print(text);
}

const role: "client" | "server" | "offline_singleplayer" = access("sys").runtime_role();
const headless: boolean = access("sys").is_headless();
const rules: string | undefined = access("assets").read_text("rules.json");
const decoded: unknown = access("json").decode("{}");
access("log").info("role", role, headless, rules, decoded, handle);
const port: number = access("launch").port;
const other: unknown = access("anything");
// @ts-expect-error an unknown module is unknown until the script says what it is
access("anything").call();

const dt: number = await Event.OnTick;
const bytes: Uint8Array = new TextEncoder().encode(String(dt + port) + String(other));
print(new TextDecoder().decode(bytes), new URL("http://127.0.0.1/").hostname, performance.now());
const timer: number = setTimeout(() => print("later"), 10);
clearTimeout(timer);
console.log(btoa("x"), structuredClone({ a: 1 }), crypto.randomUUID());

const sock = Network.Connect("127.0.0.1", 7777);
const socketStatus: "connecting" | "connected" | "error" | "fin" = sock.status;
const chunk: Uint8Array | null = sock.read(4);
const response = await fetch("http://127.0.0.1/", { method: "POST", body: { json: { a: 1 } } });
const code: number = response.status;
const sameFetch: typeof fetch = access("network").fetch;
print(socketStatus, chunk, code, sameFetch === fetch, response.text());
// @ts-expect-error fetch takes the seed's six methods
void fetch("http://127.0.0.1/", { method: "CONNECT" });

// @ts-expect-error scripts see no Node globals
process.exit(1);
// @ts-expect-error no Buffer value either
Buffer.from("x");
// @ts-expect-error no require
require("node:fs");
// @ts-expect-error no DOM
document.title = "x";

export function tick(step: number): void {
  print(step);
}
