/**
 * `new Engine({ bus })`, once per driver: scripts of an engine configured
 * with a bus see the bus functions on `net`, and two engines exchange a
 * message over the broker.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { eachBroker } from "../helpers/brokers.js";
import { engineForTest, writeTree } from "../helpers/engine.js";

const SCRIPT = `
const net = access("net"), log = access("log");
let sub = 0, heard = false, ticks = 0;
export function init() { sub = net.bus_sub("engine.chat"); }
export function tick() {
  for (let e = net.poll_event(); e; e = net.poll_event()) {
    if (e.type === "bus_message" && e.from !== net.node_id() && !heard) { heard = true; log.info("heard", e.data, "from", e.from); }
  }
  // at most once delivery: say hello every few ticks, since the other engine may not have subscribed yet
  if (net.status(sub) === "connected" && ticks++ % 10 === 0) net.bus_pub("engine.chat", "hello from " + net.node_id());
}
`;

eachBroker("engine with a bus", (broker) => {
  test("two engines configured with one bus hear each other's scripts", async () => {
    const [a, b] = ["alpha", "beta"].map((nodeId) => engineForTest({ bus: { url: broker().url, nodeId, leaseMs: 600 } }));
    for (const each of [a, b]) {
      each.engine.installNetwork();
      await each.engine.mountScripts(writeTree({ "main.ts": SCRIPT }));
    }
    await Promise.all([a.engine.start(), b.engine.start()]);
    await a.line(/heard hello from beta from beta/);
    await b.line(/heard hello from alpha from alpha/);
    assert.equal(a.engine.network?.net.node_id(), "alpha");
  });
});
