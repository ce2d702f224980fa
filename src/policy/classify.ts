/**
 * What an address really is, for the host policy (SPEC 11): the IPv4 address
 * that an IPv6 form embeds (IPv4-compatible, IPv4-translated, NAT64, 6to4;
 * IPv4-mapped is already the 16-byte form of IPv4, see ip.ts), so that every
 * rule judges such an address as the IPv4 address it stands for, and the
 * ranges of `$private`. The addresses of this machine's own interfaces are
 * part of `$private` too, but only the platform can list them: they are
 * passed in (see `LocalAddresses`), never read here.
 */
import { inRange, parseIp, parseRange, type IpBytes, type IpRange } from "./ip.js";

/** A source of this machine's own addresses (as text), the same list object until it changes; Node reads its interfaces. */
export type LocalAddresses = () => Iterable<string>;

/** An IPv6 range whose addresses carry an IPv4 address at byte `offset`. */
interface Embedding {
  range: IpRange;
  offset: number;
}

const range = (text: string): IpRange => parseRange(text) as IpRange;

/** The IPv6 forms that embed an IPv4 address (besides IPv4-mapped, which is how IPv4 is stored). */
const EMBEDDINGS: readonly Embedding[] = [
  { range: range("::/96"), offset: 12 }, // IPv4-compatible, except :: and ::1
  { range: range("::ffff:0:0:0/96"), offset: 12 }, // IPv4-translated
  { range: range("64:ff9b::/96"), offset: 12 }, // NAT64, well-known prefix
  { range: range("2002::/16"), offset: 2 }, // 6to4
];

/** The unspecified and loopback addresses, which lie in ::/96 but are IPv6 addresses of their own. */
const NOT_EMBEDDING = range("::/127");

function embeddingOf(address: IpBytes): Embedding | undefined {
  if (inRange(address, NOT_EMBEDDING)) return undefined;
  return EMBEDDINGS.find((embedding) => inRange(address, embedding.range));
}

/** The address a rule judges: the IPv4 address an IPv6 form embeds (in its 16-byte form), or the address itself. */
export function canonicalIp(address: IpBytes): IpBytes {
  const embedding = embeddingOf(address);
  if (embedding === undefined) return address;
  const mapped = new Uint8Array(16);
  mapped[10] = 0xff;
  mapped[11] = 0xff;
  mapped.set(address.subarray(embedding.offset, embedding.offset + 4), 12);
  return mapped;
}

/** True when every address of `rule` embeds an IPv4 address, so that an IPv6 rule could never match it. */
export function onlyEmbedding(rule: IpRange): boolean {
  const embedding = embeddingOf(rule.base);
  return embedding !== undefined && rule.prefix >= embedding.range.prefix;
}

/** The fixed ranges of `$private` (SPEC 11); the machine's own addresses are added by `isPrivate`. */
export const PRIVATE_RANGES: readonly IpRange[] = [
  "0.0.0.0/8", // "this network"
  "127.0.0.0/8", // loopback
  "10.0.0.0/8", // private
  "100.64.0.0/10", // shared address space (carrier-grade NAT)
  "169.254.0.0/16", // link-local, cloud metadata
  "172.16.0.0/12", // private
  "192.168.0.0/16", // private
  "198.18.0.0/15", // benchmarking
  "224.0.0.0/4", // multicast
  "240.0.0.0/4", // reserved, and the broadcast address 255.255.255.255
  "::/128", // unspecified
  "::1/128", // loopback
  "fc00::/7", // unique-local
  "fe80::/10", // link-local
  "fec0::/10", // site-local (deprecated, still routed by some)
  "ff00::/8", // multicast
  "64:ff9b:1::/48", // local-use NAT64
  "2001::/32", // Teredo
].map(range);

/** True when `address` (already canonical) is in `$private`: a fixed range or one of `local`'s addresses. */
export function isPrivate(address: IpBytes, local: LocalAddresses | undefined): boolean {
  if (PRIVATE_RANGES.some((privateRange) => inRange(address, privateRange))) return true;
  return local !== undefined && parsedOnce(local()).some((own) => own.every((byte, i) => byte === address[i]));
}

/** Parsed lists, by the list object: a source that hands out the same list until it refreshes is parsed once. */
const parsedLists = new WeakMap<object, IpBytes[]>();

function parsedOnce(list: Iterable<string>): IpBytes[] {
  let parsed = parsedLists.get(list);
  if (parsed === undefined) {
    parsed = [...list].flatMap((text) => {
      const bytes = parseIp(text);
      return bytes === undefined ? [] : [canonicalIp(bytes)];
    });
    parsedLists.set(list, parsed);
  }
  return parsed;
}
