/**
 * `Network.Connect` sockets against real peers: the seed's example against
 * nginx, IPv6, every kind and encoding of `write`, `"fin"` on a local and on a
 * remote close with the last bytes still readable, and the failures (refused,
 * unknown host, a reset, bad arguments, no TCP, a closed runtime).
 */
import assert from "node:assert/strict";
import * as net from "node:net";
import { describe, it } from "node:test";
import type { RuntimeOptions, Socket } from "../../src/index.js";
import { nginxForSuite } from "../helpers/peers.js";
import { pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { tcpPeerForTest, type PeerConnection } from "../helpers/tcp-peer.js";
import { ticker } from "../helpers/ticks.js";

/** Waits until the socket has left "connecting" and checks it connected. */
async function connected(socket: Socket): Promise<void> {
  await pollUntil(() => socket.status !== "connecting", { what: "the socket to leave connecting" });
  assert.equal(socket.status, "connected", `socket failed: ${socket.error}`);
}

/** A port nothing listens on: bound by the kernel, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("Network.Connect against nginx", () => {
  const suite = nginxForSuite();

  it("runs the seed's example: wait while connecting, write a raw request, dump until the status leaves connected", async () => {
    const { Network } = runtimeForTest().network;
    const tick = ticker("the seed's socket example");
    const sock = Network.Connect("localhost", suite.nginx.port);
    do {
      await tick();
    } while (sock.status === "connecting");

    assert.equal(sock.write("GET /hello.txt HTTP/1.1\r\n"), true);
    assert.equal(sock.write("Host: localhost\r\n"), true);
    assert.equal(sock.write("Connection: close\r\n\r\n"), true);

    let output = "";
    while (true) {
      const data = sock.read();
      if (data) output += data.toString();
      await tick();
      if (sock.status !== "connected") break;
    }
    output += sock.read()?.toString() ?? "";

    assert.equal(sock.status, "fin");
    assert.equal(sock.error, null);
    assert.match(output, /^HTTP\/1\.1 200 OK\r\n/);
    assert.match(output, /\r\nConnection: close\r\n/i);
    assert.ok(output.endsWith("\r\n\r\nhello from nginx\n"), output);
    assert.equal(sock.read(), null);
  });

  it("hands out Buffers on Node", async () => {
    const sock = runtimeForTest().network.Network.Connect("127.0.0.1", suite.nginx.port);
    await connected(sock);
    sock.write("GET /hello.txt HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    await pollUntil(() => sock.status === "fin", { what: "nginx to close" });
    const head = sock.read(4);
    assert.ok(Buffer.isBuffer(head));
    assert.equal(head.toString(), "HTTP");
    assert.ok(Buffer.isBuffer(sock.read()));
  });
});

describe("Network.Connect addresses", () => {
  for (const host of ["::1", "[::1]"]) {
    it(`connects to the IPv6 literal ${host}`, async () => {
      const peer = await tcpPeerForTest("::1");
      const sock = runtimeForTest().network.Network.Connect(host, peer.port);
      await connected(sock);
      const side = await peer.accepted();
      assert.equal(sock.write("over v6"), true);
      await pollUntil(() => side.received().toString() === "over v6", { what: "the bytes at the IPv6 peer" });
      await side.write("back");
      await pollUntil(() => sock.available === 4, { what: "the answer over IPv6" });
      assert.equal(sock.read()?.toString(), "back");
    });
  }

  it("ends in error with connection refused on a port nothing listens on", async () => {
    const sock = runtimeForTest().network.Network.Connect("127.0.0.1", await closedPort());
    await pollUntil(() => sock.status !== "connecting", { what: "the refused connect to end" });
    assert.equal(sock.status, "error");
    assert.equal(sock.error, "connection refused");
    assert.equal(sock.write("x"), false);
    assert.equal(sock.read(), null);
  });

  it("ends in error with host not found for an unknown name", async () => {
    const sock = runtimeForTest().network.Network.Connect("nonexistent.invalid", 80);
    assert.equal(sock.status, "connecting");
    await pollUntil(() => sock.status !== "connecting", { what: "DNS to fail" });
    assert.equal(sock.status, "error");
    assert.equal(sock.error, "host not found");
  });

  const badArguments: [string, unknown, unknown, string][] = [
    ["port 70000", "127.0.0.1", 70000, "invalid port"],
    ["port 0", "127.0.0.1", 0, "invalid port"],
    ["a port given as text", "127.0.0.1", "80", "invalid port"],
    ["a fractional port", "127.0.0.1", 80.5, "invalid port"],
    ["an empty host", "", 80, "invalid host"],
    ["a host with a space", "bad host", 80, "invalid host"],
    ["no arguments", undefined, undefined, "invalid host"],
    ["an object for a host", {}, 80, "invalid host"],
  ];
  for (const [name, host, port, why] of badArguments) {
    it(`fails at once, without throwing, for ${name}`, () => {
      const connect = runtimeForTest().network.Network.Connect as (host: unknown, port: unknown) => Socket;
      const sock = connect(host, port);
      assert.equal(sock.status, "error");
      assert.equal(sock.error, why);
      assert.equal(sock.write("x"), false);
      assert.equal(sock.read(), null);
      sock.close();
      assert.equal(sock.status, "error");
    });
  }
});

/** A runtime and a peer for this test, and a socket from one to the other once it is connected. */
async function connectedPair(options?: RuntimeOptions): Promise<{ sock: Socket; side: PeerConnection }> {
  const peer = await tcpPeerForTest();
  const sock = runtimeForTest(options).network.Network.Connect("127.0.0.1", peer.port);
  await connected(sock);
  return { sock, side: await peer.accepted() };
}

describe("Socket.write", () => {
  it("sends buffers, byte arrays and text in every encoding, and refuses data not valid for its kind", async () => {
    const peer = await tcpPeerForTest();
    const sock = runtimeForTest().network.Network.Connect("127.0.0.1", peer.port);
    assert.equal(sock.write("too early"), false, "nothing is sent while connecting");
    await connected(sock);
    const side = await peer.accepted();
    const write = sock.write.bind(sock) as (data: unknown, encoding?: unknown) => boolean;
    const mutated = Buffer.from("MUT");
    const accepted: [unknown, unknown, Buffer][] = [
      [Buffer.from("buf:"), undefined, Buffer.from("buf:")],
      [new Uint8Array([1, 2, 3]), undefined, Buffer.from([1, 2, 3])],
      [[0, 127, 128, 255], undefined, Buffer.from([0, 127, 128, 255])],
      [[], undefined, Buffer.alloc(0)],
      ["héllo ✓", undefined, Buffer.from("héllo ✓", "utf8")],
      ["ü", "utf8", Buffer.from("ü", "utf8")],
      ["ö", "UTF-8", Buffer.from("ö", "utf8")],
      ["plain ascii", "ascii", Buffer.from("plain ascii", "ascii")],
      ["café\xff", "latin1", Buffer.from("café\xff", "latin1")],
      ["deadBEEF00", "hex", Buffer.from("deadbeef00", "hex")],
      ["aGVsbG8gd29ybGQ=", "base64", Buffer.from("hello world")],
      [mutated, undefined, Buffer.from("MUT")],
    ];
    for (const [data, encoding] of accepted) {
      assert.equal(write(data, encoding), true, `write(${JSON.stringify(data)}, ${String(encoding)})`);
    }
    mutated.fill(0);
    const refused: [unknown, unknown][] = [
      [[300], undefined],
      [[1.5], undefined],
      [[-1], undefined],
      [["1"], undefined],
      [[1, , 2], undefined],
      ["abc", "hex"],
      ["zz", "hex"],
      ["é", "ascii"],
      ["✓", "latin1"],
      ["!!!", "base64"],
      ["x", "utf16le"],
      ["x", 42],
      [42, undefined],
      [null, undefined],
      [undefined, undefined],
      [{}, undefined],
      [new Uint16Array([1]), undefined],
    ];
    for (const [data, encoding] of refused) {
      assert.equal(write(data, encoding), false, `write(${String(data)}, ${String(encoding)}) must be refused`);
    }
    const expected = Buffer.concat(accepted.map(([, , bytes]) => bytes));
    await pollUntil(() => side.received().length >= expected.length, { what: "every accepted write at the peer" });
    assert.deepEqual(side.received(), expected);
  });

  it("refuses a write past the send buffer whole, and queues the ones that fit", async () => {
    const { sock, side } = await connectedPair({ limits: { sendBufferBytes: 1000 } });
    assert.equal(sock.write(new Uint8Array(1001)), false, "one write over the 1000-byte send buffer");
    assert.equal(sock.write("a".repeat(600)), true);
    assert.equal(sock.write("b".repeat(600)), false, "600 more in the same turn would pass the limit");
    assert.equal(sock.write("c".repeat(400)), true);
    await pollUntil(() => side.received().length >= 1000, { what: "the 1000 queued bytes" });
    assert.equal(side.received().toString(), "a".repeat(600) + "c".repeat(400));
  });

  it("never throws, whatever it is given", async () => {
    const { sock } = await connectedPair();
    const hostile = new Proxy([1, 2], {
      get(target, key) {
        if (key === "0") throw new Error("hostile getter");
        return Reflect.get(target, key);
      },
    });
    assert.equal(sock.write(hostile), false);
    const read = sock.read.bind(sock) as (n?: unknown) => Uint8Array | null;
    for (const n of [-1, 1.5, "2", null, NaN, Infinity, {}]) assert.equal(read(n), null, `read(${String(n)})`);
    sock.close();
  });
});

describe("Socket status fin", () => {
  it("is fin at once after a local close, sends what was written first, and keeps received bytes readable", async () => {
    const { sock, side } = await connectedPair();
    await side.write("bye!");
    await pollUntil(() => sock.available === 4, { what: "the peer's last bytes" });
    assert.equal(sock.write("last words"), true);
    sock.close();
    assert.equal(sock.status, "fin");
    assert.equal(sock.error, null);
    assert.equal(sock.write("after close"), false);
    assert.equal(sock.read()?.toString(), "bye!");
    assert.equal(sock.read(), null);
    await pollUntil(() => side.ended(), { what: "the peer to see the close" });
    assert.equal(side.received().toString(), "last words");
  });

  it("is fin after a remote close, with the bytes sent before it still readable", async () => {
    const { sock, side } = await connectedPair();
    side.socket.end("tail");
    await pollUntil(() => sock.status !== "connected", { what: "the remote close" });
    assert.equal(sock.status, "fin");
    assert.equal(sock.error, null);
    assert.equal(sock.available, 4);
    assert.equal(sock.read(2)?.toString(), "ta");
    assert.equal(sock.read()?.toString(), "il");
    assert.equal(sock.read(), null);
    assert.equal(sock.write("too late"), false);
  });

  it("is fin at once when closed while still connecting", async () => {
    const peer = await tcpPeerForTest();
    const sock = runtimeForTest().network.Network.Connect("127.0.0.1", peer.port);
    assert.equal(sock.status, "connecting");
    sock.close();
    assert.equal(sock.status, "fin");
    assert.equal(sock.error, null);
    assert.equal(sock.write("x"), false);
    assert.equal(sock.read(), null);
  });

  it("closing a socket that is already fin releases it and drops its unread bytes", async () => {
    const { sock, side } = await connectedPair();
    side.socket.end("unread");
    await pollUntil(() => sock.status === "fin", { what: "the remote close" });
    assert.equal(sock.available, 6);
    sock.close();
    assert.equal(sock.status, "fin");
    assert.equal(sock.available, 0);
    assert.equal(sock.read(), null);
    sock.close();
  });

  it("is error with connection reset when the peer resets", async () => {
    const { sock, side } = await connectedPair();
    side.socket.resetAndDestroy();
    await pollUntil(() => sock.status !== "connected", { what: "the reset" });
    assert.equal(sock.status, "error");
    assert.equal(sock.error, "connection reset");
    assert.equal(sock.write("x"), false);
  });

  it("ends open sockets when the runtime closes; later connects fail with runtime closed", async () => {
    const peer = await tcpPeerForTest();
    const runtime = runtimeForTest();
    const sock = runtime.network.Network.Connect("127.0.0.1", peer.port);
    await connected(sock);
    await runtime.close();
    assert.equal(sock.status, "fin");
    const late = runtime.network.Network.Connect("127.0.0.1", peer.port);
    await pollUntil(() => late.status !== "connecting", { what: "the late connect to fail" });
    assert.equal(late.status, "error");
    assert.equal(late.error, "runtime closed");
  });
});

describe("Network.Connect without TCP", () => {
  it("returns a socket that has already failed, and nothing throws", () => {
    const runtime = runtimeForTest({ features: { tcp: false } });
    const sock = runtime.network.Network.Connect("127.0.0.1", 80);
    assert.equal(sock.status, "error");
    assert.equal(sock.error, "tcp not available");
    assert.equal(sock.write("x"), false);
    assert.equal(sock.read(), null);
    sock.close();
    assert.equal("tcp_connect" in runtime.net, false);
  });
});
