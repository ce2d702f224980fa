/**
 * Limits and backpressure (docs/design.md, rules 12-14) on real sockets: a reader that never
 * drains stops the sender through the kernel, a sender past its buffer is
 * refused whole, and handles never pile up.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import { boundPort, eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { coreOf } from "../../src/api/internals.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("receive backpressure", () => {
  test("a script that never drains holds at most the limit, and later gets every byte", async () => {
    const limit = 64 * 1024;
    const runtime = runtimeForTest({ limits: { recvBufferBytes: limit } });
    const { net } = runtime;
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const peer = nodeNet.connect(port, "127.0.0.1");
    after(() => peer.destroy());
    const client = (await eventOf(net, listener, "accepted")).data;
    const total = 16 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "x");
    const sent = createHash("sha256");
    for (let i = 0; i < total / chunk.length; i++) {
      peer.write(chunk);
      sent.update(chunk);
    }
    await pollUntil(() => peer.writableLength > 4 * 1024 * 1024, {
      what: "the kernel to push back on the sender",
    });
    const held = coreOf(runtime).get(client)?.inboxBytes ?? -1;
    assert.ok(held <= limit + 64 * 1024, `held ${held} bytes, limit ${limit}`);
    const got = createHash("sha256");
    let count = 0;
    await pollUntil(() => {
      for (let text = net.tcp_recv(client); text !== undefined; text = net.tcp_recv(client)) {
        got.update(text);
        count += text.length;
      }
      return count === total;
    }, { timeoutMs: 30_000, what: `all ${total} bytes (got ${count})` });
    assert.equal(got.digest("hex"), sent.digest("hex"));
  });
});

describe("send backpressure", () => {
  test("a send past the buffer is refused whole with 'send buffer full', nothing of it queued", async () => {
    const runtime = runtimeForTest({ limits: { sendBufferBytes: 256 * 1024 } });
    const { net } = runtime;
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const peer = nodeNet.connect(port, "127.0.0.1");
    after(() => peer.destroy());
    peer.pause();
    const client = (await eventOf(net, listener, "accepted")).data;
    const piece = "y".repeat(16 * 1024);
    let accepted = 0;
    let refused: true | string = true;
    await pollUntil(async () => {
      refused = net.tcp_send(client, piece);
      if (refused === true) accepted += piece.length;
      await turn();
      return refused !== true;
    }, { timeoutMs: 30_000, what: "a refused send" });
    assert.equal(refused, "send buffer full");
    let received = 0;
    peer.on("data", (chunk: Buffer) => (received += chunk.length));
    peer.resume();
    await pollUntil(() => received === accepted, { what: `the ${accepted} accepted bytes (got ${received})` });
    assert.equal(net.tcp_send(client, piece), true, "sending works again once drained");
  });
});

describe("bounded handles", () => {
  test("20,000 open-send-close cycles leave no handle behind", async () => {
    const runtime = runtimeForTest();
    const { net } = runtime;
    const listener = net.tcp_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const cycles = 20_000;
    const batch = 250;
    let done = 0;
    let echoed = 0;
    while (done < cycles) {
      const open = new Set<number>();
      for (let i = 0; i < batch; i++) open.add(net.tcp_connect("127.0.0.1", port));
      await pollUntil(() => {
        for (let e = net.poll_event(); e !== undefined; e = net.poll_event()) {
          if (e.type === "connected") net.tcp_send(e.handle, "hi");
          else if (e.type === "data" && !open.has(e.handle)) net.tcp_close(e.handle);
          else if (e.type === "closed" && open.has(e.handle)) {
            echoed++;
            open.delete(e.handle);
            net.close(e.handle);
          } else if (e.type === "closed") net.close(e.handle);
          else if (e.type === "error") throw new Error(`cycle failed: ${e.data}`);
        }
        return open.size === 0;
      }, { timeoutMs: 60_000, what: `batch at ${done} to finish` });
      done += batch;
    }
    await pollUntil(() => {
      for (let e = net.poll_event(); e !== undefined; e = net.poll_event()) if (e.type === "closed") net.close(e.handle);
      return coreOf(runtime).size === 1;
    }, { what: `the table to shrink to the listener (size ${coreOf(runtime).size})` });
    assert.equal(echoed, cycles);
    assert.equal(net.status(listener), "listening");
  });

  test("finished handles a script never closes are released past retainedHandles", async () => {
    const runtime = runtimeForTest({ limits: { retainedHandles: 100 } });
    const { net } = runtime;
    const handles = Array.from({ length: 500 }, () => net.tcp_connect("127.0.0.1", 70000));
    assert.ok(coreOf(runtime).size <= 100, `table holds ${coreOf(runtime).size}`);
    assert.equal(net.status(handles[0]), undefined, "the oldest finished handle was released");
    assert.equal(net.status(handles[499]), "error", "the newest is kept");
  });
});
