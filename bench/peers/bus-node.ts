/**
 * Bench peer: a tickwire bus node in its own process (for failover
 * detection): joins the bus at the URL with the given lease, opens a room,
 * and reports port 0 once the room is registered. The case then SIGKILLs it.
 * Usage: bus-node.ts <url> <leaseMs>.
 */
import { createNetRuntime } from "../../src/index.js";
import { reportToParent } from "./report.js";

const [url, leaseMs] = process.argv.slice(2) as [string, string];
const { net } = createNetRuntime({ bus: { url, leaseMs: Number(leaseMs), nodeId: `doomed-${process.pid}` } });
const room = net.room_open("bench");
const poll = setInterval(() => {
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
    if (event.type === "connected" && event.handle === room) reportToParent(0, () => 0);
  }
}, 2);
poll.ref();
