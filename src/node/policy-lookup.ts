/**
 * The host policy on Node's sockets. A `lookup` hook for `node:net` resolves a
 * name once, drops every address the policy forbids and hands the rest to the
 * socket, so the check is made on the addresses actually connected to, with no
 * second lookup that could answer differently (DNS rebinding). IP literals
 * never reach a `lookup` hook (`node:net` connects to them directly), so they
 * are checked here too, with the same test `node:net` uses to skip the hook.
 */
import * as dns from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import type { HostPolicy } from "../policy/policy.js";
import { blockedText } from "../policy/policy.js";

/** The error a refused connection fails with; its message is the text the script sees. */
export function blockedError(host: string): Error {
  return Object.assign(new Error(blockedText(host)), { code: "ERR_TICKWIRE_BLOCKED" });
}

/** True when `host` is an IP literal (which `node:net` connects to without `lookup`) that the policy forbids on `port`. */
export function literalBlocked(policy: HostPolicy, host: string, port: number): boolean {
  return isIP(host) !== 0 && !policy.allows(host, host, port);
}

/**
 * A `lookup` hook that resolves like `dns.lookup` and keeps only the addresses
 * the policy allows for the port `portOf()` names (none when it names none).
 */
export function policyLookup(policy: HostPolicy, portOf: () => number | undefined): LookupFunction {
  return (hostname, options, callback) => {
    const port = portOf();
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error !== null) return callback(error, []);
      const allowed = port === undefined ? [] : addresses.filter((entry) => policy.allows(hostname, entry.address, port));
      if (allowed.length === 0) return callback(blockedError(hostname), []);
      if (options.all === true) return callback(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}
