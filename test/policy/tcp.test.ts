/**
 * The host policy on `tcp_connect` and the listeners: names that resolve to
 * loopback, IP literals that reach the local machine (the IPv4-mapped form,
 * 0.0.0.0, [::1]), CIDR and port rules, rule order, and listening (refused
 * unless the policy says `listen: true`). The
 * targets are real listeners of a second runtime without a policy, and every
 * refused case is first shown to connect when no policy is set.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createNetRuntime, type NetRuntime, type PolicyRule } from "../../src/index.js";
import { boundPort } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { endOf, NO_PRIVATE, outcomeOf } from "./helpers.js";

describe("host policy on TCP", () => {
  let server: NetRuntime;
  let port: number;
  let otherPort: number;
  const client = (rules?: PolicyRule[], listen?: boolean) =>
    runtimeForTest(rules === undefined ? {} : { policy: { rules, listen } }).net;

  before(async () => {
    server = createNetRuntime();
    port = await boundPort(server.net, server.net.tcp_listen(0, "127.0.0.1"));
    otherPort = await boundPort(server.net, server.net.tcp_listen(0, "127.0.0.8"));
  });

  after(async () => {
    await server.close();
  });

  for (const host of ["localhost", "::ffff:127.0.0.1", "[::ffff:127.0.0.1]", "0.0.0.0", "127.0.0.1", "127.1", "2130706433"]) {
    it(`refuses ${host}, which reaches this machine, under the recommended policy`, async () => {
      const open = client();
      assert.equal(await outcomeOf(open, open.tcp_connect(host, port)), "connected", "control: reachable without a policy");
      const guarded = client(NO_PRIVATE);
      const handle = guarded.tcp_connect(host, port);
      const events = await endOf(guarded, handle);
      const bare = host.replace(/^\[|\]$/g, "");
      assert.deepEqual(events, [{ type: "error", handle, data: `blocked by policy: ${bare}` }]);
      assert.equal(guarded.status(handle), "error");
    });
  }

  it("refuses [::1]", async () => {
    const guarded = client(NO_PRIVATE);
    const handle = guarded.tcp_connect("[::1]", port);
    assert.deepEqual(await endOf(guarded, handle), [{ type: "error", handle, data: "blocked by policy: ::1" }]);
  });

  it("decides on the resolved address: a rule for 127.0.0.1 lets the name localhost through", async () => {
    const net = client([{ host: "127.0.0.1", action: "allow" }]);
    assert.equal(await outcomeOf(net, net.tcp_connect("localhost", port)), "connected");
    const refused = client([{ host: "127.0.0.2", action: "allow" }]);
    assert.equal(await outcomeOf(refused, refused.tcp_connect("localhost", port)), "blocked by policy: localhost");
  });

  it("applies a CIDR rule to the addresses inside it only", async () => {
    const net = client([{ host: "127.0.0.0/30", action: "deny" }, { host: "*", action: "allow" }]);
    assert.equal(await outcomeOf(net, net.tcp_connect("127.0.0.1", port)), "blocked by policy: 127.0.0.1");
    assert.equal(await outcomeOf(net, net.tcp_connect("127.0.0.8", otherPort)), "connected");
  });

  it("lets the first matching rule decide", async () => {
    const allowFirst = client([{ host: "127.0.0.1", action: "allow" }, ...NO_PRIVATE]);
    assert.equal(await outcomeOf(allowFirst, allowFirst.tcp_connect("127.0.0.1", port)), "connected");
    const denyFirst = client([...NO_PRIVATE, { host: "127.0.0.1", action: "allow" }]);
    assert.equal(await outcomeOf(denyFirst, denyFirst.tcp_connect("127.0.0.1", port)), "blocked by policy: 127.0.0.1");
  });

  it("denies a host that no rule matches", async () => {
    const net = client([{ host: "*.example.com", action: "allow" }]);
    assert.equal(await outcomeOf(net, net.tcp_connect("localhost", port)), "blocked by policy: localhost");
  });

  it("applies a rule only to its ports", async () => {
    const net = client([{ host: "$private", action: "allow", ports: [port] }, { host: "*", action: "deny" }]);
    assert.equal(await outcomeOf(net, net.tcp_connect("localhost", port)), "connected");
    assert.equal(await outcomeOf(net, net.tcp_connect("localhost", otherPort)), "blocked by policy: localhost");
  });

  for (const listen of [undefined, false]) {
    it(`refuses tcp_listen and ws_listen on any port with listen: ${listen}`, async () => {
      const closed = client(NO_PRIVATE, listen);
      for (const handle of [closed.tcp_listen(0, "127.0.0.1"), closed.ws_listen(0, "127.0.0.1"), closed.tcp_listen(port + 1)]) {
        assert.deepEqual(await endOf(closed, handle), [{ type: "error", handle, data: "blocked by policy: listening is not allowed" }]);
        assert.equal(closed.local_port(handle), undefined);
      }
    });
  }

  it("lets tcp_listen and ws_listen bind with listen: true", async () => {
    const open = client(NO_PRIVATE, true);
    assert.ok((await boundPort(open, open.tcp_listen(0, "127.0.0.1"))) > 0);
    assert.ok((await boundPort(open, open.ws_listen(0, "127.0.0.1"))) > 0);
  });

  it("refuses to start with a malformed rule, naming it", () => {
    assert.throws(() => createNetRuntime({ policy: { rules: [{ host: "10.0.0.0/99", action: "deny" }] } }), /policy\.rules\[0\]/);
  });
});
