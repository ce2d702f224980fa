/**
 * Regression tests for the ways past the host policy found in issue 18, run
 * in a network namespace with only loopback (`unshare -n`, see
 * namespace-probe.ts) so that a wrong answer sends nothing anywhere: an IP
 * literal with a zone id that a `*.suffix` rule used to match, this machine's
 * own (stand-in public) addresses, every IPv6 form that embeds 127.0.0.1,
 * and the ranges `$private` did not cover. Each is tried with `tcp_connect`,
 * `Network.Connect`, `http_get`, `fetch`, `ws_connect` and `udp_send` against a server
 * the namespace routes them all to; without a policy the same attempts reach
 * it (the control), so the test would see a wrong answer. Allowed hosts,
 * public addresses in their 6to4 and NAT64 forms included, still connect.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { describe, it } from "node:test";
import type { PolicyRule } from "../../src/index.js";
import { ROOT } from "../helpers/cli.js";
import { requireProgram } from "../helpers/processes.js";
import type { Attempt, Scenario } from "./namespace-probe.js";

/** Runs the probe in a fresh network namespace and returns its attempts. */
function inNamespace(scenario: Scenario): Attempt[] {
  requireProgram("ip");
  const probe = spawnSync(
    requireProgram("unshare"),
    ["-n", process.execPath, "--import", "tsx", "test/policy/namespace-probe.ts", JSON.stringify(scenario)],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  assert.equal(probe.status, 0, `the namespace probe failed (unshare -n needs root):\n${probe.stderr}`);
  return JSON.parse(probe.stdout) as Attempt[];
}

/** URLs cannot carry a zone id (WHATWG), so the URL APIs refuse those hosts as malformed. */
const URL_APIS = new Set(["http_get", "fetch", "ws_connect"]);

/** Every attempt under the policy that was not refused with "blocked by policy" (or "invalid url") or that arrived. */
function leaks(attempts: Attempt[]): Attempt[] {
  return attempts.filter((attempt) => {
    if (!attempt.policy) return false;
    const refusal = attempt.host.includes("%") && URL_APIS.has(attempt.api) ? "invalid url" : "blocked by policy";
    return attempt.reached || !attempt.outcome.startsWith(refusal);
  });
}

/** The attempts without a policy that did not reach the server: the control shows the test could see a leak. */
function unreached(attempts: Attempt[], hosts: string[]): Attempt[] {
  return attempts.filter((a) => !a.policy && hosts.includes(a.host) && !a.reached && !(a.host.includes("%") && URL_APIS.has(a.api)));
}

/** The README's recommended policy, with the last rule opened to the test server's port (0 stands for it). */
const RECOMMENDED: PolicyRule[] = [
  { host: "$private", action: "deny" },
  { host: "*.mygame.example", action: "allow" },
  { host: "*", action: "allow", ports: [0] },
];

describe("host policy bypasses, in a network namespace", () => {
  it("refuses IP literals with a zone id that a *.suffix rule used to match", () => {
    const hosts = ["::ffff:203.0.113.7%x.mygame.example", "2001:db8::7%a.mygame.example", "::ffff:127.0.0.1%x.mygame.example",
      "::1%mygame.example"];
    const rules: PolicyRule[] = [{ host: "*.mygame.example", action: "allow" }, { host: "mygame.example", action: "allow" }];
    const attempts = inNamespace({ rules, hosts });
    assert.deepEqual(leaks(attempts), []);
    assert.deepEqual(unreached(attempts, hosts), []);
  });

  it("refuses this machine's own addresses, every embedded form of 127.0.0.1 and the ranges $private lacked", () => {
    const routed = ["203.0.113.7", "::ffff:203.0.113.7", "2001:db8::7", "64:ff9b::cb00:7107", "::ffff:203.0.113.7%lo",
      "::127.0.0.1", "::7f00:2", "::ffff:0:127.0.0.1", "64:ff9b::7f00:1", "64:ff9b::127.0.0.1", "2002:7f00:1::1", "2002:7f00:1:5::9",
      "198.18.0.1", "198.19.255.254", "fec0::1", "64:ff9b:1::1", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"];
    const unroutable = ["224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "ff02::1"];
    const attempts = inNamespace({ rules: RECOMMENDED, hosts: [...routed, ...unroutable] });
    assert.deepEqual(leaks(attempts), []);
    assert.deepEqual(unreached(attempts, routed), []);
  });

  it("still lets through what the rules allow: an exception before $private, and public addresses in every form", () => {
    const hosts = ["127.0.0.1", "::ffff:127.0.0.1", "198.51.100.5", "2001:db8:1::5", "2002:c633:6405::1", "64:ff9b::198.51.100.5"];
    const attempts = inNamespace({
      rules: [{ host: "127.0.0.1", action: "allow", ports: [0] }, { host: "$private", action: "deny" }, { host: "*", action: "allow" }],
      hosts,
    });
    assert.deepEqual(attempts.filter((attempt) => attempt.policy && !attempt.reached), []);
    assert.equal(attempts.filter((attempt) => attempt.policy).length, hosts.length * 6);
  });
});
