/**
 * The host policy on `ws_connect`, against the Python websockets echo peer on
 * 127.0.0.1: a name resolving to loopback and IP literals are refused with one
 * error event and never reach the peer's handshake; an allowed name connects
 * through the checked lookup and echoes.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PolicyRule } from "../../src/index.js";
import { startPythonWs } from "../helpers/peers.js";
import { eventOf } from "../helpers/poll.js";
import type { Peer } from "../helpers/processes.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { endOf, NO_PRIVATE, outcomeOf } from "./helpers.js";

describe("host policy on WebSocket", () => {
  let peer: Peer;
  const client = (rules?: PolicyRule[]) => runtimeForTest(rules === undefined ? {} : { policy: { rules } }).net;

  before(async () => {
    peer = await startPythonWs();
  });

  after(async () => {
    await peer.stop();
  });

  it("refuses a name resolving to loopback, and literals of this machine, with one error event", async () => {
    const open = client();
    assert.equal(await outcomeOf(open, open.ws_connect(`ws://localhost:${peer.port}/`)), "connected", "control");
    const net = client(NO_PRIVATE);
    const cases = [
      ["localhost", "localhost"],
      ["127.0.0.1", "127.0.0.1"],
      ["[::ffff:127.0.0.1]", "::ffff:7f00:1"],
      ["0.0.0.0", "0.0.0.0"],
    ];
    for (const [host, shown] of cases) {
      const handle = net.ws_connect(`ws://${host}:${peer.port}/`);
      assert.deepEqual(await endOf(net, handle), [{ type: "error", handle, data: `blocked by policy: ${shown}` }]);
    }
  });

  it("refuses wss: the same way, before any TLS", async () => {
    const net = client(NO_PRIVATE);
    assert.equal(await outcomeOf(net, net.ws_connect(`wss://localhost:${peer.port}/`)), "blocked by policy: localhost");
  });

  it("connects an allowed name and echoes", async () => {
    const net = client([{ host: "127.0.0.1", action: "allow", ports: [peer.port] }]);
    const handle = net.ws_connect(`ws://localhost:${peer.port}/`);
    assert.equal(await outcomeOf(net, handle), "connected");
    assert.equal(net.ws_send(handle, "through the policy"), true);
    assert.equal((await eventOf(net, handle, "message")).data, "through the policy");
  });
});
