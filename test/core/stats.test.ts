/**
 * `runtime.stats()` on Node: a WebSocket listener and client of one runtime
 * exchange messages on 127.0.0.1, a TCP connect is refused, and the snapshot
 * counts the handles by kind and status, the traffic, the queue and the
 * errors; a snapshot changes nothing, so rates come from two of them.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createNetRuntime, type RuntimeStats } from "../../src/index.js";
import { boundPort, eventOf, eventsUntil } from "../helpers/poll.js";
import { LISTED_HANDLES, RECENT_ERRORS } from "../../src/core/stats.js";
import { freePort } from "../helpers/processes.js";

describe("runtime.stats()", () => {
  const runtime = createNetRuntime();
  const { net } = runtime;
  after(() => runtime.close());

  it("counts handles by kind and status, traffic, queue depth and errors", async () => {
    const fresh = runtime.stats();
    assert.deepEqual(
      { ...fresh, at: 0 },
      {
        at: 0,
        handles: { total: 0, open: 0, byKind: {} },
        list: [],
        unlisted: 0,
        queueDepth: 0,
        totals: { events: 0, bytesIn: 0, bytesOut: 0, errors: 0 },
        recentErrors: [],
      },
    );

    const listener = net.ws_listen(0, "127.0.0.1");
    const port = await boundPort(net, listener);
    const client = net.ws_connect(`ws://127.0.0.1:${port}/`);
    const accepted = (await eventOf(net, listener, "accepted")).data;
    await eventOf(net, client, "connected");
    assert.equal(net.ws_send(client, "0123456789"), true);
    await eventOf(net, accepted, "message");
    const refused = net.tcp_connect("127.0.0.1", await freePort());
    await eventOf(net, refused, "error");
    assert.equal(net.ws_send(accepted, "abc"), true);

    const stats: RuntimeStats = runtime.stats();
    assert.deepEqual(stats.handles, {
      total: 4,
      open: 3,
      byKind: { ws_listener: { listening: 1 }, ws: { connected: 2 }, tcp: { error: 1 } },
    });
    // accepted, connected, message, error
    assert.deepEqual(stats.totals, { events: 4, bytesIn: 10, bytesOut: 13, errors: 1 });
    const again = runtime.stats();
    assert.deepEqual({ ...again, at: 0 }, { ...stats, at: 0 }, "taking a snapshot changes nothing");
    assert.deepEqual(
      stats.recentErrors.map(({ handle, kind, error }) => ({ handle, kind, error })),
      [{ handle: refused, kind: "tcp", error: "connection refused" }],
    );
    const byId = new Map(stats.list.map((entry) => [entry.handle, entry]));
    assert.equal(byId.get(listener)?.localPort, port);
    assert.match(byId.get(client)?.remote ?? "", new RegExp(`^127\\.0\\.0\\.1:${port}$`));
    assert.deepEqual({ ...byId.get(client), remote: "", localPort: 0 }, {
      handle: client, kind: "ws", status: "connected", bufferedIn: 0, bufferedOut: 0,
      bytesIn: 0, bytesOut: 10, remote: "", localPort: 0,
    });
    assert.equal(byId.get(accepted)?.bufferedOut, 3, "the send of this turn is still queued");

    const events = await eventsUntil(net, (seen) => seen.some((e) => e.type === "message" && e.handle === client));
    assert.ok(events.length > 0);
    const quiet = runtime.stats();
    assert.equal(quiet.queueDepth, 0);
    assert.equal(quiet.list.find((entry) => entry.handle === client)?.bytesIn, 3);
    const elapsed = Math.max(quiet.at - stats.at, 1) / 1000;
    assert.ok((quiet.totals.bytesIn - stats.totals.bytesIn) / elapsed > 0, "a rate is the difference of two snapshots");
  });

  it("lists at most LISTED_HANDLES handles and remembers the newest RECENT_ERRORS errors", () => {
    const before = runtime.stats().handles.total;
    const failed: number[] = [];
    for (let i = 0; i < LISTED_HANDLES; i++) failed.push(net.http_get("not a url"));
    const stats = runtime.stats();
    assert.equal(stats.handles.total, before + LISTED_HANDLES);
    assert.equal(stats.list.length, LISTED_HANDLES);
    assert.equal(stats.unlisted, before);
    assert.equal(stats.recentErrors.length, RECENT_ERRORS);
    assert.deepEqual(stats.recentErrors.map((e) => e.handle), failed.slice(-RECENT_ERRORS));
    assert.equal(stats.recentErrors[0].error, "invalid url");
  });
});
