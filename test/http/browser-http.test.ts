/**
 * The browser HTTP backend in real headless Chromium: a page bundled from the
 * package sends `net.http_*` requests through the page's `fetch` to node:http
 * servers on 127.0.0.1 (the page's own origin, and a second origin with and
 * without CORS), and every refusal the browser imposes comes back as an error.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import type { RuntimeOptions } from "../../src/browser.js";
import { listenOnLoopback, type PageServer } from "../helpers/chromium.js";
import { openNetPage, type NetPage } from "../helpers/page-net.js";
import { pollUntil } from "../helpers/poll.js";

/** What the page's origin server saw. */
const seen = { paths: [] as string[], aborted: [] as string[], hanging: 0 };

function json(response: ServerResponse, value: unknown): true {
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
  return true;
}

/** The test routes of the page's origin. */
function routes(request: IncomingMessage, response: ServerResponse): boolean {
  const url = new URL(request.url ?? "/", "http://x");
  if (url.pathname === "/" || url.pathname === "/page.js") return false;
  seen.paths.push(url.pathname);
  switch (url.pathname) {
    case "/hello":
      response.writeHead(200, "Fine", { "content-type": "text/plain", "x-multi": ["a", "b"] }).end("hello from node");
      return true;
    case "/echo": {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => json(response, { method: request.method, body, probe: request.headers["x-probe"] }));
      return true;
    }
    case "/missing":
      response.writeHead(404).end("no such thing");
      return true;
    case "/redirect":
      response.writeHead(302, { location: "/hello" }).end();
      return true;
    case "/big":
      response.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(Number(url.searchParams.get("n"))));
      return true;
    case "/hang":
      seen.hanging++;
      response.on("close", () => seen.aborted.push(url.search));
      return true;
    default:
      response.writeHead(404).end();
      return true;
  }
}

