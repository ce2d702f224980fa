/**
 * The rules of a host policy as a game developer writes them (`{ host, action,
 * ports? }`), and their compiled form. Compiling checks every rule and throws
 * a TypeError naming the bad one: a typo in a deny rule must stop the game at
 * start-up, never be skipped silently, and so must a rule that could never
 * match (`127.1`, an IPv6 range that only holds embedded IPv4 addresses).
 * Name rules match names only; address rules match the canonical address.
 */
import { checkOptions, rule as option, type SchemaOf } from "../core/options.js";
import { unbracket } from "../core/args.js";
import { isPrivate, onlyEmbedding, type LocalAddresses } from "./classify.js";
import { inRange, parseIp, parseRange, type IpBytes, type IpRange } from "./ip.js";

/** One rule: `host` is an exact name, `*.suffix`, `*`, an IP, a CIDR or `$private`. */
export interface PolicyRule {
  host: string;
  action: "allow" | "deny";
  /** Ports the rule applies to; every port when absent. */
  ports?: number[];
}

/** What a rule's `host` matches. */
type HostPattern =
  | { kind: "any" }
  | { kind: "name"; name: string }
  | { kind: "suffix"; suffix: string }
  | { kind: "range"; range: IpRange }
  | { kind: "private" };

/** A checked rule, ready to match. */
export interface CompiledRule {
  allow: boolean;
  pattern: HostPattern;
  ports: ReadonlySet<number> | undefined;
}

/** A connection about to be made: the host as asked for, the address it resolved to, the port. */
export interface Target {
  /** The host as a name (see `hostName`); undefined for an IP literal or anything else no name rule may match. */
  name: string | undefined;
  /** Canonical (see classify.ts). */
  address: IpBytes;
  port: number;
  /** This machine's own addresses, part of `$private`. */
  local: LocalAddresses | undefined;
}

/** The keys a rule may have (a misspelt `prots` must not widen the rule in silence); `compileRule` checks their values. */
const RULE_SCHEMA: SchemaOf<PolicyRule> = { host: option.any, action: option.any, ports: option.any };

const NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** Lower-cases a host name and strips IPv6 brackets and a trailing dot. */
function normalizeName(host: string): string {
  const bare = unbracket(host.toLowerCase());
  return bare.endsWith(".") ? bare.slice(0, -1) : bare;
}

/**
 * The host as name rules see it (lower-case, no trailing dot), or undefined when it is no name: an IP
 * literal (zone id or not), or what no resolver reads as a name (`127.0.0.1%x.example`). Only names
 * are matched by exact-name and `*.suffix` rules.
 */
export function hostName(host: string): string | undefined {
  if (parseIp(host) !== undefined) return undefined;
  const name = normalizeName(host);
  return NAME.test(name) ? name : undefined;
}

/**
 * True when a name ends in a number (`127.1`, `2130706433`, `0x7f000001`, `1.2.3.4.5`): resolvers
 * and URL parsers read such a name as an IPv4 address, so as a name rule it would match nothing.
 */
function endsInNumber(name: string): boolean {
  const last = name.slice(name.lastIndexOf(".") + 1);
  return /^(\d+|0x[0-9a-f]*)$/.test(last);
}

const WHAT_HOST_IS = "is not a name, *.name, *, IP, CIDR or $private";

/** What a rule's host matches, or why it is refused. */
function compilePattern(host: string): HostPattern | string {
  if (host === "*") return { kind: "any" };
  if (host === "$private") return { kind: "private" };
  if (host.includes("%")) return "has a zone id, which a rule cannot have";
  const range = parseRange(host);
  if (range !== undefined) {
    if (onlyEmbedding(range)) return "holds only IPv6 forms of IPv4 addresses, judged by the IPv4 address: write the IPv4 rule";
    return { kind: "range", range };
  }
  const name = normalizeName(host);
  if (endsInNumber(name)) return "looks like an address but is not written as one (write a dotted quad or an IPv6 address)";
  if (name.startsWith("*.") && NAME.test(name.slice(2))) return { kind: "suffix", suffix: name.slice(1) };
  return NAME.test(name) ? { kind: "name", name } : WHAT_HOST_IS;
}

function compilePorts(ports: unknown): ReadonlySet<number> | undefined | string {
  if (ports === undefined) return undefined;
  const valid = (port: unknown) => typeof port === "number" && Number.isInteger(port) && port >= 1 && port <= 65535;
  if (!Array.isArray(ports) || ports.length === 0 || !ports.every(valid)) {
    return "ports must be a non-empty list of port numbers 1-65535";
  }
  return new Set(ports as number[]);
}

/** Checks and compiles one rule; throws a TypeError that names the rule when it is malformed. */
export function compileRule(rule: unknown, index: number): CompiledRule {
  const fail = (why: string): never => {
    throw new TypeError(`policy.rules[${index}] ${JSON.stringify(rule)}: ${why}`);
  };
  if (typeof rule !== "object" || rule === null) return fail("a rule is an object { host, action, ports? }");
  checkOptions(rule, RULE_SCHEMA, `policy.rules[${index}]`);
  const { host, action, ports } = rule as Record<string, unknown>;
  if (action !== "allow" && action !== "deny") return fail('action must be "allow" or "deny"');
  if (typeof host !== "string") return fail("host must be a string");
  const pattern = compilePattern(host);
  if (typeof pattern === "string") return fail(`host ${JSON.stringify(host)} ${pattern}`);
  const portSet = compilePorts(ports);
  if (typeof portSet === "string") return fail(portSet);
  return { allow: action === "allow", pattern, ports: portSet };
}

/** True when the rule applies to this connection. */
export function ruleMatches(rule: CompiledRule, target: Target): boolean {
  const byName = ruleMatchesName(rule, target.name, target.port);
  if (byName !== undefined) return byName;
  const pattern = rule.pattern;
  return pattern.kind === "range" ? inRange(target.address, pattern.range) : isPrivate(target.address, target.local);
}

/**
 * Whether the rule applies to a connection to `name` (undefined for an IP literal) on `port`;
 * undefined when only the address can tell.
 */
export function ruleMatchesName(rule: CompiledRule, name: string | undefined, port: number): boolean | undefined {
  if (rule.ports !== undefined && !rule.ports.has(port)) return false;
  const pattern = rule.pattern;
  switch (pattern.kind) {
    case "any":
      return true;
    case "name":
      return name === pattern.name;
    case "suffix":
      return name !== undefined && name.endsWith(pattern.suffix);
    case "range":
    case "private":
      return undefined;
  }
}
