/**
 * The HTTP functions of `net` (seed 000; docs/net.md, "HTTP") against a real nginx (plain
 * and TLS with a test CA, gzip, redirects, 404) and small local servers for
 * what nginx cannot show (a slow body, a huge body, a header probe).
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, test } from "node:test";
import type { HttpResponseRecord } from "../../src/index.js";
import { nginxForSuite } from "../helpers/peers.js";
import { eventOf, pollUntil } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";

const suite = nginxForSuite();

const plain = (path: string) => `http://127.0.0.1:${suite.nginx.port}${path}`;

/** A local server whose handler the test chooses. */
async function localServer(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  after(() => new Promise((resolve) => server.close(resolve)));
  server.unref();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function ok(record: HttpResponseRecord | undefined): { status: number; body: string; headers: Record<string, string> } {
  assert.ok(record !== undefined && "status" in record, `expected a response, got ${JSON.stringify(record)}`);
  return record;
}

describe("requests to nginx", () => {
  test("the seed's simple GET: void while pending, then the same record on every call", async () => {
    const { net } = runtimeForTest();
    const req = net.http_get(plain("/hello.txt"));
    assert.equal(net.status(req), "pending");
    assert.equal(net.http_response(req), undefined);
    const response = await pollUntil(() => net.http_response(req), { what: "the response" });
    const record = ok(response);
    assert.equal(record.status, 200);
    assert.equal(record.body, "hello from nginx\n");
    assert.equal(record.headers["content-type"], "text/plain");
    assert.equal(net.status(req), "done");
    assert.equal(net.http_response(req), response, "reads, never pops");
    assert.equal(net.http_response_header(req, "Content-Type"), "text/plain");
    await eventOf(net, req, "http_done");
  });

  test("a 404 is a success of the transport", async () => {
    const { net } = runtimeForTest();
    const req = net.http_get(plain("/missing"));
    await eventOf(net, req, "http_done");
    assert.equal(ok(net.http_response(req)).status, 404);
  });

  test("gzip bodies are decoded, redirects followed, HEAD has no body", async () => {
    const { net } = runtimeForTest();
    const big = net.http_request(":get", plain("/big.txt"));
    net.http_set_header(big, "Accept-Encoding", "gzip");
    net.http_send(big);
    const pre = net.http_get(plain("/pre.txt"));
    const moved = net.http_get(plain("/redirect"));
    const head = net.http_head(plain("/hello.txt"));
    for (const req of [big, pre, moved, head]) await eventOf(net, req, "http_done");
    const bigRecord = ok(net.http_response(big));
    assert.equal(bigRecord.headers["content-encoding"], "gzip", "nginx did compress");
    assert.equal(bigRecord.body, "tickwire ".repeat(20_000));
    assert.equal(ok(net.http_response(pre)).body, "pre-compressed body");
    assert.equal(ok(net.http_response(moved)).body, "hello from nginx\n");
    const headRecord = ok(net.http_response(head));
    assert.equal(headRecord.status, 200);
    assert.equal(headRecord.body, "");
  });

  test("a redirect loop ends in 'too many redirects'", async () => {
    const { net } = runtimeForTest({ limits: { maxRedirects: 3 } });
    const req = net.http_get(plain("/loop"));
    assert.equal((await eventOf(net, req, "error")).data, "too many redirects");
    assert.deepEqual(net.http_response(req), { error: "too many redirects" });
  });

  test("the seed's POST with headers: the server sees them", async () => {
    const { net } = runtimeForTest();
    const req = net.http_request(":post", plain("/echo-headers"));
    net.http_set_header(req, "Content-Type", "application/json");
    net.http_set_header(req, "Authorization", "Bearer my-token");
    net.http_set_headers(req, { "X-Probe": "seen" });
    assert.equal(net.status(req), "building");
    net.http_send(req);
    await eventOf(net, req, "http_done");
    assert.equal(ok(net.http_response(req)).body, "probe=seen method=POST\n");
  });

  test("HTTPS fails verification without the CA and succeeds with it", async () => {
    const untrusted = runtimeForTest().net;
    const bad = untrusted.http_get(`https://127.0.0.1:${suite.nginx.tlsPort}/hello.txt`);
    const error = await eventOf(untrusted, bad, "error");
    assert.match(error.data, /^tls: /);
    const trusted = runtimeForTest({ tls: { ca: suite.certs.caPem } }).net;
    const good = trusted.http_get(`https://localhost:${suite.nginx.tlsPort}/hello.txt`);
    await eventOf(trusted, good, "http_done");
    assert.equal(ok(trusted.http_response(good)).body, "hello from nginx\n");
  });
});

describe("request safety", () => {
  test("CR/LF in a header name or value fails the request and nothing is sent", async () => {
    let hits = 0;
    const base = await localServer((_req, res) => {
      hits++;
      res.end("seen");
    });
    const { net } = runtimeForTest();
    const badValue = net.http_request("GET", `${base}/a`);
    net.http_set_header(badValue, "X-Ok", "fine\r\nX-Injected: yes");
    const badName = net.http_request("GET", `${base}/b`);
    net.http_set_header(badName, "X-Bad\r\nName", "v");
    for (const req of [badValue, badName]) {
      assert.equal(net.status(req), "error");
      assert.match((await eventOf(net, req, "error")).data, /^invalid header/);
      net.http_send(req);
    }
    const control = net.http_get(`${base}/c`);
    await eventOf(net, control, "http_done");
    assert.equal(hits, 1, "only the clean request reached the server");
  });

  test("net.close cancels a pending request with one error event", async () => {
    const base = await localServer(() => {});
    const { net } = runtimeForTest();
    const req = net.http_get(`${base}/never`);
    net.close(req);
    assert.equal(net.status(req), "error");
    assert.deepEqual(net.http_response(req), { error: "cancelled" });
    assert.equal((await eventOf(net, req, "error")).data, "cancelled");
    net.close(req);
    assert.equal(net.status(req), undefined, "closing the finished request released it");
  });

  test("a body over httpMaxBodyBytes ends in 'response too large'", async () => {
    const base = await localServer((_req, res) => res.end(Buffer.alloc(300_000, "z")));
    const { net } = runtimeForTest({ limits: { httpMaxBodyBytes: 100_000 } });
    const req = net.http_get(`${base}/big`);
    assert.equal((await eventOf(net, req, "error")).data, "response too large");
  });

  test("a server that never answers ends in 'timeout'", async () => {
    const base = await localServer(() => {});
    const { net } = runtimeForTest({ limits: { httpTimeoutMs: 200 } });
    const req = net.http_get(`${base}/slow`);
    assert.equal((await eventOf(net, req, "error")).data, "timeout");
  });

  test("bad arguments give handles that end in error", async () => {
    const { net } = runtimeForTest();
    const cases: [number, string][] = [
      [net.http_get("not a url"), "invalid url"],
      [net.http_get(42 as unknown as string), "invalid url"],
      [net.http_get("ftp://127.0.0.1/x"), "invalid url"],
      [net.http_request("BAD METHOD", plain("/")), "invalid method"],
      [net.http_post(plain("/"), 7 as unknown as string), "invalid data"],
    ];
    for (const [req, text] of cases) {
      assert.equal(net.status(req), "error");
      assert.deepEqual(net.http_response(req), { error: text });
      assert.equal((await eventOf(net, req, "error")).data, text);
    }
  });

  test("every convenience verb sends its method and body", async () => {
    const base = await localServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => res.end(`${req.method} ${body}`));
    });
    const { net } = runtimeForTest();
    const sent: [number, string][] = [
      [net.http_delete(`${base}/`), "DELETE "],
      [net.http_options(`${base}/`), "OPTIONS "],
      [net.http_post(`${base}/`, "p"), "POST p"],
      [net.http_put(`${base}/`, "u"), "PUT u"],
      [net.http_patch(`${base}/`, "a"), "PATCH a"],
      [net.http_request_body(":put", `${base}/`, "b"), "PUT b"],
    ];
    net.http_send(sent[5][0]);
    for (const [req, body] of sent) {
      await eventOf(net, req, "http_done");
      assert.equal(ok(net.http_response(req)).body, body);
    }
  });
});
