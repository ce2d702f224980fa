/**
 * Unit tests of the platform-neutral policy: IP and CIDR parsing, `$private`
 * with the IPv4-mapped forms, names and wildcards, ports, rule order, and the
 * errors a malformed rule raises.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inRange, parseIp, parseRange, PRIVATE_RANGES } from "../../src/policy/ip.js";
import { HostPolicy, type PolicyRule } from "../../src/policy/policy.js";

const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString("hex"));
const isPrivate = (address: string) => PRIVATE_RANGES.some((range) => inRange(parseIp(address) as Uint8Array, range));
const policy = (rules: PolicyRule[]) => HostPolicy.from({ rules });

describe("parseIp", () => {
  it("stores IPv4 in its IPv4-mapped IPv6 form", () => {
    assert.equal(hex(parseIp("127.0.0.1")), "00000000000000000000ffff7f000001");
    assert.equal(hex(parseIp("::ffff:127.0.0.1")), hex(parseIp("127.0.0.1")));
    assert.equal(hex(parseIp("::ffff:7f00:1")), hex(parseIp("127.0.0.1")));
    assert.equal(hex(parseIp("0:0:0:0:0:ffff:7f00:0001")), hex(parseIp("127.0.0.1")));
  });

  it("parses the IPv6 shorthands, brackets and zone ids", () => {
    assert.equal(hex(parseIp("::")), "0".repeat(32));
    assert.equal(hex(parseIp("::1")), "0".repeat(31) + "1");
    assert.equal(hex(parseIp("[::1]")), hex(parseIp("::1")));
    assert.equal(hex(parseIp("fe80::1%eth0")), "fe80" + "0".repeat(27) + "1");
    assert.equal(hex(parseIp("2001:DB8::")), "20010db8" + "0".repeat(24));
    assert.equal(hex(parseIp("1:2:3:4:5:6:7:8")), "00010002000300040005000600070008");
  });

  it("rejects what is not an address", () => {
    for (const text of ["", "localhost", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1::2::3", ":::", "1:2:3:4:5:6:7:8:9",
      "12345::", "::1.2.3", "g::1", "1.2.3.4::", "127.1"]) {
      assert.equal(parseIp(text), undefined, text);
    }
  });
});

describe("parseRange and inRange", () => {
  it("matches IPv4 CIDRs, also on the mapped form", () => {
    const range = parseRange("10.1.0.0/16") as NonNullable<ReturnType<typeof parseRange>>;
    assert.equal(inRange(parseIp("10.1.200.3") as Uint8Array, range), true);
    assert.equal(inRange(parseIp("::ffff:10.1.0.9") as Uint8Array, range), true);
    assert.equal(inRange(parseIp("10.2.0.1") as Uint8Array, range), false);
  });

  it("matches prefixes that end inside a byte", () => {
    const range = parseRange("100.64.0.0/10") as NonNullable<ReturnType<typeof parseRange>>;
    assert.equal(inRange(parseIp("100.127.255.255") as Uint8Array, range), true);
    assert.equal(inRange(parseIp("100.128.0.0") as Uint8Array, range), false);
  });

  it("matches IPv6 CIDRs and rejects bad prefixes", () => {
    const range = parseRange("2001:db8::/32") as NonNullable<ReturnType<typeof parseRange>>;
    assert.equal(inRange(parseIp("2001:db8:ffff::1") as Uint8Array, range), true);
    assert.equal(inRange(parseIp("2001:db9::1") as Uint8Array, range), false);
    for (const text of ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "nope/8"]) assert.equal(parseRange(text), undefined, text);
  });
});

describe("$private", () => {
  it("covers loopback, private, shared, link-local, unspecified and unique-local addresses", () => {
    for (const address of ["127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.9.8.7", "100.64.1.1", "169.254.169.254",
      "172.16.0.1", "172.31.255.255", "192.168.1.1", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1"]) {
      assert.equal(isPrivate(address), true, address);
    }
  });

  it("covers the IPv4-mapped IPv6 form of each IPv4 range", () => {
    for (const address of ["::ffff:127.0.0.1", "::ffff:0.0.0.0", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::ffff:192.168.0.1",
      "::ffff:172.20.0.1", "::ffff:100.100.0.1"]) {
      assert.equal(isPrivate(address), true, address);
    }
  });

  it("leaves public addresses out", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "::ffff:8.8.8.8", "2606:4700::1111",
      "fec0::1", "::2"]) {
      assert.equal(isPrivate(address), false, address);
    }
  });
});

describe("HostPolicy.allows", () => {
  it("lets the first matching rule decide", () => {
    const denyFirst = policy([{ host: "127.0.0.1", action: "deny" }, { host: "*", action: "allow" }]);
    const allowFirst = policy([{ host: "*", action: "allow" }, { host: "127.0.0.1", action: "deny" }]);
    assert.equal(denyFirst.allows("127.0.0.1", "127.0.0.1", 80), false);
    assert.equal(allowFirst.allows("127.0.0.1", "127.0.0.1", 80), true);
  });

  it("denies what no rule matches", () => {
    assert.equal(policy([]).allows("example.com", "93.184.215.14", 443), false);
    assert.equal(policy([{ host: "example.com", action: "allow" }]).allows("example.org", "93.184.215.14", 443), false);
  });

  it("matches exact names case-insensitively, ignoring a trailing dot", () => {
    const names = policy([{ host: "Game.Example.com", action: "allow" }]);
    assert.equal(names.allows("game.example.com", "203.0.113.5", 443), true);
    assert.equal(names.allows("GAME.EXAMPLE.COM.", "203.0.113.5", 443), true);
    assert.equal(names.allows("api.game.example.com", "203.0.113.5", 443), false);
  });

  it("matches *.suffix on sub-domains only", () => {
    const wildcard = policy([{ host: "*.example.com", action: "allow" }]);
    assert.equal(wildcard.allows("a.example.com", "203.0.113.5", 80), true);
    assert.equal(wildcard.allows("a.b.example.com", "203.0.113.5", 80), true);
    assert.equal(wildcard.allows("example.com", "203.0.113.5", 80), false);
    assert.equal(wildcard.allows("badexample.com", "203.0.113.5", 80), false);
  });

  it("checks names and addresses with one rule list: $private before a name rule stops rebinding", () => {
    const rules = policy([{ host: "$private", action: "deny" }, { host: "*.example.com", action: "allow" }]);
    assert.equal(rules.allows("api.example.com", "203.0.113.5", 443), true);
    assert.equal(rules.allows("api.example.com", "127.0.0.1", 443), false);
    assert.equal(rules.allows("api.example.com", "::ffff:10.0.0.1", 443), false);
  });

  it("matches IP and CIDR rules on the address, whatever the name", () => {
    const cidr = policy([{ host: "10.0.0.0/8", action: "deny" }, { host: "*", action: "allow" }]);
    assert.equal(cidr.allows("intranet.example", "10.20.30.40", 80), false);
    assert.equal(cidr.allows("::ffff:10.20.30.40", "::ffff:10.20.30.40", 80), false);
    assert.equal(cidr.allows("public.example", "11.0.0.1", 80), true);
    const single = policy([{ host: "[::1]", action: "allow" }]);
    assert.equal(single.allows("::1", "::1", 80), true);
    assert.equal(single.allows("::2", "::2", 80), false);
  });

  it("applies a rule only to its ports", () => {
    const ports = policy([
      { host: "$private", action: "allow", ports: [8080, 9000] },
      { host: "$private", action: "deny" },
      { host: "*", action: "allow" },
    ]);
    assert.equal(ports.allows("localhost", "127.0.0.1", 8080), true);
    assert.equal(ports.allows("localhost", "127.0.0.1", 22), false);
    assert.equal(ports.allows("example.com", "93.184.215.14", 22), true);
  });

  it("denies an address that does not parse", () => {
    assert.equal(policy([{ host: "*", action: "allow" }]).allows("x", "not-an-ip", 80), false);
  });

  it("allows listening unless listen is false", () => {
    assert.equal(policy([]).listen, true);
    assert.equal(HostPolicy.from({ rules: [], listen: false }).listen, false);
  });
});

describe("HostPolicy.from", () => {
  it("throws a TypeError naming the malformed rule", () => {
    const bad: unknown[] = [
      { host: "*", action: "block" },
      { host: 5, action: "deny" },
      { host: "a*b.com", action: "deny" },
      { host: "10.0.0.0/40", action: "deny" },
      { host: "*", action: "deny", ports: [] },
      { host: "*", action: "deny", ports: [70000] },
      { host: "*", action: "deny", ports: "80" },
      null,
    ];
    for (const rule of bad) {
      assert.throws(() => HostPolicy.from({ rules: [{ host: "*", action: "allow" }, rule as PolicyRule] }), (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /^policy\.rules\[1\]/);
        return true;
      });
    }
  });

  it("throws on a policy that is not { rules }", () => {
    assert.throws(() => HostPolicy.from({} as never), /policy must be/);
    assert.throws(() => HostPolicy.from({ rules: [], listen: "no" } as never), /policy.listen/);
  });
});
