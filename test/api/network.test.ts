/**
 * `runtime.network` beside `net` on one runtime: `Network.Connect` sockets
 * are pull-only, so a script draining `net.poll_event()` never sees (or
 * steals) their bytes, status changes or closes; `fetch` puts nothing on the
 * queue either; and `net`'s own events and bytes are untouched by them.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { startSocatEcho } from "../helpers/peers.js";
import { eventsUntil, history, pollUntil } from "../helpers/poll.js";
import type { Peer } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { tcpPeerForTest } from "../helpers/tcp-peer.js";

describe("net and network on one runtime", () => {
  let echo: Peer;
  before(async () => {
    echo = await startSocatEcho();
  });
  after(() => echo.stop());

  it("keeps each module's events and bytes to itself", async () => {
    const { net, network } = runtimeForTest();
    const peer = await tcpPeerForTest();
    const server = http.createServer((_request, response) => response.end("fetched"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    after(() => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    });
    const events = history(net);
    const drain = () => {
      for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) events.push(event);
    };

    const tcp = net.tcp_connect("127.0.0.1", echo.port);
    const sock = network.Network.Connect("127.0.0.1", peer.port);
    const side = await peer.accepted();
    await pollUntil(() => (drain(), sock.status === "connected"), { what: "the network socket to connect" });
    await eventsUntil(net, (seen) => seen.some((e) => e.handle === tcp && e.type === "connected"));

    assert.equal(net.tcp_send(tcp, "for net"), true);
    assert.equal(sock.write("to the peer"), true);
    await side.write("for network");
    const { port } = server.address() as AddressInfo;
    const fetched = network.fetch(`http://127.0.0.1:${port}/`);

    await eventsUntil(
      net,
      (seen) => seen.map((e) => (e.type === "data" && e.handle === tcp ? e.data : "")).join("") === "for net",
      { what: "net's echo" },
    );
    await pollUntil(() => (drain(), sock.available === "for network".length), { what: "the socket's bytes" });
    assert.equal((await fetched).text(), "fetched");
    await pollUntil(() => side.received().toString() === "to the peer", { what: "the socket's write at the peer" });

    side.socket.end("bye");
    await pollUntil(() => (drain(), sock.status === "fin"), { what: "the remote close of the socket" });
    net.close(tcp);
    drain();

    assert.ok(
      events.every((event) => event.handle === tcp),
      `only net's handle has events: ${JSON.stringify(events)}`,
    );
    assert.deepEqual(
      events.filter((event) => event.type !== "data").map((event) => event.type),
      ["connected", "closed"],
    );
    assert.equal(net.tcp_recv(tcp), undefined, "net's bytes all came through poll_event");
    assert.equal(sock.read()?.toString(), "for networkbye", "the socket kept every byte though the queue was drained");
    assert.equal(net.poll_event(), undefined);
  });
});
