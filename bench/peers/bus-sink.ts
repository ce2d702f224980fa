/**
 * Bench peer: a raw subscriber (ioredis or NATS, by the URL's scheme) on one
 * channel or subject that only counts the messages it receives; reports
 * port 0 once subscribed, then answers "count" with the messages so far.
 * Usage: bus-sink.ts <url> <channel or subject>.
 */
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { reportToParent } from "./report.js";

const [url, channel] = process.argv.slice(2) as [string, string];
let received = 0;
if (url.startsWith("redis:")) {
  const redis = new Redis(url);
  redis.on("messageBuffer", () => received++);
  await redis.subscribe(channel);
} else {
  const nc = await connect({ servers: url.slice("nats://".length) });
  nc.subscribe(channel, { callback: () => void received++ });
  await nc.flush();
}
reportToParent(0, () => received);
