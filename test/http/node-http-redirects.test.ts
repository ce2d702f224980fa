/**
 * Redirects in the Node HTTP backend: a request goes straight to undici's
 * agent and only a 3xx hands it to undici's RedirectHandler, so these tests
 * check that the rules are undici's (303 turns POST into a bodiless GET, 307
 * keeps method and body, credentials are dropped across origins), that each
 * URL of a chain is requested exactly once, and that a Location on a
 * non-redirect status or with redirects turned off is not followed.
 */
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { after, before, describe, test } from "node:test";
import type { HttpResponseRecord } from "../../src/index.js";
import { eventOf } from "../helpers/poll.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { startHttp, type TestHttpServer } from "../policy/helpers.js";

interface Seen {
  method: string;
  url: string;
  body: string;
  authorization: string | undefined;
}

function ok(record: HttpResponseRecord | undefined): { status: number; body: string; headers: Record<string, string> } {
  assert.ok(record !== undefined && "status" in record, `expected a response, got ${JSON.stringify(record)}`);
  return record;
}

/** Reads a request's body and records what the server saw. */
function record(request: IncomingMessage, seen: Seen[], then: () => void): void {
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", () => {
    seen.push({ method: request.method ?? "", url: request.url ?? "", body, authorization: request.headers.authorization });
    then();
  });
}

describe("redirects in the Node HTTP backend", () => {
  const seenHere: Seen[] = [];
  const seenThere: Seen[] = [];
  let here: TestHttpServer;
  let there: TestHttpServer;

  before(async () => {
    there = await startHttp("127.0.0.1", (request, response) => record(request, seenThere, () => response.end("there")));
    here = await startHttp("127.0.0.1", (request, response) =>
      record(request, seenHere, () => {
        const [, status, target] = /^\/(\d{3})\/?(.*)$/.exec(request.url ?? "") ?? [];
        if (status === undefined) return void response.end(`here ${request.method} ${request.url}`);
        const location = target === "other-origin" ? `http://127.0.0.1:${there.port}/landed` : "/landed";
        response.writeHead(Number(status), { location }).end("moved");
      }),
    );
  });

  after(async () => {
    await Promise.all([here.close(), there.close()]);
  });

  /** Sends a request with a body and an Authorization header; resolves with the record. */
  async function send(path: string, method = "POST", maxRedirects?: number) {
    const { net } = runtimeForTest(maxRedirects === undefined ? {} : { limits: { maxRedirects } });
    seenHere.length = 0;
    seenThere.length = 0;
    const req = net.http_request_body(method, `http://127.0.0.1:${here.port}${path}`, "payload");
    net.http_set_header(req, "Authorization", "Bearer secret");
    net.http_send(req);
    await eventOf(net, req, "http_done");
    return ok(net.http_response(req));
  }

  test("a 303 after a POST is followed with a GET and no body, each URL requested once", async () => {
    const response = await send("/303");
    assert.deepEqual([response.status, response.body], [200, "here GET /landed"]);
    assert.deepEqual(
      seenHere.map((s) => [s.method, s.url, s.body]),
      [
        ["POST", "/303", "payload"],
        ["GET", "/landed", ""],
      ],
    );
  });

  test("a 307 keeps the method and the body", async () => {
    const response = await send("/307");
    assert.equal(response.body, "here POST /landed");
    assert.deepEqual(seenHere.map((s) => [s.method, s.body]), [
      ["POST", "payload"],
      ["POST", "payload"],
    ]);
  });

  test("credentials follow a same-origin redirect and are dropped across origins", async () => {
    await send("/302");
    assert.deepEqual(seenHere.map((s) => s.authorization), ["Bearer secret", "Bearer secret"]);
    const response = await send("/307/other-origin");
    assert.equal(response.body, "there");
    assert.equal(seenHere[0].authorization, "Bearer secret");
    assert.deepEqual(seenThere.map((s) => [s.method, s.url, s.authorization]), [["POST", "/landed", undefined]]);
  });

  test("a Location on a non-redirect status, or with redirects off, is the response itself", async () => {
    const created = await send("/201");
    assert.deepEqual([created.status, created.body, created.headers.location], [201, "moved", "/landed"]);
    const unfollowed = await send("/302", "GET", 0);
    assert.deepEqual([unfollowed.status, unfollowed.body], [302, "moved"]);
    assert.equal(seenHere.length, 1, "only the first URL was requested");
  });
});