describe("browser HTTP backend (fetch) in Chromium", () => {
  let page: NetPage;
  let other: PageServer;

  before(async () => {
    page = await openNetPage(routes);
    other = await listenOnLoopback(
      createServer((request, response) => {
        const headers: Record<string, string> = request.url === "/cors" ? { "access-control-allow-origin": "*" } : {};
        response.writeHead(200, headers).end("from the other origin");
      }),
    );
  });

  after(async () => {
    await page?.close();
    await other?.close();
  });

  /** Starts a fresh runtime in the page, sends one GET and returns its terminal event and response. */
  async function get(url: string, options?: RuntimeOptions) {
    await page.call("start", options);
    const handle = (await page.call("call", "http_get", url)) as number;
    const event = await page.call("event", handle, "terminal");
    const response = await page.call("call", "http_response", handle);
    return { handle, event, response: response as Record<string, unknown> };
  }

  it("offers http and ws but no tcp functions", async () => {
    const names = await page.call("start");
    assert.ok(names.includes("http_get") && names.includes("ws_connect") && names.includes("poll_event"));
    assert.deepEqual(names.filter((name) => name.startsWith("tcp_")), []);
  });

  it("gets a response with status, body and lower-case headers joined with commas", async () => {
    const { handle, event, response } = await get(`${page.origin}/hello`);
    assert.deepEqual(event, { type: "http_done", handle });
    assert.equal(response.status, 200);
    assert.equal(response.body, "hello from node");
    const headers = response.headers as Record<string, string>;
    assert.equal(headers["x-multi"], "a, b");
    assert.equal(headers["content-type"], "text/plain");
  });

  it("sends a built request with a method symbol, a header and a body", async () => {
    await page.call("start");
    const handle = (await page.call("call", "http_request_body", ":put", `${page.origin}/echo`, "ping body")) as number;
    await page.call("call", "http_set_header", handle, "X-Probe", "probe-1");
    await page.call("call", "http_send", handle);
    assert.equal((await page.call("event", handle, "terminal") as { type: string }).type, "http_done");
    const response = (await page.call("call", "http_response", handle)) as { body: string };
    assert.deepEqual(JSON.parse(response.body), { method: "PUT", body: "ping body", probe: "probe-1" });
  });

  it("treats a 404 as a finished request and follows redirects", async () => {
    const missing = await get(`${page.origin}/missing`);
    assert.equal((missing.event as { type: string }).type, "http_done");
    assert.equal(missing.response.status, 404);
    const redirected = await get(`${page.origin}/redirect`);
    assert.equal(redirected.response.body, "hello from node");
  });

  it("fails a redirect when maxRedirects is 0", async () => {
    const { event } = await get(`${page.origin}/redirect`, { limits: { maxRedirects: 0 } });
    assert.deepEqual(event, { type: "error", handle: 1, data: "too many redirects" });
  });

  it("refuses what the browser would change silently, without sending anything", async () => {
    const before = seen.paths.length;
    const refusals: string[] = [];
    await page.call("start");
    const tries: [string, string, Record<string, string>, string | undefined][] = [
      ["GET", "/echo", { cookie: "a=1" }, undefined],
      ["GET", "/echo", { Host: "elsewhere" }, undefined],
      ["GET", "/echo", { "user-agent": "bot" }, undefined],
      ["GET", "/echo", { "sec-fetch-mode": "cors" }, undefined],
      ["POST", "/echo", { "x-http-method-override": "TRACE" }, "x"],
      ["TRACE", "/echo", {}, undefined],
      ["GET", "/echo", {}, "a body"],
    ];
    for (const [method, path, headers, body] of tries) {
      const url = `${page.origin}${path}`;
      const handle = (await (body === undefined
        ? page.call("call", "http_request", method, url)
        : page.call("call", "http_request_body", method, url, body))) as number;
      await page.call("call", "http_set_headers", handle, headers);
      await page.call("call", "http_send", handle);
      refusals.push(((await page.call("event", handle, "terminal")) as { data: string }).data);
    }
    assert.deepEqual(refusals, [
      "not possible in a browser: header cookie",
      "not possible in a browser: header host",
      "not possible in a browser: header user-agent",
      "not possible in a browser: header sec-fetch-mode",
      "not possible in a browser: header x-http-method-override",
      "not possible in a browser: method TRACE",
      "not possible in a browser: a body on GET",
    ]);
    const custom = await get(`${page.origin}/hello`, { limits: { maxRedirects: 5 } });
    assert.equal((custom.event as { data: string }).data, "not possible in a browser: maxRedirects 5 (only 0 or 20)");
    const tls = await get("https://127.0.0.1:1/", { tls: { ca: "-----BEGIN CERTIFICATE-----" } });
    assert.equal((tls.event as { data: string }).data, "tls: not possible in a browser: a custom ca");
    assert.equal(seen.paths.length, before, "a refused request reached the server");
  });

  it("stops a response over httpMaxBodyBytes", async () => {
    const { event, response } = await get(`${page.origin}/big?n=100000`, { limits: { httpMaxBodyBytes: 1000 } });
    assert.deepEqual(event, { type: "error", handle: 1, data: "response too large" });
    assert.deepEqual(response, { error: "response too large" });
  });

  it("times out a request and aborts it on the wire", async () => {
    const { event } = await get(`${page.origin}/hang?timeout`, { limits: { httpTimeoutMs: 300 } });
    assert.deepEqual(event, { type: "error", handle: 1, data: "timeout" });
    await pollUntil(() => seen.aborted.includes("?timeout"), { what: "the server to see the request aborted" });
  });

  it("cancels a request on close: one error event, and the server sees the abort", async () => {
    await page.call("start");
    const hanging = seen.hanging;
    const handle = (await page.call("call", "http_get", `${page.origin}/hang?cancel`)) as number;
    await pollUntil(() => seen.hanging > hanging, { what: "the request to reach the server" });
    await page.call("call", "close", handle);
    assert.deepEqual(await page.call("event", handle, "terminal"), { type: "error", handle, data: "cancelled" });
    assert.deepEqual(await page.call("call", "http_response", handle), { error: "cancelled" });
    await pollUntil(() => seen.aborted.includes("?cancel"), { what: "the server to see the request aborted" });
    assert.deepEqual(await page.call("events", handle), [{ type: "error", handle, data: "cancelled" }]);
  });

  it("reaches another origin that allows it (CORS), and reports a network error otherwise", async () => {
    const allowed = await get(`${other.origin}/cors`);
    assert.equal(allowed.response.body, "from the other origin");
    const blocked = await get(`${other.origin}/nocors`);
    assert.deepEqual(blocked.event, { type: "error", handle: 1, data: "network error" });
  });

  it("slows the body to the download budget and still delivers it whole", async () => {
    const { response } = await get(`${page.origin}/big?n=150000`, { limits: { downloadBytesPerSecond: 64 * 1024 } });
    assert.equal(response.status, 200);
    assert.equal((response.body as string).length, 150_000);
  });

  it("applies the host policy to what a page can see, and follows no redirect under it", async () => {
    const before = seen.paths.length;
    const deny = { rules: [{ host: "127.0.0.1", action: "deny" as const }, { host: "*", action: "allow" as const }] };
    assert.deepEqual((await get(`${page.origin}/hello`, { policy: deny })).event, {
      type: "error",
      handle: 1,
      data: "blocked by policy: 127.0.0.1",
    });
    const privateFirst = { rules: [{ host: "$private", action: "deny" as const }, { host: "*", action: "allow" as const }] };
    const byName = other.origin.replace("127.0.0.1", "localhost");
    assert.deepEqual((await get(`${byName}/cors`, { policy: privateFirst })).event, {
      type: "error",
      handle: 1,
      data: "not possible in a browser: checking localhost against an address rule of the policy",
    });
    assert.equal(seen.paths.length, before, "a refused request reached the server");
    const named = await get(`${byName}/cors`, { policy: { rules: [{ host: "localhost", action: "allow" }] } });
    assert.equal(named.response.body, "from the other origin");
    const allow = { rules: [{ host: "127.0.0.1", action: "allow" as const }] };
    assert.deepEqual((await get(`${page.origin}/redirect`, { policy: allow })).event, {
      type: "error",
      handle: 1,
      data: "not possible in a browser: following a redirect under a policy",
    });
  });

  it("reports a refused connection as a network error", async () => {
    const closed = await listenOnLoopback(createServer());
    const url = `${closed.origin}/`;
    await closed.close();
    const { event, response } = await get(url);
    assert.deepEqual(event, { type: "error", handle: 1, data: "network error" });
    assert.deepEqual(response, { error: "network error" });
  });
});
