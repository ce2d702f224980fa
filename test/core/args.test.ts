/**
 * The argument checks and error texts scripts see.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { checkHost, checkPort, parseUrl, toBytes, unbracket, urlPort } from "../../src/core/args.js";
import { errorText } from "../../src/core/errors.js";
import { resolveLimits, DEFAULT_LIMITS } from "../../src/core/limits.js";

test("ports are whole numbers in range", () => {
  assert.equal(checkPort(80, false), undefined);
  assert.equal(checkPort(0, true), undefined);
  for (const bad of [0, 70000, -1, 1.5, "80", NaN, null]) assert.equal(checkPort(bad, false), "invalid port", String(bad));
});

test("hosts are names or IP literals", () => {
  for (const good of ["localhost", "127.0.0.1", "::1", "[::1]", "game.example.com"]) assert.equal(checkHost(good), undefined, good);
  for (const bad of ["", "a b", 42, "x\n", "a/b", "x".repeat(300)]) assert.equal(checkHost(bad), "invalid host", String(bad));
});

test("URLs must be absolute with an allowed scheme", () => {
  assert.ok(parseUrl("ws://h/x", ["ws:"]) instanceof URL);
  assert.equal(parseUrl("http://h/", ["ws:"]), "invalid url");
  assert.equal(parseUrl("not a url", ["ws:"]), "invalid url");
});

test("IPv6 brackets come off, and a URL's port defaults by scheme", () => {
  assert.deepEqual(["[::1]", "::1", "[", "[]", "host"].map(unbracket), ["::1", "::1", "[", "", "host"]);
  const ports = ["http://h/", "https://h/", "ws://h/", "wss://h/", "wss://h:8443/", "ftp://h/"].map((url) => urlPort(new URL(url)));
  assert.deepEqual(ports, [80, 443, 80, 443, 8443, 0]);
});

test("text bytes are char codes 0-255", () => {
  assert.deepEqual([...(toBytes("\u0000\u00ff") ?? [])], [0, 255]);
  assert.equal(toBytes("\u0100"), undefined);
  assert.equal(toBytes(12), undefined);
});

test("system and library errors map to stable texts", () => {
  assert.equal(errorText({ code: "ECONNREFUSED", message: "x" }), "connection refused");
  assert.equal(errorText({ code: "ENOTFOUND" }), "host not found");
  assert.equal(errorText({ code: "DEPTH_ZERO_SELF_SIGNED_CERT", message: "self-signed certificate" }), "tls: self-signed certificate");
  assert.equal(errorText({ message: "outer", cause: { code: "ECONNRESET" } }), "connection reset");
  assert.equal(errorText("plain"), "plain");
});

test("limits merge over the defaults and ignore nonsense", () => {
  const limits = resolveLimits({ recvBufferBytes: 10, sendBufferBytes: -5, retainedHandles: "x" });
  assert.equal(limits.recvBufferBytes, 10);
  assert.equal(limits.sendBufferBytes, DEFAULT_LIMITS.sendBufferBytes);
  assert.equal(limits.retainedHandles, DEFAULT_LIMITS.retainedHandles);
  assert.ok(DEFAULT_LIMITS.wsMaxMessageBytes >= 16 * 1024 * 1024);
  assert.ok(DEFAULT_LIMITS.httpMaxBodyBytes >= 64 * 1024 * 1024);
});
