/**
 * A long stream through a tickwire TCP pair (two runtimes in this process):
 * the sender's tick loop sends seeded chunks of multi-byte UTF-8 text as
 * fast as the send buffer allows, the receiver's tick loop drains "data"
 * events, and the SHA-256 of the bytes must match at both ends. 64 MiB in
 * npm test, 1 GiB under soak.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, test } from "node:test";
import { createNetRuntime, ERR } from "../../src/index.js";
import { boundPort, pollUntil } from "../helpers/poll.js";
import { Random } from "./fuzz/random.js";
import { scaled } from "./scale.js";

const TOTAL_BYTES = scaled(64, 1024) * 1024 * 1024;

/** Sixteen ~64 KiB texts mixing 1-, 2-, 3- and 4-byte characters, so packets split characters everywhere. */
function makeChunks(rng: Random): { text: string; bytes: number }[] {
  const alphabet = ["a", "Z", "7", " ", "\n", "é", "ß", "Ж", "€", "✓", "語", "🎮", "𝄞"];
  return Array.from({ length: 16 }, () => {
    const parts: string[] = [];
    for (let i = 0; i < 20_000 + rng.int(2000); i++) parts.push(rng.pick(alphabet));
    const text = parts.join("");
    return { text, bytes: Buffer.byteLength(text) };
  });
}

test(`stream: ${TOTAL_BYTES / 1048576} MiB through a tickwire TCP pair arrive with the same SHA-256`, { timeout: 900_000 }, async (t) => {
  const seed = 20_261_126;
  const rng = new Random(seed);
  const chunks = makeChunks(rng);
  const receiverRuntime = createNetRuntime();
  const senderRuntime = createNetRuntime();
  after(() => Promise.all([receiverRuntime.close(), senderRuntime.close()]));
  const [receiver, sender] = [receiverRuntime.net, senderRuntime.net];
  const listener = receiver.tcp_listen(0, "127.0.0.1");
  const conn = sender.tcp_connect("127.0.0.1", await boundPort(receiver, listener));

  const sent = createHash("sha256");
  const got = createHash("sha256");
  let sentBytes = 0;
  let gotBytes = 0;
  let senderDone = false;
  let receiverDone = false;
  let failure: string | undefined;
  let pending = chunks[rng.int(chunks.length)];

  const tick = () => {
    for (let event = receiver.poll_event(); event !== undefined; event = receiver.poll_event()) {
      if (event.type === "data") {
        got.update(event.data, "utf8");
        gotBytes += Buffer.byteLength(event.data);
      } else if (event.type === "closed" && event.handle !== listener) receiverDone = true;
      else if (event.type === "error") failure = `receiver: ${event.data}`;
    }
    for (let event = sender.poll_event(); event !== undefined; event = sender.poll_event()) {
      if (event.type === "error") failure = `sender: ${event.data}`;
    }
    while (!senderDone && sender.status(conn) === "connected") {
      const result = sender.tcp_send(conn, pending.text);
      if (result === ERR.sendBufferFull) break;
      if (result !== true) return void (failure = `tcp_send: ${result}`);
      sent.update(pending.text, "utf8");
      sentBytes += pending.bytes;
      pending = chunks[rng.int(chunks.length)];
      if (sentBytes >= TOTAL_BYTES) {
        senderDone = true;
        sender.tcp_close(conn);
      }
    }
    if (!receiverDone && failure === undefined) setImmediate(tick);
  };
  setImmediate(tick);
  const started = Date.now();
  await pollUntil(() => receiverDone || failure !== undefined, { timeoutMs: 840_000, what: `the stream to end (${gotBytes} of ${TOTAL_BYTES} bytes so far)` });
  assert.equal(failure, undefined);
  const seconds = (Date.now() - started) / 1000;
  t.diagnostic(`${(sentBytes / 1048576).toFixed(0)} MiB in ${seconds.toFixed(1)} s (seed ${seed})`);
  assert.equal(gotBytes, sentBytes);
  assert.equal(got.digest("hex"), sent.digest("hex"));
});
