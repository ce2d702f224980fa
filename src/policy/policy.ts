/**
 * The host policy of one runtime (docs/security.md, "Rules"): an ordered rule list where the
 * first rule that matches a connection decides, and no match denies. Backends
 * ask it once per connection with the address they are about to connect to,
 * so a name that resolves to a forbidden address is caught after DNS. Also
 * says whether scripts may listen (only with `listen: true`). Platform-neutral:
 * no Node imports; the machine's own addresses are handed in by the platform.
 */
import { ERR } from "../core/errors.js";
import { checkOptions, rule, type SchemaOf } from "../core/options.js";
import { canonicalIp, type LocalAddresses } from "./classify.js";
import { parseIp } from "./ip.js";
import { compileRule, hostName, ruleMatches, ruleMatchesName, type CompiledRule, type PolicyRule } from "./rules.js";

export type { PolicyRule } from "./rules.js";

/** The `policy` option of a runtime. */
export interface PolicyOptions {
  /** Checked in order; the first match decides; a connection no rule matches is denied. */
  rules: PolicyRule[];
  /** Whether scripts may listen (`tcp_listen`, `ws_listen`, `udp_open` on a fixed port); default false. */
  listen?: boolean;
}

/** The keys of the `policy` option (each rule is checked when compiled). */
export const POLICY_SCHEMA: SchemaOf<PolicyOptions> = { rules: rule.list, listen: rule.boolean };

/** A compiled policy: answers whether a connection may be made. */
export class HostPolicy {
  private constructor(
    private readonly rules: readonly CompiledRule[],
    /** Whether scripts may listen. */
    readonly listen: boolean,
    private readonly local: LocalAddresses | undefined,
  ) {}

  /**
   * Compiles the `policy` option; throws a TypeError that names the first unknown key or malformed rule.
   * `local` lists this machine's own addresses, which `$private` covers (the platform reads them).
   */
  static from(options: PolicyOptions, local?: LocalAddresses): HostPolicy {
    const shape = "policy must be { rules: [...], listen?: boolean }";
    if (typeof options !== "object" || options === null) throw new TypeError(shape);
    checkOptions(options, POLICY_SCHEMA, "policy");
    if (!Array.isArray(options.rules)) throw new TypeError(shape);
    return new HostPolicy(options.rules.map(compileRule), options.listen ?? false, local);
  }

  /**
   * True when a connection to `address` (what `host` resolved to, or `host` itself
   * when it is an IP literal) on `port` is allowed. An address that does not parse is denied.
   * Name rules match names only, never a literal; a zone id is ignored (the address alone is judged).
   */
  allows(host: string, address: string, port: number): boolean {
    const bytes = parseIp(address);
    if (bytes === undefined) return false;
    const name = host === address ? undefined : hostName(host); // an address that parsed is no name
    const target = { name, address: canonicalIp(bytes), port, local: this.local };
    const decider = this.rules.find((rule) => ruleMatches(rule, target));
    return decider?.allow ?? false;
  }

  /**
   * For a host whose address cannot be known (a web page does not see DNS): the first rule
   * that can decide on the name alone decides; undefined when an address rule comes first.
   */
  allowsName(host: string, port: number): boolean | undefined {
    const name = hostName(host);
    for (const rule of this.rules) {
      const applies = ruleMatchesName(rule, name, port);
      if (applies !== false) return applies === undefined ? undefined : rule.allow;
    }
    return false;
  }
}

/** The error text of a connection the policy refused. */
export function blockedText(host: string): string {
  return `${ERR.blockedByPolicy}: ${host}`;
}

/** The error text of a listener the policy refused. */
export const LISTEN_BLOCKED = `${ERR.blockedByPolicy}: listening is not allowed`;

/**
 * Why a script may not listen on `port` (`LISTEN_BLOCKED`), or undefined when it may: without a
 * policy, or with `listen: true`. `portZeroAllowed` is for UDP, where port 0 is a client's socket.
 */
export function listenRefusal(policy: HostPolicy | undefined, port: number, portZeroAllowed = false): string | undefined {
  if (policy === undefined || policy.listen || (portZeroAllowed && port === 0)) return undefined;
  return LISTEN_BLOCKED;
}
