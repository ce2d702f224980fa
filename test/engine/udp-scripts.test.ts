/**
 * UDP inside scripts (SPEC 12): an Epitaph script reaches the `udp_*`
 * functions through `access <net>` and a TypeScript script through
 * `access("net")`; each opens a socket, sends a datagram to a second engine's
 * socket, and gets the answer back by its `"datagram"` event or `udp_recv`.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runScript } from "../helpers/engine.js";

/** An Epitaph echo: each datagram holds the sender's port as text, and goes back to it with "echo:" in front. */
const EPITAPH_ECHO = `access <net>
access <log>
let sock = 0
let told = dormant
phase init() { sock = net.udp_open(0, "127.0.0.1") }
phase tick(dt) {
    when not told and net.status(sock) == "listening" {
        told = active
        log.info("echo on", net.local_port(sock))
    }
    sustain evt = net.poll_event() {
        inspect evt.type {
            "datagram" => { answer(evt) }
        }
    }
}
phase answer(evt) {
    log.info("got", evt.data, "from", evt.from, net.udp_send(sock, "127.0.0.1", number(evt.data), "echo:" + evt.data))
}
`;

test('an Epitaph script and a TypeScript script exchange datagrams through access <net> and access("net")', async () => {
  const echo = await runScript({ "main.ep": EPITAPH_ECHO }, { runtimeRole: "server" }, (engine) => engine.installNetwork());
  const port = Number(/echo on (\d+)/.exec(await echo.line(/echo on \d+/))?.[1]);
  const client = await runScript(
    {
      "main.ts": `const net = access("net");
const sock = net.udp_open(0, "127.0.0.1", { binary: true });
let sent = false;
export function tick() {
  if (!sent && net.status(sock) === "listening") sent = net.udp_send(sock, "127.0.0.1", ${port}, String(net.local_port(sock))) === true;
  const got = net.udp_recv(sock);
  if (got) print("answer", new TextDecoder().decode(got.data) === "echo:" + net.local_port(sock), got.data instanceof Uint8Array, got.from);
}`,
    },
    { runtimeRole: "client" },
    (engine) => engine.installNetwork(),
  );
  const answer = await client.line(/answer/).catch((error: Error) => assert.fail(`${error.message}\nthe echo logged:\n${echo.lines.join("\n")}`));
  assert.equal(answer, `[client] answer true true 127.0.0.1:${port}`);
  const got = await echo.line(/got/);
  const clientPort = /got (\d+) from/.exec(got)?.[1];
  assert.equal(got, `[ep:info] got ${clientPort} from 127.0.0.1:${clientPort} active`);
});
