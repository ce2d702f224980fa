/**
 * `fetch` against real servers: the seed's two examples against a local
 * node:http server that answers like the seed's output, reason phrases,
 * headers, bodies and methods, HTTPS through nginx with the runtime's extra
 * CA, the one pool shared with `net`'s HTTP, and every failure resolving
 * with status -1 (refused, unknown host, bad certificate, malformed URL, bad
 * options, a peer that sends garbage, a body over the limit, a timeout).
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import * as net from "node:net";
import { after, before, describe, it } from "node:test";
import type { Fetch, FetchOptions, Response } from "../../src/index.js";
import { nginxForSuite } from "../helpers/peers.js";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

type LooseFetch = (uri: unknown, options?: unknown) => Promise<Response>;

const LOREM = "delectus reiciendis molestiae occaecati non minima eveniet qui voluptatibus\naccusamus in eum beatae sit\nvel qui neque voluptates ut commodi qui incidunt\nut animi commodi";

/** The seed's example server: `/` as in the GET output, `/todos/1` answering PATCH like the seed, plus probes. */
function handle(request: http.IncomingMessage, response: http.ServerResponse, body: Buffer): void {
  const url = request.url ?? "/";
  if (url === "/") {
    response.writeHead(200, { "Cache-Control": "max-age=604800", "Content-Type": "text/html; charset=UTF-8", Age: "356618" });
    return void response.end("x".repeat(1256));
  }
  if (url === "/todos/1" && request.method === "PATCH") {
    const patch = JSON.parse(body.toString()) as Record<string, unknown>;
    response.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
    return void response.end(JSON.stringify({ ...patch, userId: 2, body: LOREM, id: 11 }));
  }
  if (url === "/echo") {
    response.writeHead(200, { "Content-Type": "application/json" });
    return void response.end(JSON.stringify({ method: request.method, headers: request.headers, body: body.toString("base64") }));
  }
  if (url === "/reason") {
    response.statusMessage = "Fine Thanks";
    return void response.end("ok");
  }
  if (url === "/repeated") {
    response.setHeader("X-Multi", ["a", "b"]);
    response.setHeader("Set-Cookie", ["one=1", "two=2"]);
    return void response.end();
  }
  if (url === "/big") return void response.end("b".repeat(5000));
  if (url === "/not-json") return void response.end("{ not json");
  if (url === "/hang") return;
  response.writeHead(404);
  response.end("missing");
}

/** Starts the example server on 127.0.0.1:0; counts the TCP connections and lists the requests it got. */
async function startExampleServer(): Promise<{
  origin: string;
  connections: () => number;
  requests: () => string[];
  close: () => Promise<void>;
}> {
  let connections = 0;
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? "");
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handle(request, response, Buffer.concat(chunks)));
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => connections,
    requests: () => requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A raw TCP server that answers every request with `reply` and closes; it stops when the current test ends. */
