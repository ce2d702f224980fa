/**
 * The host policy as far as a web page can apply it. A page never sees the
 * address a name resolves to, so an IP literal is checked as on Node, and a
 * name is decided by the first rule that can judge it by name alone; when an
 * address rule (an IP, a CIDR, `$private`) would be asked first, the
 * connection fails with an error that says so instead of going ahead unchecked.
 */
import { unbracket, urlPort } from "../core/args.js";
import { ERR } from "../core/errors.js";
import { parseIp } from "../policy/ip.js";
import { blockedText, type HostPolicy } from "../policy/policy.js";

/** Why `policy` does not let a page connect to `url`, or undefined when it does (or there is no policy). */
export function policyRefusal(policy: HostPolicy | undefined, url: URL): string | undefined {
  if (policy === undefined) return undefined;
  const host = unbracket(url.hostname);
  const port = urlPort(url);
  const allowed = parseIp(host) !== undefined ? policy.allows(host, host, port) : policy.allowsName(host, port);
  if (allowed === undefined) return `${ERR.notInBrowser}: checking ${host} against an address rule of the policy`;
  return allowed ? undefined : blockedText(host);
}
