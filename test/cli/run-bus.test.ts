/**
 * `tickwire run --bus <url> --public-address <text>`, once per driver: a
 * server process opens a room under its public address, and a second
 * process (with `--features` naming fewer protocols: `--bus` still turns the
 * bus on) finds it with room_find; `--public-address` without `--bus` is a
 * usage error.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { eachBroker } from "../helpers/brokers.js";
import { cli, startCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const SCRIPT = `
const net = access("net"), log = access("log"), sys = access("sys");
let room = 0, find = 0;
export function tick() {
  if (sys.runtime_role() === "server" && room === 0) room = net.room_open("lobby", { players: 3 });
  if (sys.runtime_role() === "client" && find === 0 && net.bus_status() === "connected") find = net.room_find("lobby");
  for (let e = net.poll_event(); e; e = net.poll_event()) {
    if (e.type === "connected" && e.handle === room) log.info("room open");
    if (e.type === "room_found") { log.info("found", e.data.room, "at", e.data.address); sys.exit(0); }
    if (e.type === "error" && e.handle === find) find = 0;
  }
}
`;

eachBroker("tickwire run --bus", (broker) => {
  test("a room opened by one process under --public-address is found by another", async () => {
    const tree = writeTree({ "main.ts": SCRIPT });
    const server = startCli(["run", tree, "--role", "server", "--bus", broker().url, "--public-address", "ws://10.0.0.5:7001"]);
    after(() => server.stop("SIGKILL"));
    await server.line(/room open/);
    const client = await cli(["run", tree, "--role", "client", "--bus", broker().url, "--features", "tcp", "--ticks", "1200"]);
    assert.equal(client.code, 0, client.stderr);
    assert.match(client.stdout, /found lobby@\S+ at ws:\/\/10\.0\.0\.5:7001/);
  });
});

test("--public-address without --bus is a usage error", async () => {
  const result = await cli(["run", writeTree({ "main.ts": SCRIPT }), "--role", "server", "--public-address", "x"]);
  assert.notEqual(result.code, 0);
  assert.match(result.stderr, /--public-address needs --bus/);
});
