/**
 * `runtime.network` in real headless Chromium: `fetch` rides on the page's
 * `fetch` to a node:http server on 127.0.0.1 and never rejects, browser
 * refusals included; `Network.Connect` gives an "error" socket, since a page
 * cannot open TCP connections.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { after, before, describe, it } from "node:test";
import { listenOnLoopback } from "../helpers/chromium.js";
import { openNetPage, type NetPage } from "../helpers/page-net.js";

let requests = 0;

/** The test routes: `/hello` answers text, `/echo` answers the method, content type and body as JSON. */
function routes(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.url === "/hello") {
    requests++;
    response.writeHead(200, "Fine", { "content-type": "text/plain", "x-multi": ["a", "b"] }).end("hello from node");
    return true;
  }
  if (request.url === "/echo") {
    requests++;
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const echo = { method: request.method, type: request.headers["content-type"], body };
      response.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(echo));
    });
    return true;
  }
  return false;
}

describe("runtime.network in Chromium", () => {
  let page: NetPage;

  before(async () => {
    page = await openNetPage(routes);
    await page.call("start");
  });

  after(() => page?.close());

  it("fetches a response with status, reason phrase, lower-case headers and the whole body", async () => {
    const response = (await page.call("fetch", `${page.origin}/hello`)) as Record<string, unknown>;
    const headers = response.headers as Record<string, string>;
    assert.deepEqual({ ...response, headers: undefined }, {
      status: 200,
      statusMessage: "Fine",
      headers: undefined,
      error: null,
      body: "hello from node",
      bytes: true,
    });
    assert.deepEqual([headers["content-type"], headers["x-multi"]], ["text/plain", "a, b"]);
    assert.ok(Object.keys(headers).every((name) => name === name.toLowerCase()));
  });

  it("sends a JSON body with its content type, and fills in the standard reason phrase", async () => {
    const response = (await page.call("fetch", `${page.origin}/echo`, { method: "patch", body: { json: { title: "foo" } } })) as {
      status: number;
      statusMessage: string;
      body: string;
    };
    assert.equal(response.status, 201);
    assert.equal(response.statusMessage, "Created");
    assert.deepEqual(JSON.parse(response.body), { method: "PATCH", type: "application/json", body: '{"title":"foo"}' });
  });

  it("resolves failures and browser refusals with status -1, never rejecting", async () => {
    const before = requests;
    const closed = await listenOnLoopback(createServer());
    const refusedUrl = `${closed.origin}/`;
    await closed.close();
    const refused = (await page.call("fetch", refusedUrl)) as Record<string, unknown>;
    assert.deepEqual([refused.status, refused.statusMessage, refused.error], [-1, "socket error", "network error"]);
    const forbidden = (await page.call("fetch", `${page.origin}/hello`, { headers: { Cookie: "a=1" } })) as Record<string, unknown>;
    assert.deepEqual([forbidden.status, forbidden.error], [-1, "not possible in a browser: header cookie"]);
    assert.equal(requests, before, "a refused request reached the server");
  });

  it("gives Network.Connect an error socket: a page has no TCP", async () => {
    assert.deepEqual(await page.call("connect", "127.0.0.1", 80), {
      status: "error",
      error: "tcp not available",
      write: false,
      read: null,
    });
  });
});
