/**
 * This machine's own addresses for `$private`: the list is what
 * `os.networkInterfaces()` says, kept for the refresh period and read again
 * after it. The refresh is shown in a network namespace with only loopback
 * (`unshare -n`), where the test adds an address to `lo` after the first read.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { networkInterfaces } from "node:os";
import { describe, it } from "node:test";
import { interfaceAddresses } from "../../src/node/local-addresses.js";
import { ROOT } from "../helpers/cli.js";
import { requireProgram } from "../helpers/processes.js";

const LATE_ADDRESS_PROBE = `
import { execFileSync } from "node:child_process";
import { interfaceAddresses } from "./src/node/local-addresses.ts";
import { pollUntil } from "./test/helpers/poll.ts";
execFileSync("ip", ["link", "set", "lo", "up"]);
const local = interfaceAddresses(3000);
const before = [...local()];
execFileSync("ip", ["addr", "add", "203.0.113.99/32", "dev", "lo"]);
const cached = [...local()];
await pollUntil(() => [...local()].includes("203.0.113.99"), { what: "the new address in the list", timeoutMs: 15_000 });
console.log(JSON.stringify({ before, cached }));
`;

describe("interfaceAddresses", () => {
  it("lists every address of every interface, IPv4 and IPv6", () => {
    const expected = Object.values(networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address));
    const listed = [...interfaceAddresses()()];
    assert.deepEqual(listed, expected);
    assert.ok(listed.includes("127.0.0.1"), listed.join(", "));
  });

  it("keeps a read for the refresh period, then reads the interfaces again", () => {
    requireProgram("ip");
    const command = ["-n", process.execPath, "--import", "tsx", "--input-type=module", "-e", LATE_ADDRESS_PROBE];
    const run = spawnSync(requireProgram("unshare"), command, { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    assert.equal(run.status, 0, `the namespace probe failed (unshare -n needs root):\n${run.stderr}`);
    const { before, cached } = JSON.parse(run.stdout) as { before: string[]; cached: string[] };
    assert.ok(before.includes("127.0.0.1") && !before.includes("203.0.113.99"), before.join(", "));
    assert.deepEqual(cached, before, "read again only after the refresh period");
  });
});
