/**
 * Listeners tell the truth (docs/net.md, "Statuses"): `tcp_listen` and
 * `ws_listen` read "opening" while they bind (also before their backend has
 * loaded), "listening" only once the port is bound, and from then on
 * `local_port` answers; a port in use goes "opening" -> "error" ("address in
 * use") and never reads "listening". Each case runs on the very first call of
 * a fresh runtime, against a real server holding the port.
 */
import assert from "node:assert/strict";
import * as nodeNet from "node:net";
import { after, describe, test } from "node:test";
import type { Net } from "../../src/index.js";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

/** The two listen functions, and how a client reaches what they bound. */
const LISTENERS = [
  { name: "tcp_listen", listen: (net: Net, port: number) => net.tcp_listen(port, "127.0.0.1"), connect: (net: Net, port: number) => net.tcp_connect("127.0.0.1", port) },
  { name: "ws_listen", listen: (net: Net, port: number) => net.ws_listen(port, "127.0.0.1"), connect: (net: Net, port: number) => net.ws_connect(`ws://127.0.0.1:${port}/`) },
] as const;

/** Reads the listener's status on every turn until it leaves "opening"; returns every status seen, and checks `local_port` each time. */
async function statusesUntilSettled(net: Net, listener: number): Promise<string[]> {
  const seen: string[] = [];
  await pollUntil(() => {
    const status = net.status(listener) ?? "void";
    if (seen[seen.length - 1] !== status) seen.push(status);
    const port = net.local_port(listener);
    if (status === "listening") assert.ok(port !== undefined && port > 0, `"listening" with local_port ${String(port)}`);
    else assert.equal(port, undefined, `local_port answered ${String(port)} while "${status}"`);
    return status !== "opening";
  }, { what: `listener ${listener} to leave "opening" (seen ${seen.join(" -> ")})` });
  return seen;
}

/** A plain Node server that holds a port on 127.0.0.1 for the test. */
async function holdPort(): Promise<number> {
  const holder = nodeNet.createServer();
  await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
  after(() => holder.close());
  return (holder.address() as nodeNet.AddressInfo).port;
}

for (const { name, listen, connect } of LISTENERS) {
  describe(`${name} status`, () => {
    test(`reads "opening" on the first call of a fresh runtime, then "listening" with its port`, async () => {
      const { net } = runtimeForTest();
      const listener = listen(net, 0);
      assert.equal(net.status(listener), "opening");
      assert.equal(net.local_port(listener), undefined);
      assert.deepEqual(await statusesUntilSettled(net, listener), ["opening", "listening"]);
      assert.equal(net.poll_event(), undefined, "reaching \"listening\" queues no event");
      const client = connect(net, net.local_port(listener) as number);
      await eventOf(net, client, "connected");
      assert.equal((await eventOf(net, listener, "accepted")).data > 0, true);
    });

    test(`goes "opening" -> "error" on a port in use, never "listening"`, async () => {
      const port = await holdPort();
      const { net } = runtimeForTest();
      const listener = listen(net, port);
      assert.deepEqual(await statusesUntilSettled(net, listener), ["opening", "error"]);
      assert.equal((await eventOf(net, listener, "error")).data, "address in use");
      assert.equal(net.local_port(listener), undefined);
    });
  });
}
