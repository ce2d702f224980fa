/**
 * The host policy on HTTP: every connection undici opens is checked, so a
 * redirect from an allowed address to a denied one fails at the hop, by IP
 * literal (127.0.0.1 to 127.0.0.2) and by name (to `localhost` on a port no
 * rule allows). Also names resolving to loopback, `0.0.0.0`, and HTTPS
 * through the checked connector against nginx with a test CA.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { PolicyRule } from "../../src/index.js";
import { makeCertificates, startNginx, type Nginx } from "../helpers/peers.js";
import { runtimeForTest } from "../helpers/runtime.js";
import { endOf, NO_PRIVATE, outcomeOf, startHttp, type TestHttpServer } from "./helpers.js";

describe("host policy on HTTP", () => {
  let target: TestHttpServer;
  let redirector: TestHttpServer;
  let nginx: Nginx;
  let caPem: string;
  const client = (rules?: PolicyRule[]) => runtimeForTest({ tls: { ca: caPem }, ...(rules && { policy: { rules } }) }).net;

  before(async () => {
    target = await startHttp("127.0.0.2", (_request, response) => response.end("secret on 127.0.0.2"));
    redirector = await startHttp("127.0.0.1", (request, response) => {
      const host = request.url === "/to-name" ? "localhost" : "127.0.0.2";
      response.writeHead(302, { location: `http://${host}:${target.port}/` });
      response.end();
    });
    const certificates = makeCertificates();
    caPem = certificates.caPem;
    nginx = await startNginx(certificates);
  });

  after(async () => {
    await Promise.all([target.close(), redirector.close(), nginx.stop()]);
  });

  it("follows a redirect from 127.0.0.1 to 127.0.0.2 without a policy (control)", async () => {
    const net = client();
    const handle = net.http_get(`http://127.0.0.1:${redirector.port}/`);
    assert.equal(await outcomeOf(net, handle), "http_done");
    const response = net.http_response(handle) as { status: number; body: string };
    assert.deepEqual([response.status, response.body], [200, "secret on 127.0.0.2"]);
  });

  it("refuses the redirect hop to 127.0.0.2 when only 127.0.0.1 is allowed", async () => {
    const net = client([{ host: "127.0.0.1", action: "allow" }, ...NO_PRIVATE]);
    const before = target.requests.length;
    const handle = net.http_get(`http://127.0.0.1:${redirector.port}/`);
    assert.deepEqual(await endOf(net, handle), [{ type: "error", handle, data: "blocked by policy: 127.0.0.2" }]);
    assert.deepEqual(net.http_response(handle), { error: "blocked by policy: 127.0.0.2" });
    assert.equal(target.requests.length, before, "the denied server saw no request");
  });

  it("refuses a redirect hop to a name whose address and port no rule allows", async () => {
    const net = client([{ host: "127.0.0.1", action: "allow", ports: [redirector.port] }]);
    const hops = redirector.requests.length;
    const handle = net.http_get(`http://127.0.0.1:${redirector.port}/to-name`);
    assert.equal(await outcomeOf(net, handle), "blocked by policy: localhost");
    assert.equal(redirector.requests.length, hops + 1, "the first hop was made, the second refused");
  });

  it("refuses names resolving to loopback and 0.0.0.0 under the recommended policy", async () => {
    const net = client(NO_PRIVATE);
    const byName = net.http_get(`http://localhost:${redirector.port}/`);
    const zero = net.http_get(`http://0.0.0.0:${redirector.port}/`);
    const mapped = net.http_get(`http://[::ffff:127.0.0.1]:${redirector.port}/`);
    assert.equal(await outcomeOf(net, byName), "blocked by policy: localhost");
    assert.equal(await outcomeOf(net, zero), "blocked by policy: 0.0.0.0");
    assert.equal(await outcomeOf(net, mapped), "blocked by policy: ::ffff:7f00:1");
  });

  it("lets an allowed name through the checked lookup, with HTTPS verified against its name", async () => {
    const net = client([{ host: "127.0.0.1", action: "allow", ports: [nginx.tlsPort] }]);
    const handle = net.http_get(`https://localhost:${nginx.tlsPort}/redirect`);
    assert.equal(await outcomeOf(net, handle), "http_done");
    assert.equal((net.http_response(handle) as { body: string }).body, "hello from nginx\n");
  });
});