async function rawServerForTest(reply: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = net.createServer((socket) => {
    socket.on("error", () => {});
    socket.once("data", () => socket.end(reply));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  after(close);
  return { origin: `http://127.0.0.1:${port}`, close };
}

/** Checks the seed's failure shape and returns the reason. */
function assertFailed(response: Response, what: string): string {
  assert.equal(response.status, -1, `${what}: status`);
  assert.equal(response.statusMessage, "socket error", `${what}: statusMessage`);
  assert.equal(response.body.length, 0, `${what}: body`);
  assert.deepEqual(response.headers, {}, `${what}: headers`);
  assert.equal(response.text(), "");
  assert.equal(response.json(), undefined);
  assert.equal(typeof response.error, "string", `${what}: error`);
  return response.error as string;
}

let server: Awaited<ReturnType<typeof startExampleServer>>;
before(async () => {
  server = await startExampleServer();
});
after(() => server.close());

describe("fetch: the seed's examples", () => {
  it("GET: status, cache-control and body length", async () => {
    const { fetch } = runtimeForTest().network;
    const printed: string[] = [];
    const print = (...parts: unknown[]) => printed.push(parts.join(" "));

    const response = await fetch(`${server.origin}/`);
    print("status: ", response.status, response.statusMessage);
    print("cache control:", response.headers["cache-control"]);
    print("body length: ", response.body.length);

    assert.deepEqual(printed, ["status:  200 OK", "cache control: max-age=604800", "body length:  1256"]);
    assert.equal(response.error, null);
    assert.ok(Buffer.isBuffer(response.body));
  });

  it("PATCH with { json }: iterates response.json()", async () => {
    const { fetch } = runtimeForTest().network;
    const printed: string[] = [];
    const print = (...parts: unknown[]) => printed.push(parts.join(" "));

    const response = await fetch(`${server.origin}/todos/1`, {
      method: "PATCH",
      body: { json: { title: "foo" } },
    });
    print("status:", response.status, response.statusMessage);
    for (const [k, v] of Object.entries(response.json())) {
      print(`${k} => ${v}`);
    }

    assert.deepEqual(printed, ["status: 200 OK", "title => foo", "userId => 2", `body => ${LOREM}`, "id => 11"]);
  });
});

/** What the example server's /echo saw of a request made with `options`. */
async function echo(fetch: Fetch, options: FetchOptions) {
  const response = await fetch(`${server.origin}/echo`, options);
  assert.equal(response.status, 200, `echo failed: ${response.error}`);
  const sent = response.json<{ method: string; headers: Record<string, string>; body: string }>();
  return { ...sent, body: Buffer.from(sent.body, "base64") };
}

describe("fetch: responses and requests", () => {
  it("uses the server's reason phrase when it sent one", async () => {
    const response = await runtimeForTest().network.fetch(`${server.origin}/reason`);
    assert.equal(response.status, 200);
    assert.equal(response.statusMessage, "Fine Thanks");
    assert.equal(response.text(), "ok");
  });

  for (const [line, status, message] of [
    ["HTTP/1.1 404\r\n", 404, "Not Found"],
    ["HTTP/1.1 200 \r\n", 200, "OK"],
    ["HTTP/1.1 418\r\n", 418, "I'm a Teapot"],
    ["HTTP/1.1 299\r\n", 299, ""],
  ] as const) {
    it(`uses the standard reason phrase when the server sent none (${JSON.stringify(line)})`, async () => {
      const raw = await rawServerForTest(`${line}content-length: 2\r\nconnection: close\r\n\r\nhi`);
      const response = await runtimeForTest().network.fetch(raw.origin);
      assert.equal(response.status, status, `fetch failed: ${response.error}`);
      assert.equal(response.statusMessage, message);
      assert.equal(response.text(), "hi");
    });
  }

  it("gives a 404 as a response, not a failure", async () => {
    const response = await runtimeForTest().network.fetch(`${server.origin}/nowhere`);
    assert.equal(response.status, 404);
    assert.equal(response.statusMessage, "Not Found");
    assert.equal(response.text(), "missing");
    assert.equal(response.error, null);
  });

  it("lower-cases header names and joins repeated headers with a comma", async () => {
    const response = await runtimeForTest().network.fetch(`${server.origin}/repeated`);
    assert.equal(response.headers["x-multi"], "a, b");
    assert.equal(response.headers["set-cookie"], "one=1, two=2");
    assert.ok(Object.keys(response.headers).every((name) => name === name.toLowerCase()));
  });

  it("answers json() with undefined for a body that is not JSON", async () => {
    const response = await runtimeForTest().network.fetch(`${server.origin}/not-json`);
    assert.equal(response.status, 200);
    assert.equal(response.json(), undefined);
    assert.equal(response.text(), "{ not json");
  });

  it("accepts the six methods in any case", async () => {
    const { fetch } = runtimeForTest().network;
    for (const method of ["get", "Post", "PUT", "delete", "pAtCh"]) {
      const sent = await echo(fetch, { method: method as FetchOptions["method"] });
      assert.equal(sent.method, method.toUpperCase());
    }
    const head = await fetch(`${server.origin}/`, { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.equal(head.body.length, 0);
  });

  it("sends headers, and bodies as bytes, text and JSON with their content types", async () => {
    const { fetch } = runtimeForTest().network;
    const bytes = await echo(fetch, { method: "POST", headers: { "X-Probe": "42" }, body: new Uint8Array([0, 1, 255]) });
    assert.equal(bytes.headers["x-probe"], "42");
    assert.deepEqual(bytes.body, Buffer.from([0, 1, 255]));
    assert.equal(bytes.headers["content-type"], undefined);

    const text = await echo(fetch, { method: "PUT", body: "héllo" });
    assert.equal(text.body.toString(), "héllo");
    assert.equal(text.headers["content-type"], "text/plain;charset=UTF-8");

    const json = await echo(fetch, { method: "POST", body: { json: { a: [1, "two"] } } });
    assert.deepEqual(JSON.parse(json.body.toString()), { a: [1, "two"] });
    assert.equal(json.headers["content-type"], "application/json");

    const own = await echo(fetch, { method: "POST", headers: { "Content-Type": "application/vnd.game+json" }, body: { json: 1 } });
    assert.equal(own.headers["content-type"], "application/vnd.game+json");
    assert.equal(own.body.toString(), "1");
  });

  it("shares net's HTTP pool: a fetch and an http_get to one origin use one connection", async () => {
    const { net, network } = runtimeForTest();
    const fresh = await startExampleServer();
    after(() => fresh.close());
    const nextTick = () => new Promise((resolve) => setImmediate(resolve));
    const first = await network.fetch(`${fresh.origin}/`);
    assert.equal(first.status, 200);
    await nextTick();
    const request = net.http_get(`${fresh.origin}/reason`);
    await eventOf(net, request, "http_done");
    const second = await network.fetch(`${fresh.origin}/big`);
    assert.equal(second.status, 200);
    assert.equal(fresh.connections(), 1, "the three requests, made on later ticks, reuse one kept-alive connection");
  });
});

describe("fetch over HTTPS with nginx", () => {
  const suite = nginxForSuite();

  it("verifies the server with the runtime's extra CA", async () => {
    const { fetch } = runtimeForTest({ tls: { ca: suite.certs.caPem } }).network;
    const response = await fetch(`https://127.0.0.1:${suite.nginx.tlsPort}/hello.txt`);
    assert.equal(response.status, 200, `fetch failed: ${response.error}`);
    assert.equal(response.statusMessage, "OK");
    assert.equal(response.text(), "hello from nginx\n");
  });

  it("follows redirects", async () => {
    const response = await runtimeForTest().network.fetch(`http://127.0.0.1:${suite.nginx.port}/redirect`);
    assert.equal(response.status, 200);
    assert.equal(response.text(), "hello from nginx\n");
  });

  it("resolves -1 with a tls reason for a certificate it cannot verify", async () => {
    const response = await runtimeForTest().network.fetch(`https://127.0.0.1:${suite.nginx.tlsPort}/hello.txt`);
    assert.match(assertFailed(response, "bad certificate"), /^tls: /);
  });
});

describe("fetch failures resolve with status -1", () => {
  /** Fetches through a fresh runtime, with arguments of any type. */
  const fetchAnything: LooseFetch = (uri, options) => (runtimeForTest().network.fetch as LooseFetch)(uri, options);

  it("for a refused port", async () => {
    const raw = await rawServerForTest("");
    await raw.close();
    const response = await fetchAnything(raw.origin);
    assert.equal(assertFailed(response, "refused"), "connection refused");
  });

  it("for an unknown host", async () => {
    const response = await fetchAnything("http://nonexistent.invalid/");
    assert.equal(assertFailed(response, "unknown host"), "host not found");
  });

  it("for a server that sends garbage instead of a status line", async () => {
    const raw = await rawServerForTest("garbage garbage\r\n\r\n");
    const response = await fetchAnything(raw.origin);
    assert.equal(assertFailed(response, "garbage"), "protocol error");
  });

  const refusedAtOnce: [string, unknown, unknown, string | RegExp][] = [
    ["a malformed URL", "http//missing-colon", undefined, "invalid url"],
    ["a relative URL", "/todos/1", undefined, "invalid url"],
    ["a non-HTTP scheme", "ftp://127.0.0.1/", undefined, "invalid url"],
    ["an empty URL", "", undefined, "invalid url"],
    ["a number for a URL", 42, undefined, "invalid url"],
    ["null options", "http://127.0.0.1/", null, "invalid options"],
    ["text for options", "http://127.0.0.1/", "GET", "invalid options"],
    ["an unknown method", "http://127.0.0.1/", { method: "OPTIONS" }, "invalid method"],
    ["an Epitaph-style method", "http://127.0.0.1/", { method: ":get" }, "invalid method"],
    ["a number for a method", "http://127.0.0.1/", { method: 1 }, "invalid method"],
    ["null headers", "http://127.0.0.1/", { headers: null }, "invalid options"],
    ["a header name with a space", "http://127.0.0.1/", { headers: { "bad name": "x" } }, /^invalid header/],
    ["a header value with CR LF", "http://127.0.0.1/", { headers: { "x-a": "1\r\nx-b: 2" } }, /^invalid header/],
    ["a number for a header value", "http://127.0.0.1/", { headers: { "x-a": 1 } }, /^invalid header/],
    ["a number for a body", "http://127.0.0.1/", { method: "POST", body: 5 }, "invalid body"],
    ["a body of JSON that cannot be serialised", "http://127.0.0.1/", { method: "POST", body: { json: 1n } }, "invalid body"],
    ["a body of { json: undefined }", "http://127.0.0.1/", { method: "POST", body: { json: undefined } }, "invalid body"],
  ];
  for (const [name, uri, options, why] of refusedAtOnce) {
    it(`for ${name}`, async () => {
      const pending = fetchAnything(uri, options);
      assert.ok(pending instanceof Promise);
      const reason = assertFailed(await pending, name);
      if (typeof why === "string") assert.equal(reason, why);
      else assert.match(reason, why);
    });
  }

  it("for options whose getters throw, without throwing synchronously", async () => {
    const hostile = {
      get method(): string {
        throw new Error("Hostile Getter");
      },
    };
    const response = await fetchAnything(`${server.origin}/`, hostile);
    assert.equal(assertFailed(response, "hostile options"), "hostile getter");
  });

  it("for a body over the response limit", async () => {
    const { fetch } = runtimeForTest({ limits: { httpMaxBodyBytes: 1000 } }).network;
    const response = await fetch(`${server.origin}/big`);
    assert.equal(assertFailed(response, "too large"), "response too large");
  });

  it("for a server that never answers, after httpTimeoutMs", async () => {
    const { fetch } = runtimeForTest({ limits: { httpTimeoutMs: 200 } }).network;
    const response = await fetch(`${server.origin}/hang`);
    assert.equal(assertFailed(response, "timeout"), "timeout");
  });

  it("for a request made just before the runtime closes (its backend still loading)", async () => {
    const runtime = runtimeForTest();
    const pending = runtime.network.fetch(`${server.origin}/hang`);
    await runtime.close();
    assert.equal(assertFailed(await pending, "made before close"), "runtime closed");
  });

  it("for a request in flight when the runtime closes, and for one made after", async () => {
    const runtime = runtimeForTest();
    const seen = server.requests().length;
    const pending = runtime.network.fetch(`${server.origin}/hang`);
    await pollUntil(() => server.requests().length > seen, { what: "the request at the server" });
    await runtime.close();
    assert.equal(assertFailed(await pending, "in flight at close"), "runtime closed");
    const late = await runtime.network.fetch(`${server.origin}/`);
    assert.equal(assertFailed(late, "after close"), "runtime closed");
  });

  it("when HTTP is not enabled", async () => {
    const { fetch } = runtimeForTest({ features: { http: false } }).network;
    const response = await fetch(`${server.origin}/`);
    assert.equal(assertFailed(response, "http off"), "http not available");
  });
});
