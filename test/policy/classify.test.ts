/**
 * Property tests of the policy's hand-written address classifier against
 * Node's own: over seeded random and edge-case addresses in many spellings
 * (compressed or not, padded, upper-case, dotted tails, zone ids) and their
 * mutations, `parseIp` accepts exactly what `net.isIP` accepts; `$private`
 * agrees with a `net.BlockList` of SPEC 11's ranges, an embedded IPv4
 * address judged by the BlockList as that IPv4 address; and a CIDR rule
 * matches exactly what a BlockList of that subnet matches. A failure prints
 * the seed; TICKWIRE_FUZZ_SEED replays it.
 */
import assert from "node:assert/strict";
import { BlockList, isIP } from "node:net";
import { describe, it } from "node:test";
import { canonicalIp, isPrivate } from "../../src/policy/classify.js";
import { parseIp } from "../../src/policy/ip.js";
import { HostPolicy } from "../../src/policy/policy.js";
import { chooseSeed, Random } from "../reliability/fuzz/random.js";

const SAMPLES = 20_000;
const seed = chooseSeed();
const random = new Random(seed);
const replay = `(seed ${seed}; replay with TICKWIRE_FUZZ_SEED=${seed})`;

const V4_PRIVATE: [string, number][] = [["0.0.0.0", 8], ["127.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10],
  ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4]];
const V6_PRIVATE: [string, number][] = [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10],
  ["ff00::", 8], ["64:ff9b:1::", 48], ["2001::", 32]];
/** The forms that embed an IPv4 address, and where: byte offset of the IPv4 address in the 16 bytes. */
const EMBEDDINGS: { prefix: number[]; offset: number }[] = [
  { prefix: [], offset: 12 }, // IPv4-compatible ::/96
  { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], offset: 12 }, // IPv4-translated
  { prefix: [0, 0x64, 0xff, 0x9b], offset: 12 }, // NAT64
  { prefix: [0x20, 0x02], offset: 2 }, // 6to4
];

function blockList(ranges: [string, number][], type: "ipv4" | "ipv6"): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of ranges) list.addSubnet(address, prefix, type);
  return list;
}

const privateV4 = blockList(V4_PRIVATE, "ipv4");
const privateV6 = blockList(V6_PRIVATE, "ipv6");
const embedding = blockList([["::", 96], ["::ffff:0:0:0", 96], ["64:ff9b::", 96], ["2002::", 16]], "ipv6");

const v4Text = (bytes: ArrayLike<number>) => Array.from(bytes).join(".");

/** An IPv4 address as 4 bytes: uniform, or on a boundary of a private range. */
function randomV4(): number[] {
  if (random.chance(0.5)) return [0, 0, 0, 0].map(() => random.int(256));
  const [base, prefix] = random.pick(V4_PRIVATE);
  const start = base.split(".").reduce((sum, part) => sum * 256 + Number(part), 0);
  const size = 2 ** (32 - prefix);
  const value = (start + random.pick([-1, 0, 1, size - 1, size, random.int(size)]) + 2 ** 32) % 2 ** 32;
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
}

/** 16 random bytes that embed no IPv4 address, near a private IPv6 range half of the time. */
function randomV6(): number[] {
  for (;;) {
    const bytes = Array.from({ length: 16 }, () => random.int(256));
    if (random.chance(0.5)) {
      const [base, prefix] = random.pick(V6_PRIVATE);
      const fixed = Array.from(parseIp(base) as Uint8Array);
      const keep = Math.max(0, prefix - random.int(3));
      for (let bit = 0; bit < keep; bit++) {
        const mask = 0x80 >> (bit & 7);
        bytes[bit >> 3] = (bytes[bit >> 3] & ~mask) | (fixed[bit >> 3] & mask);
      }
    }
    if (!embedding.check(spellV6(bytes), "ipv6")) return bytes;
  }
}

/** One of the many ways to write 16 bytes as IPv6 text. */
function spellV6(bytes: ArrayLike<number>, varied = false): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes[2 * i] * 256 + bytes[2 * i + 1]);
  const words = groups.map((group) => {
    const hex = group.toString(16).padStart(varied && random.chance(0.2) ? 4 : 1, "0");
    return varied && random.chance(0.2) ? hex.toUpperCase() : hex;
  });
  const zeroStarts = groups.flatMap((group, i) => (group === 0 ? [i] : []));
  let [from, to] = [8, 8];
  if (zeroStarts.length > 0 && (!varied || random.chance(0.8))) {
    from = varied ? random.pick(zeroStarts) : zeroStarts[0];
    to = from;
    while (to < 8 && groups[to] === 0) to++;
  }
  const dotted = varied && to < 7 && random.chance(0.3);
  const tail = dotted ? [...words.slice(to, 6), v4Text(Array.from(bytes).slice(12))] : words.slice(to);
  const text = from === 8 ? (dotted ? [...words.slice(0, 6), tail.at(-1)].join(":") : words.join(":"))
    : `${words.slice(0, from).join(":")}::${tail.join(":")}`;
  return varied && random.chance(0.1) ? `${text}%${random.pick(["eth0", "1", "lo", "x.y-z"])}` : text;
}

