/**
 * The Node HTTP backend on its own (`src/http/node-http.ts`), driven straight
 * through its factory against a plain `node:http` server: the outcome carries
 * the server's reason phrase and lower-case headers (repeated ones joined
 * with commas), a compressed body is
 * decoded, a body past `httpMaxBodyBytes` fails with "response too large",
 * and the cancel function ends a request on the wire with its reason.
 */
import assert from "node:assert/strict";
import * as http from "node:http";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { HttpOutcome, HttpRequestSpec } from "../../src/http/backend.js";
import { createNodeHttp } from "../../src/http/node-http.js";
import { backendForTest } from "../helpers/backend.js";
import { pollUntil } from "../helpers/poll.js";

/** A `node:http` server on 127.0.0.1 serving `routes` by path; closed when the test ends. */
async function server(routes: Record<string, http.RequestListener>): Promise<string> {
  const peer = http.createServer((request, response) => routes[request.url ?? ""]?.(request, response));
  await new Promise<void>((resolve) => peer.listen(0, "127.0.0.1", resolve));
  after(() => {
    peer.closeAllConnections();
    return new Promise((resolve) => peer.close(resolve));
  });
  return `http://127.0.0.1:${(peer.address() as { port: number }).port}`;
}

/** A GET of `url` as the backend takes it. */
const get = (url: string): HttpRequestSpec => ({ method: "GET", url: new URL(url), headers: {}, body: undefined });

/** Sends `spec` and resolves with its one outcome. */
function outcomeOf(send: (spec: HttpRequestSpec, done: (outcome: HttpOutcome) => void) => unknown, spec: HttpRequestSpec): Promise<HttpOutcome> {
  return new Promise((resolve) => send(spec, resolve));
}

describe("createNodeHttp", () => {
  test("reports the reason phrase and headers (repeated ones joined), and decodes a gzip body", async () => {
    const origin = await server({
      "/teapot": (_q, response) => {
        response.writeHead(418, "Short And Stout", { "X-Kind": "tea", "Content-Encoding": "gzip", "X-Multi": ["a", "b"], "Set-Cookie": ["c=1", "d=2"] });
        response.end(gzipSync("hot"));
      },
    });
    const { backend } = backendForTest(createNodeHttp);
    const outcome = await outcomeOf(backend.send, get(`${origin}/teapot`));
    assert.ok(outcome.ok, JSON.stringify(outcome));
    assert.equal(outcome.result.status, 418);
    assert.equal(outcome.result.statusText, "Short And Stout");
    assert.equal(outcome.result.headers["x-kind"], "tea");
    assert.equal(outcome.result.headers["x-multi"], "a, b", "a repeated header is joined with commas");
    assert.equal(outcome.result.headers["set-cookie"], "c=1, d=2");
    assert.ok(Object.values(outcome.result.headers).every((value) => typeof value === "string"), "every header value is text");
    assert.equal(new TextDecoder().decode(outcome.result.body), "hot");
  });

  test("fails a body past httpMaxBodyBytes with \"response too large\"", async () => {
    const origin = await server({ "/big": (_q, response) => response.end(Buffer.alloc(4096, 1)) });
    const { backend } = backendForTest(createNodeHttp, { httpMaxBodyBytes: 1024 });
    assert.deepEqual(await outcomeOf(backend.send, get(`${origin}/big`)), { ok: false, error: "response too large" });
  });

  test("the cancel function ends a request on the wire with its reason", async () => {
    let arrived = false;
    const origin = await server({ "/never": () => void (arrived = true) });
    const { backend } = backendForTest(createNodeHttp);
    let outcome: HttpOutcome | undefined;
    const cancel = backend.send(get(`${origin}/never`), (result) => (outcome = result));
    await pollUntil(() => arrived, { what: "the request to reach the server" });
    cancel("cancelled");
    await pollUntil(() => outcome, { what: "the one outcome" });
    assert.deepEqual(outcome, { ok: false, error: "cancelled" });
  });
});
