/**
 * Assembles a runtime from a platform and the protocol table: resolves the
 * options, creates the core with every protocol's connection quotas, opens
 * each enabled protocol over a backend that loads on first use, and builds the
 * script-facing modules (`net`, `network`) over them. It names no protocol:
 * everything protocol-specific comes from the table's rows.
 */
import { Lazy } from "../core/lazy.js";
import { resolveLimits, type Limits } from "../core/limits.js";
import { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import type {
  AnyProtocol,
  BackendSettings,
  Offer,
  PlatformOffers,
  ProtocolParts,
  ServiceOf,
  TableFeatures,
  TableFunctions,
} from "../core/protocol.js";
import { StatsSampler, type RuntimeStats } from "../core/stats.js";
import { HostPolicy, type PolicyOptions } from "../policy/policy.js";
import { createNet, type NetShared } from "./net.js";
import { createNetwork, type NetworkModule } from "./network.js";

/** Options of `createNetRuntime` for a protocol table `T`. */
export interface RuntimeOptionsOf<T extends readonly AnyProtocol[]> {
  /** Protocols to offer, by name; each defaults to its platform's default (on, where the platform has it). */
  features?: TableFeatures<T>;
  /** Overrides of the default limits. */
  limits?: Partial<Limits>;
  /** Extra CAs (PEM text, or a list) trusted for https: and wss:, besides the built-in ones. */
  tls?: { ca?: string | string[] };
  /** Host rules and listening permission (docs/design.md, "Host policy"); without it every host is allowed. Throws when malformed. */
  policy?: PolicyOptions;
}

/** A runtime whose `net` module has the functions `N`: every handle, the event queue, and the script-facing modules. */
export interface NetRuntimeOf<N> {
  /** The seed 000 `net` module. */
  net: N;
  /** The seed 002 Scripter's Rift module: `Network.Connect` and `fetch`. */
  network: NetworkModule;
  /** The resolved limits in force. */
  limits: Readonly<Limits>;
  /** Closes every handle and resolves when every socket is gone. */
  close(): Promise<void>;
  /** A snapshot of handles, queue and traffic; rates cover the time since the previous call. */
  stats(): RuntimeStats;
  /** The core, for the other script-facing layers of this package. */
  readonly core: NetCore;
}

/** The `net` functions of a table: the shared ones and every protocol's. */
export type NetOf<T extends readonly AnyProtocol[]> = NetShared & TableFunctions<T>;

/** One enabled protocol of a runtime: what it added, and its backend. */
interface Opened {
  parts: ProtocolParts<object, unknown>;
  backend: Lazy<{ shutdown(): Promise<void> }>;
}

/** Builds a runtime on `platform` with the protocols of `table` that `offers` has and the options enable. */
export function buildRuntime<T extends readonly AnyProtocol[]>(
  options: RuntimeOptionsOf<T> | undefined,
  platform: Platform,
  table: T,
  offers: PlatformOffers<T>,
): NetRuntimeOf<NetOf<T>> {
  const limits = resolveLimits(options?.limits);
  const core = new NetCore(limits, connectionQuotas(table));
  const settings = backendSettings(core, options);
  const offered: Readonly<Record<string, Offer<AnyProtocol> | undefined>> = offers;
  const features: Readonly<Record<string, boolean | undefined>> = options?.features ?? {};
  const opened = new Map<AnyProtocol, Opened>();
  for (const protocol of table) {
    const offer = offered[protocol.name];
    if (offer === undefined) continue;
    const flag = features[protocol.name];
    const enabled = protocol.enabled?.(flag, offer.byDefault, settings.options) ?? flag ?? offer.byDefault;
    if (!enabled) continue;
    const backend = new Lazy(() => offer.load(settings));
    opened.set(protocol, { parts: protocol.open({ core, backend, platform }), backend });
  }
  const serviceOf = <P extends AnyProtocol>(protocol: P) => opened.get(protocol)?.parts.service as ServiceOf<P> | undefined;
  const net = createNet(core, [...opened].map(([protocol, { parts }]) => ({ functions: parts.functions, fallbacks: protocol.fallbacks })));
  const sampler = new StatsSampler(core);
  let closing: Promise<void> | undefined;
  return {
    net: net as NetOf<T>,
    network: createNetwork(core, serviceOf, platform),
    limits,
    core,
    stats: () => sampler.sample(),
    close() {
      closing ??= (async () => {
        const handlesEnded = core.shutdown();
        for (const { parts } of opened.values()) parts.close?.();
        const loaded = [...opened.values()].map(({ backend }) => backend.loaded?.shutdown());
        await Promise.all([handlesEnded, ...loaded]);
      })();
      return closing;
    },
  };
}

/** Every connection kind of the table with the limit it counts against. */
function connectionQuotas(table: readonly AnyProtocol[]): Map<string, keyof Limits> {
  const quotas = new Map<string, keyof Limits>();
  for (const protocol of table) {
    for (const [kind, quota] of Object.entries(protocol.kinds)) if (quota !== null) quotas.set(kind, quota);
  }
  return quotas;
}

/** What every backend of the runtime is built with. */
function backendSettings(core: NetCore, options: RuntimeOptionsOf<readonly AnyProtocol[]> | undefined): BackendSettings {
  const given = options?.tls?.ca;
  const ca = typeof given === "string" ? [given] : Array.isArray(given) ? given.filter((c) => typeof c === "string") : [];
  const policy = options?.policy === undefined ? undefined : HostPolicy.from(options.policy);
  return { core, limits: core.limits, ca, policy, options: { ...options } };
}
