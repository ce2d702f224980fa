/**
 * The network inside scripts: seed 002's socket example and its fetch example
 * run as engine scripts against a real nginx, the network is opt-in (each way
 * in fails with a message that names installNetwork), feature flags reach the
 * scripts, and two engines talk to each other over TCP and WebSocket.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nginxForSuite } from "../helpers/peers.js";
import { engineForTest, runScript, writeTree } from "../helpers/engine.js";

describe("seed 002 in a script, against nginx", () => {
  const suite = nginxForSuite();

  test("the socket example: top-level code awaits Event.OnTick while the engine ticks", async () => {
    // The seed's lines, with nginx's address and a Host header; one read after the loop takes the
    // bytes that came with the close (the seed's loop leaves them in the socket).
    const { lines, line } = await runScript(
      {
        "main.ts": `let ticks = 0;
export function tick() { ticks++; }

// Wait until socket is writable.
const sock = Network.Connect('localhost', ${suite.nginx.port});
do {
  await Event.OnTick;
} while (sock.status === 'connecting');

// Write the request, ask the host to close the connection when response is finished.
sock.write('GET /hello.txt HTTP/1.1\\r\\n');
sock.write('Host: localhost\\r\\n');
sock.write('Connection: close\\r\\n\\r\\n');

// Dump the output onto console.
while (true) {
  const data = sock.read();
  if (data) {
    print(new TextDecoder().decode(data));
  }
  await Event.OnTick;
  if (sock.status !== 'connected') break;
}
const rest = sock.read();
if (rest) print(new TextDecoder().decode(rest));
print("done at", sock.status, "after", ticks, "ticks");
`,
      },
      {},
      (e) => e.installNetwork(),
    );
    const done = await line(/done at fin after \d+ ticks/);
    const output = lines.join("\n");
    assert.match(output, /^\[server\] HTTP\/1\.1 200 OK\r\n/m);
    assert.match(output, /\r\n\r\nhello from nginx\n/);
    assert.ok(Number(/after (\d+) ticks/.exec(done)?.[1]) >= 2, "the engine ticked while the script awaited");
  });

  test("the fetch example: status, a header and the body length", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `const pending = fetch('http://localhost:${suite.nginx.port}/hello.txt');
print('a promise of the script:', pending instanceof Promise);
const response = await pending;
print('status: ', response.status, response.statusMessage);
print('content type:', response.headers['content-type']);
print('body length: ', response.body.length, response.body instanceof Uint8Array);
access("sys").exit(0);
`,
      },
      {},
      (e) => e.installNetwork(),
    );
    await engine.finished;
    assert.deepEqual(lines, [
      "[server] a promise of the script: true",
      "[server] status:  200 OK",
      "[server] content type: text/plain",
      "[server] body length:  17 true",
    ]);
  });
});

describe("opt-in", () => {
  for (const [what, source] of [
    ["access(\"net\")", `access("net");`],
    ["access(\"network\")", `access("network");`],
    ["Network.Connect", `Network.Connect("127.0.0.1", 80);`],
    ["fetch", `fetch("http://127.0.0.1/");`],
  ]) {
    test(`${what} before installNetwork fails with a message that names it, at the script's line`, async () => {
      const { line } = await runScript({ "main.ts": `print("loading");\n${source}\n` });
      const error = await line(/script error at load/);
      assert.match(error, /the network is not installed: the host program must call engine\.installNetwork\(\) before engine\.start\(\)/);
      assert.match(error, /\n    at main\.ts:2:\d+$/);
    });
  }

  test("the error is the script's own Error class", async () => {
    const { engine, lines } = await runScript(
      { "main.ts": `try { access("net"); } catch (error) { print(error instanceof Error, (error as Error).message.includes("installNetwork")); }` },
      {},
      undefined,
      0,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server] true true"]);
  });
});

describe("feature flags", () => {
  const PROBE = `
    const net = access("net");
    print("net", ["tcp_connect", "http_get", "ws_connect"].map((name) => name in net).join(","));
    const sock = Network.Connect("127.0.0.1", 1);
    await Event.OnTick;
    print("socket", sock.status, sock.error);
    const response = await fetch("http://127.0.0.1:1/");
    print("fetch", response.status, response.error);
    access("sys").exit(0);
  `;

  test("a disabled protocol is absent from net, and the Rift API fails the way a network failure does", async () => {
    const { engine, lines } = await runScript({ "main.ts": PROBE }, {}, (e) => e.installNetwork({ tcp: false, http: false }));
    await engine.finished;
    assert.deepEqual(lines, ["[server] net false,false,true", "[server] socket error tcp not available", "[server] fetch -1 http not available"]);
  });

  test("with every feature, the same probe reaches the network", async () => {
    const { engine, lines } = await runScript({ "main.ts": PROBE }, {}, (e) => e.installNetwork());
    await engine.finished;
    assert.equal(lines[0], "[server] net true,true,true");
    assert.match(lines[1] ?? "", /^\[server\] socket (connecting|error)/);
    assert.equal(lines[2], "[server] fetch -1 connection refused");
  });
});

describe("two engines, one tree", () => {
  test("a server engine and a client engine talk over TCP and WebSocket", async () => {
    const tree = writeTree({
      "main.ts": `
        const net = access("net"), launch = access("launch") as { port?: number; wsPort?: number; ready?(tcp: number, ws: number): void };
        let tcp = 0, ws = 0, got = 0;
        export function init() {
          if (access("sys").runtime_role() === "server") { tcp = net.tcp_listen(0, "127.0.0.1"); ws = net.ws_listen(0, "127.0.0.1"); }
          else { tcp = net.tcp_connect("127.0.0.1", launch.port!); ws = net.ws_connect("ws://127.0.0.1:" + launch.wsPort + "/"); }
        }
        export function tick() {
          if (launch.ready && net.local_port(tcp) && net.local_port(ws)) { launch.ready(net.local_port(tcp)!, net.local_port(ws)!); launch.ready = undefined; }
          for (let e = net.poll_event(); e; e = net.poll_event()) {
            if (e.type === "data" && access("sys").runtime_role() === "server") net.tcp_send(e.handle, "tcp:" + e.data);
            else if (e.type === "message" && access("sys").runtime_role() === "server") net.ws_send(e.handle, "ws:" + e.data);
            else if (e.type === "connected") e.handle === tcp ? net.tcp_send(tcp, "hi") : net.ws_send(ws, "hey");
            else if (e.type === "data" || e.type === "message") { print("client got", e.data); if (++got === 2) access("sys").exit(0); }
          }
        }
      `,
    });
    const server = engineForTest({ runtimeRole: "server" });
    const ports = new Promise<[number, number]>((resolve) => {
      server.engine.installModule("launch", { ready: (tcp: number, ws: number) => resolve([tcp, ws]) });
    });
    server.engine.installNetwork();
    await server.engine.mountScripts(tree);
    await server.engine.start();
    const [port, wsPort] = await ports;
    const client = engineForTest({ runtimeRole: "client" });
    client.engine.installModule("launch", { port, wsPort });
    client.engine.installNetwork();
    await client.engine.mountScripts(tree);
    await client.engine.start();
    assert.equal(await client.engine.finished, 0);
    assert.deepEqual(client.lines.sort(), ["[client] client got tcp:hi", "[client] client got ws:hey"]);
  });
});
