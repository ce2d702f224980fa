/**
 * The connector the Node HTTP backend gives undici's `Agent`: undici's own
 * (TLS with extra CAs, session reuse, connect timeout), and with a host policy
 * a check of every new connection, which is how each redirect hop is checked
 * too. The policy needs the port, which `node:net`'s `lookup` hook is not
 * told, so the port of the connection being opened travels to the hook in an
 * AsyncLocalStorage around undici's connect call.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { buildConnector } from "undici";
import { urlPort } from "../core/args.js";
import { blockedError, literalBlocked, policyLookup } from "../node/policy-lookup.js";
import type { HostPolicy } from "../policy/policy.js";

/** undici's connector, checked against `policy` when there is one. */
export function createConnector(
  options: buildConnector.BuildOptions,
  policy: HostPolicy | undefined,
): buildConnector.connector {
  if (policy === undefined) return buildConnector(options);
  const portOfConnect = new AsyncLocalStorage<number>();
  const connect = buildConnector({ ...options, lookup: policyLookup(policy, () => portOfConnect.getStore()) });
  return (target, callback) => {
    const port = urlPort(target);
    if (literalBlocked(policy, target.hostname, port)) {
      queueMicrotask(() => callback(blockedError(target.hostname), null));
      return;
    }
    portOfConnect.run(port, () => connect(target, callback));
  };
}
