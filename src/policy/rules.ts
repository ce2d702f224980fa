/**
 * The rules of a host policy as a game developer writes them (`{ host, action,
 * ports? }`), and their compiled form. Compiling checks every rule and throws
 * a TypeError naming the bad one: a typo in a deny rule must stop the game at
 * start-up, never be skipped silently.
 */
import { unbracket } from "../core/args.js";
import { inRange, parseRange, PRIVATE_RANGES, type IpBytes, type IpRange } from "./ip.js";

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
  | { kind: "ranges"; ranges: readonly IpRange[] };

/** A checked rule, ready to match. */
export interface CompiledRule {
  allow: boolean;
  pattern: HostPattern;
  ports: ReadonlySet<number> | undefined;
}

/** A connection about to be made: the host as asked for, the address it resolved to, the port. */
export interface Target {
  /** Lower-case, without brackets or a trailing dot. */
  name: string;
  address: IpBytes;
  port: number;
}

const NAME = /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/;

/** Lower-cases a host name and strips IPv6 brackets and a trailing dot. */
export function normalizeName(host: string): string {
  const bare = unbracket(host.toLowerCase());
  return bare.endsWith(".") ? bare.slice(0, -1) : bare;
}

function compilePattern(host: string): HostPattern | undefined {
  if (host === "*") return { kind: "any" };
  if (host === "$private") return { kind: "ranges", ranges: PRIVATE_RANGES };
  const range = parseRange(host);
  if (range !== undefined) return { kind: "ranges", ranges: [range] };
  const name = normalizeName(host);
  if (name.startsWith("*.") && NAME.test(name.slice(2))) return { kind: "suffix", suffix: name.slice(1) };
  return NAME.test(name) ? { kind: "name", name } : undefined;
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
  const { host, action, ports } = rule as Record<string, unknown>;
  if (action !== "allow" && action !== "deny") return fail('action must be "allow" or "deny"');
  if (typeof host !== "string") return fail("host must be a string");
  const pattern = compilePattern(host);
  if (pattern === undefined) return fail(`host ${JSON.stringify(host)} is not a name, *.name, *, IP, CIDR or $private`);
  const portSet = compilePorts(ports);
  if (typeof portSet === "string") return fail(portSet);
  return { allow: action === "allow", pattern, ports: portSet };
}

/** True when the rule applies to this connection. */
export function ruleMatches(rule: CompiledRule, target: Target): boolean {
  const pattern = rule.pattern;
  const byName = ruleMatchesName(rule, target.name, target.port);
  if (byName !== undefined || pattern.kind !== "ranges") return byName === true;
  return pattern.ranges.some((range) => inRange(target.address, range));
}

/** Whether the rule applies to a connection to `name` on `port`; undefined when only the address can tell. */
export function ruleMatchesName(rule: CompiledRule, name: string, port: number): boolean | undefined {
  if (rule.ports !== undefined && !rule.ports.has(port)) return false;
  const pattern = rule.pattern;
  switch (pattern.kind) {
    case "any":
      return true;
    case "name":
      return name === pattern.name;
    case "suffix":
      return name.endsWith(pattern.suffix);
    case "ranges":
      return undefined;
  }
}