/** An address in some spelling, with what `$private` must say of it. */
function sample(): { text: string; isPrivate: boolean } {
  const kind = random.weighted({ v4: 3, mapped: 1, embedded: 3, v6: 3 });
  if (kind === "v6") {
    const bytes = randomV6();
    return { text: spellV6(bytes, true), isPrivate: privateV6.check(spellV6(bytes), "ipv6") };
  }
  const v4 = randomV4();
  const expected = privateV4.check(v4Text(v4), "ipv4");
  if (kind === "v4") return { text: v4Text(v4), isPrivate: expected };
  const bytes = new Array<number>(16).fill(0);
  const form = kind === "mapped" ? { prefix: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], offset: 12 } : random.pick(EMBEDDINGS);
  form.prefix.forEach((byte, i) => (bytes[i] = byte));
  v4.forEach((byte, i) => (bytes[form.offset + i] = byte));
  if (form.offset === 2) bytes.forEach((_, i) => i >= 6 && (bytes[i] = random.int(256)));
  const compatible = form.prefix.length === 0 && bytes.every((byte, i) => i === 15 || byte === 0) && bytes[15] < 2;
  return { text: spellV6(bytes, true), isPrivate: compatible ? privateV6.check(spellV6(bytes), "ipv6") : expected };
}

/** `text` with one character deleted, inserted or replaced. */
function mutate(text: string): string {
  const at = random.int(text.length + 1);
  const char = random.pick([..."0123456789abcdefgABCDEF:.%x/ "]);
  const cut = random.pick([0, 1]);
  return text.slice(0, at) + (random.chance(0.3) ? "" : char) + text.slice(at + cut);
}

const classify = (text: string) => isPrivate(canonicalIp(parseIp(text) as Uint8Array), undefined);

describe("the address classifier against node:net", () => {
  it(`parses exactly what net.isIP accepts ${replay}`, () => {
    for (const text of ["::1%", "::1%%", "fe80::1%eth0/1", "1:2:3:4:5:1.2.3.4", "00001::", "::ffff:1.2.3.04", "0::",
      "1::2:3:4:5:6:7", "::1:2:3:4:5:6:7", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:8::", ":1::", "1::", "::", ""]) {
      assert.equal(parseIp(text) !== undefined, isIP(text) !== 0, JSON.stringify(text));
    }
    for (let i = 0; i < SAMPLES; i++) {
      const valid = sample().text;
      const text = random.chance(0.5) ? valid : mutate(valid);
      assert.equal(parseIp(text) !== undefined, isIP(text) !== 0, `${JSON.stringify(text)} ${replay}`);
    }
  });

  it(`puts in $private what a BlockList of SPEC 11's ranges holds, embedded IPv4 as IPv4 ${replay}`, () => {
    for (let i = 0; i < SAMPLES; i++) {
      const { text, isPrivate: expected } = sample();
      assert.equal(classify(text), expected, `${text} ${replay}`);
    }
  });

  it(`matches a CIDR rule on exactly the addresses a BlockList of that subnet holds ${replay}`, () => {
    for (let i = 0; i < SAMPLES / 4; i++) {
      const v4 = random.chance(0.5);
      const base = v4 ? randomV4() : randomV6();
      const prefix = random.int(v4 ? 33 : 129);
      const baseText = v4 ? v4Text(base) : spellV6(base);
      const address = v4 ? randomV4() : randomV6();
      for (let bit = 0; bit < prefix - random.int(2); bit++) {
        const mask = 0x80 >> (bit & 7);
        address[bit >> 3] = (address[bit >> 3] & ~mask) | (base[bit >> 3] & mask);
      }
      const text = v4 ? v4Text(address) : spellV6(address, true);
      if (!v4 && embedding.check(text.replace(/%.*/, ""), "ipv6")) continue;
      const list = blockList([[baseText, prefix]], v4 ? "ipv4" : "ipv6");
      const policy = HostPolicy.from({ rules: [{ host: `${baseText}/${prefix}`, action: "deny" }, { host: "*", action: "allow" }] });
      const shown = v4 && random.chance(0.3) ? `::ffff:${text}` : text;
      assert.equal(policy.allows(shown, shown, 80), !list.check(text.replace(/%.*/, ""), v4 ? "ipv4" : "ipv6"),
        `${baseText}/${prefix} against ${shown} ${replay}`);
    }
  });
});
