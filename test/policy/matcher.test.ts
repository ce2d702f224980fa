/**
 * Unit tests of the platform-neutral policy: IP and CIDR parsing, `$private`
 * with every form that embeds an IPv4 address and the machine's own
 * addresses, names and wildcards (which never match a literal), zone ids,
 * ports, rule order, listening, and the errors a malformed rule raises.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalIp, isPrivate as isPrivateBytes } from "../../src/policy/classify.js";
import { inRange, parseIp, parseRange } from "../../src/policy/ip.js";
import { HostPolicy, listenRefusal, type PolicyRule } from "../../src/policy/policy.js";

const hex = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : Buffer.from(bytes).toString("hex"));
const isPrivate = (address: string, local?: string[]) =>
  isPrivateBytes(canonicalIp(parseIp(address) as Uint8Array), local && (() => local));
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
  it("covers every range SPEC 11 lists", () => {
    for (const address of ["127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.9.8.7", "100.64.1.1", "169.254.169.254",
      "172.16.0.1", "172.31.255.255", "192.168.1.1", "198.18.0.1", "198.19.255.255", "224.0.0.1", "239.255.255.250",
      "240.0.0.1", "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "fec0::1", "feff::1",
      "ff02::1", "ff05::fb", "64:ff9b:1::1", "64:ff9b:1:ffff::8.8.8.8", "2001::1", "2001:0:4136:e378::1"]) {
      assert.equal(isPrivate(address), true, address);
    }
  });

  it("judges every IPv6 form that embeds an IPv4 address by that address", () => {
    for (const address of ["::ffff:127.0.0.1", "::ffff:0.0.0.0", "::ffff:10.0.0.1", "::ffff:a9fe:a9fe", "::ffff:192.168.0.1",
      "::ffff:172.20.0.1", "::ffff:100.100.0.1", "::127.0.0.1", "::7f00:1", "::2", "::ffff:0:127.0.0.1", "::ffff:0:7f00:1",
      "64:ff9b::7f00:1", "64:ff9b::127.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1", "2002:c0a8:101::", "2002:ffff:ffff::1"]) {
      assert.equal(isPrivate(address), true, address);
    }
  });

  it("leaves public addresses out, also in their embedded forms", () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.169.0.1", "198.20.0.1", "223.255.255.255",
      "::ffff:8.8.8.8", "::8.8.8.8", "::ffff:0:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2606:4700::1111",
      "2001:1::1", "64:ff9b:2::1", "fbff::1"]) {
      assert.equal(isPrivate(address), false, address);
    }
  });

  it("covers this machine's own addresses, in every form", () => {
    const local = ["203.0.113.7", "2001:db8::7", "fe80::1"];
    for (const address of ["203.0.113.7", "::ffff:203.0.113.7", "64:ff9b::cb00:7107", "2002:cb00:7107::9", "2001:db8::7"]) {
      assert.equal(isPrivate(address, local), true, address);
      assert.equal(isPrivate(address, []), false, `${address} is public on another machine`);
    }
    assert.equal(isPrivate("203.0.113.8", local), false);
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

  it("never matches an IP literal by a name or *.suffix rule, zone id or not", () => {
    const rules = policy([{ host: "$private", action: "deny" }, { host: "*.mygame.example", action: "allow" },
      { host: "*", action: "allow", ports: [443] }]);
    for (const host of ["::ffff:203.0.113.7%x.mygame.example", "203.0.113.7", "2001:db8::1%a.mygame.example"]) {
      const address = host.replace(/%.*/, "");
      assert.equal(rules.allows(host, address, 25), false, host);
      assert.equal(rules.allows(host, address, 443), true, `${host}: * still matches every host`);
    }
    assert.equal(rules.allows("::ffff:127.0.0.1%x.mygame.example", "::ffff:127.0.0.1", 443), false);
    assert.equal(rules.allows("203.0.113.7%x.mygame.example", "203.0.113.7", 25), false, "no name has a %");
    assert.equal(rules.allows("api.mygame.example", "203.0.113.7", 25), true);
  });

  it("judges a literal with a zone id by its address alone", () => {
    const rules = policy([{ host: "fe80::/10", action: "allow" }, { host: "2001:db8::1", action: "deny" }, { host: "*", action: "allow" }]);
    assert.equal(rules.allows("fe80::1%eth0", "fe80::1%eth0", 80), true);
    assert.equal(rules.allows("2001:db8::1%eth0", "2001:db8::1%eth0", 80), false);
  });

  it("judges an embedded IPv4 address by every rule: IPv4 rules match each embedded form", () => {
    const rules = policy([{ host: "10.0.0.0/8", action: "deny" }, { host: "8.8.8.8", action: "allow" }]);
    for (const address of ["::ffff:10.1.2.3", "::10.1.2.3", "::ffff:0:10.1.2.3", "64:ff9b::a01:203", "2002:a01:203::1"]) {
      assert.equal(rules.allows(address, address, 80), false, address);
    }
    for (const address of ["::ffff:8.8.8.8", "::8.8.8.8", "::ffff:0:8.8.8.8", "64:ff9b::808:808", "2002:808:808:1::5"]) {
      assert.equal(rules.allows(address, address, 80), true, address);
    }
  });

  it("refuses listening unless the policy says listen: true, and allows it without a policy", () => {
    assert.equal(policy([]).listen, false);
    assert.equal(listenRefusal(policy([]), 7777), "blocked by policy: listening is not allowed");
    assert.equal(listenRefusal(policy([]), 0), "blocked by policy: listening is not allowed");
    assert.equal(listenRefusal(policy([]), 0, true), undefined, "a UDP socket on port 0 is a client's");
    assert.equal(listenRefusal(policy([]), 5000, true), "blocked by policy: listening is not allowed");
    assert.equal(listenRefusal(HostPolicy.from({ rules: [], listen: true }), 7777), undefined);
    assert.equal(listenRefusal(undefined, 7777), undefined);
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
      // hosts that look like addresses but are not written as one, zone ids, IPv6 rules that only hold embedded IPv4
      ...["127.1", "2130706433", "0x7f000001", "0177.0.0.1", "1.2.3.4.5", "*.0x7f", "127.0.0.1.", "fe80::1%eth0",
        "64:ff9b::/96", "2002:7f00:1::/48", "::127.0.0.1"].map((host) => ({ host, action: "deny" })),
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
