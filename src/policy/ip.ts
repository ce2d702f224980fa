/**
 * IP addresses and CIDR ranges for the host policy, parsed by hand so that the
 * policy runs wherever the runtime does (no `node:net`; `BlockList` would also
 * need one list per rule to keep first-match order). Every address is kept
 * as 16 bytes: an IPv4 address a.b.c.d is stored as its IPv4-mapped IPv6 form
 * ::ffff:a.b.c.d, and an IPv4 range /n as the mapped range /(96+n), so one
 * comparison covers an IPv4 address written either way. What parses here is
 * exactly what `net.isIP` calls an address (test/policy/classify.test.ts).
 */
import { unbracket } from "../core/args.js";

/** An address as 16 bytes (IPv4 in its IPv4-mapped IPv6 form). */
export type IpBytes = Uint8Array;

/** A range of addresses: the first `prefix` bits of `base` are fixed. */
export interface IpRange {
  base: IpBytes;
  /** 0 to 128, counted on the 16-byte form. */
  prefix: number;
}

const V4_OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$/;
const V6_GROUP = /^[0-9a-f]{1,4}$/i;
/** A zone id as `node:net` accepts one; the policy ignores it and judges the address alone. */
const ZONE_ID = /^[0-9a-z.:-]+$/i;

/** The four bytes of a dotted-quad IPv4 address, or undefined. */
function parseIpv4Bytes(text: string): number[] | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => V4_OCTET.test(part))) return undefined;
  return parts.map(Number);
}

/** The 16-bit groups of one side of "::", or undefined; a dotted IPv4 tail counts as two groups. */
function parseGroups(text: string, allowV4Tail: boolean): number[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (allowV4Tail && i === parts.length - 1 && part.includes(".")) {
      const v4 = parseIpv4Bytes(part);
      if (v4 === undefined) return undefined;
      groups.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
    } else if (V6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

/** The eight 16-bit groups of an IPv6 address (zone id and brackets allowed), or undefined. */
function parseIpv6Groups(text: string): number[] | undefined {
  let bare = unbracket(text);
  const zone = bare.indexOf("%");
  if (zone >= 0) {
    if (!ZONE_ID.test(bare.slice(zone + 1))) return undefined;
    bare = bare.slice(0, zone);
  }
  const halves = bare.split("::");
  if (halves.length > 2) return undefined;
  if (halves.length === 1) {
    const groups = parseGroups(bare, true);
    return groups?.length === 8 ? groups : undefined;
  }
  const head = parseGroups(halves[0], false);
  const tail = parseGroups(halves[1], true);
  if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Parses an IPv4 or IPv6 address into its 16-byte form; undefined when `text` is not an address. */
export function parseIp(text: string): IpBytes | undefined {
  const v4 = parseIpv4Bytes(text);
  const bytes = new Uint8Array(16);
  if (v4 !== undefined) {
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    bytes.set(v4, 12);
    return bytes;
  }
  const groups = text.includes(":") ? parseIpv6Groups(text) : undefined;
  if (groups === undefined) return undefined;
  groups.forEach((group, i) => {
    bytes[2 * i] = group >> 8;
    bytes[2 * i + 1] = group & 0xff;
  });
  return bytes;
}

/** Parses "addr/prefix" (or a bare address, a range of one); undefined when malformed. */
export function parseRange(text: string): IpRange | undefined {
  const slash = text.indexOf("/");
  const address = slash < 0 ? text : text.slice(0, slash);
  const base = parseIp(address);
  if (base === undefined) return undefined;
  const isV4 = !address.includes(":");
  const width = isV4 ? 32 : 128;
  if (slash < 0) return { base, prefix: 128 };
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || Number(bits) > width) return undefined;
  return { base, prefix: Number(bits) + (isV4 ? 96 : 0) };
}

/** True when `address` lies in `range`. */
export function inRange(address: IpBytes, range: IpRange): boolean {
  const whole = range.prefix >> 3;
  for (let i = 0; i < whole; i++) {
    if (address[i] !== range.base[i]) return false;
  }
  const rest = range.prefix & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return (address[whole] & mask) === (range.base[whole] & mask);
}
