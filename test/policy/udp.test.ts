/**
 * The host policy on UDP (SPEC 11-12): every `udp_send` destination is judged
 * on the address it goes to (after DNS for names, literals too), datagrams
 * from a forbidden source are dropped and counted, answers from a peer the
 * socket reached by an allowed name pass, and a fixed port needs `listen`.
 * Every refused datagram is shown not to arrive: an allowed one sent after it
 * by the same socket arrives alone.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { NetEvent, NetRuntime, PolicyRule } from "../../src/index.js";
import { eventsUntil, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { datagrams, freeUdpPort, openBound } from "../helpers/udp.js";
import { NO_PRIVATE } from "./helpers.js";

const dropsOf = (events: NetEvent[], handle: number) => events.filter((e) => e.type === "udp_dropped" && e.handle === handle);

/** Sends `refused` to host, then an allowed datagram to 127.0.0.2; asserts only the allowed one arrives and the drop is reported. */
async function assertRefused(rules: PolicyRule[], host: string, reason: string): Promise<void> {
  const receiver = runtimeForTest().net;
  const target = await openBound(receiver);
  const guarded = runtimeForTest({ policy: { rules: [{ host: "127.0.0.2", action: "allow" }, ...rules] } }).net;
  const socket = await openBound(guarded);
  assert.equal(guarded.udp_send(socket.handle, host, target.port, "refused"), true, "queued: the policy answers later");
  assert.equal(guarded.udp_send(socket.handle, "127.0.0.2", target.port, "allowed"), true);
  const [arrived] = await datagrams(receiver, target.handle, 1);
  assert.equal(arrived.data, "allowed");
  const events = await eventsUntil(guarded, (seen) => dropsOf(seen, socket.handle).length > 0, { what: `the drop of ${host}` });
  assert.deepEqual(dropsOf(events, socket.handle), [{ type: "udp_dropped", handle: socket.handle, data: reason }]);
  assert.equal(receiver.udp_recv(target.handle), undefined);
  assert.equal(guarded.status(socket.handle), "listening");
}

function countersOf(runtime: NetRuntime, handle: number): Record<string, number> {
  return runtime.stats().list.find((entry) => entry.handle === handle)?.counters ?? {};
}

describe("host policy on udp_send destinations", () => {
  it("refuses a literal the recommended policy forbids, IPv4, IPv4-mapped and IPv6", async () => {
    await assertRefused(NO_PRIVATE, "127.0.0.1", "blocked by policy: 127.0.0.1");
    await assertRefused(NO_PRIVATE, "::ffff:127.0.0.1", "blocked by policy: ::ffff:127.0.0.1");
    await assertRefused(NO_PRIVATE, "[::1]", "blocked by policy: ::1");
  });

  it("refuses a name by an exact-name rule", async () => {
    await assertRefused([{ host: "localhost", action: "deny" }, { host: "*", action: "allow" }], "localhost", "blocked by policy: localhost");
  });

  it("refuses a name by the addresses it resolves to", async () => {
    const rules: PolicyRule[] = [{ host: "127.0.0.1", action: "deny" }, { host: "::1", action: "deny" }, { host: "*", action: "allow" }];
    await assertRefused(rules, "localhost", "blocked by policy: localhost");
  });

  it("lets an allowed name and literal through", async () => {
    const receiver = runtimeForTest().net;
    const target = await openBound(receiver, 0, "127.0.0.1");
    const guarded = runtimeForTest({ policy: { rules: [{ host: "127.0.0.1", action: "allow", ports: [target.port] }] } }).net;
    const socket = await openBound(guarded);
    guarded.udp_send(socket.handle, "localhost", target.port, "by name");
    guarded.udp_send(socket.handle, "127.0.0.1", target.port, "by literal");
    const got = await datagrams(receiver, target.handle, 2);
    assert.deepEqual(got.map((event) => event.data), ["by name", "by literal"]);
  });
});

describe("host policy on sources", () => {
  it("drops and counts datagrams from forbidden literal sources, with one report a second for all of them", async () => {
    const rules: PolicyRule[] = [{ host: "127.0.0.2", action: "allow" }, { host: "127.0.0.0/29", action: "deny" }, { host: "*", action: "allow" }];
    const runtime = runtimeForTest({ policy: { rules } });
    const target = await openBound(runtime.net);
    const senders = runtimeForTest().net;
    const forbidden = await openBound(senders, 0, "127.0.0.1");
    const allowed = await openBound(senders, 0, "127.0.0.2");
    senders.udp_send(forbidden.handle, "127.0.0.1", target.port, "from .1");
    await pollUntil(() => countersOf(runtime, target.handle).droppedIn === 1, { what: "the forbidden datagram to be counted" });
    const second = await openBound(senders, 0, "127.0.0.3");
    senders.udp_send(second.handle, "127.0.0.1", target.port, "from .3, also forbidden");
    await pollUntil(() => countersOf(runtime, target.handle).droppedIn === 2, { what: "the second forbidden datagram to be counted" });
    senders.udp_send(allowed.handle, "127.0.0.2", target.port, "from .2");
    const events = await eventsUntil(runtime.net, (seen) => seen.some((e) => e.type === "datagram"));
    assert.deepEqual(
      events.map((e) => [e.type, "data" in e ? e.data : undefined]),
      [["udp_dropped", "blocked by policy: 127.0.0.1 (source)"], ["datagram", "from .2"]],
    );
  });

  it("lets answers in from a peer reached by an allowed name, and no one else on that address", async () => {
    const runtime = runtimeForTest({ policy: { rules: [{ host: "localhost", action: "allow" }] } });
    const guarded = await openBound(runtime.net, 0, "127.0.0.1");
    const peers = runtimeForTest().net;
    const peer = await openBound(peers, 0, "127.0.0.1");
    const stranger = await openBound(peers, 0, "127.0.0.1");
    runtime.net.udp_send(guarded.handle, "localhost", peer.port, "hello");
    await datagrams(peers, peer.handle, 1);
    peers.udp_send(stranger.handle, "127.0.0.1", guarded.port, "unasked");
    await pollUntil(() => countersOf(runtime, guarded.handle).droppedIn === 1, { what: "the stranger's datagram to be dropped" });
    peers.udp_send(peer.handle, "127.0.0.1", guarded.port, "answer");
    const [answer] = await datagrams(runtime.net, guarded.handle, 1);
    assert.deepEqual([answer.data, answer.from], ["answer", `127.0.0.1:${peer.port}`]);
  });
});

describe("host policy on udp_open", () => {
  it("refuses a fixed port unless the policy says listen: true, allows port 0 (a client's socket)", async () => {
    const port = await freeUdpPort();
    for (const policy of [{ rules: NO_PRIVATE }, { rules: NO_PRIVATE, listen: false }]) {
      const { net } = runtimeForTest({ policy });
      const fixed = net.udp_open(port, "127.0.0.1");
      const events = await eventsUntil(net, (seen) => seen.some((e) => e.handle === fixed));
      assert.deepEqual(events, [{ type: "error", handle: fixed, data: "blocked by policy: listening is not allowed" }], JSON.stringify(policy));
      await openBound(net, 0, "127.0.0.1");
    }
    const permitted = runtimeForTest({ policy: { rules: NO_PRIVATE, listen: true } }).net;
    assert.equal((await openBound(permitted, port, "127.0.0.1")).port, port);
  });
});
