/**
 * Bench peer: a raw subscriber (ioredis or NATS, by the URL's scheme) that
 * only counts the messages it receives: on tickwire's channel or subject the
 * publishes each broker message carries (decoded as a tickwire node would),
 * on the raw client's one per broker message. Reports port 0 once
 * subscribed, then answers "count" with the messages so far.
 * Usage: bus-sink.ts <url> <tickwire channel or subject> <raw channel or subject>.
 */
import { connect } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import { decodeEnvelope } from "../../src/bus/envelope.js";
import { reportToParent } from "./report.js";

const [url, tickwireName, rawName] = process.argv.slice(2) as [string, string, string];
let received = 0;
const count = (tickwire: boolean, message: Uint8Array) => (received += tickwire ? (decodeEnvelope(message)?.arrivals.length ?? 0) : 1);
if (url.startsWith("redis:")) {
  const redis = new Redis(url);
  redis.on("messageBuffer", (channel: Buffer, message: Buffer) => count(channel.toString("latin1") === tickwireName, message));
  await redis.subscribe(tickwireName, rawName);
} else {
  const nc = await connect({ servers: url.slice("nats://".length) });
  nc.subscribe(tickwireName, { callback: (_error, message) => void count(true, message.data) });
  nc.subscribe(rawName, { callback: (_error, message) => void count(false, message.data) });
  await nc.flush();
}
reportToParent(0, () => received);
