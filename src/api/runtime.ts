/**
 * Assembles a runtime from a platform and the protocol table: checks each
 * protocol's own options, resolves the limits (the core's and the
 * protocols'), creates the core with every protocol's connection quotas,
 * opens each enabled protocol over a backend that loads on first use, and
 * builds the script-facing modules (`net`, `network`) over them. It names no
 * protocol: everything protocol-specific comes from the table's rows.
 */
import { Lazy } from "../core/lazy.js";
import { DEFAULT_LIMITS, resolveLimits, type Limits, type RuntimeLimits } from "../core/limits.js";
import { NetCore } from "../core/net-core.js";
import type { Platform } from "../core/platform.js";
import type {
  Backend,
  BackendSettings,
  Offer,
  PlatformOffers,
  Protocol,
  ProtocolList,
  ProtocolParts,
  ServiceOf,
  TableFeatures,
  TableFunctions,
  TableLimits,
  TableOptions,
} from "../core/protocol.js";
import { snapshot, type RuntimeStats } from "../core/stats.js";
import { HostPolicy, type PolicyOptions } from "../policy/policy.js";
import { registerCore } from "./internals.js";
import { createNet, type NetShared } from "./net.js";
import { createNetwork, type NetworkModule } from "./network.js";
import { checkRuntimeOptions } from "./runtime-options.js";

/** Options of `createNetRuntime` for a protocol table `T`. */
export type RuntimeOptionsOf<T extends ProtocolList> = TableOptions<T> & {
  /** Protocols to offer, by name; each defaults to its platform's default (on, where the platform has it). */
  features?: TableFeatures<T>;
  /** Overrides of the default limits. */
  limits?: Partial<Limits & TableLimits<T>>;
  /** Extra CAs (PEM text, or a list) trusted for https: and wss:, besides the built-in ones. */
  tls?: { ca?: string | string[] };
  /** Host rules and listening permission (docs/security.md); without it every host is allowed. Throws when malformed. */
  policy?: PolicyOptions;
};

/** The `net` functions of a table: the shared ones and every protocol's. */
export type NetOf<T extends ProtocolList> = NetShared & TableFunctions<T>;

/** A runtime over the protocol table `T`: every handle, the event queue, and the script-facing modules. */
export interface NetRuntimeOf<T extends ProtocolList> {
  /** The seed 000 `net` module. */
  net: NetOf<T>;
  /** The seed 002 Scripter's Rift module: `Network.Connect` and `fetch`. */
  network: NetworkModule;
  /** The resolved limits in force. */
  limits: Readonly<Limits & TableLimits<T>>;
  /** Closes every handle and resolves when every socket is gone. */
  close(): Promise<void>;
  /** A snapshot of handles, queue and traffic; reading it changes nothing. */
  stats(): RuntimeStats;
  /** Writes every send queued this turn now, instead of when the script's synchronous code yields. */
  flush(): void;
}

/** One enabled protocol of a runtime: what it added, and its backend. */
interface Opened {
  parts: ProtocolParts<object, unknown>;
  backend: Lazy<Backend>;
}

/** Builds a runtime on `platform` with the protocols of `table` that `offers` has and the options enable. */
export function buildRuntime<T extends ProtocolList>(
  options: RuntimeOptionsOf<T> | undefined,
  platform: Platform,
  table: T,
  offers: PlatformOffers<T>,
): NetRuntimeOf<T> {
  const limitDefaults = tableLimitDefaults(table);
  checkRuntimeOptions(options, table, limitDefaults);
  const given: Readonly<Record<string, unknown>> = options ?? {};
  const limits = resolveLimits(given.limits, limitDefaults);
  const core = new NetCore(limits, connectionQuotas(table));
  const settings = backendSettings(core, table, given, platform);
  const offered: Readonly<Record<string, Offer<Protocol> | undefined>> = offers;
  const features: Readonly<Record<string, boolean | undefined>> = options?.features ?? {};
  const opened = new Map<Protocol, Opened>();
  for (const protocol of table) {
    const offer = offered[protocol.name];
    if (offer === undefined) continue;
    const flag = features[protocol.name];
    const enabled = protocol.enabled?.(flag, offer.byDefault, settings.options) ?? flag ?? offer.byDefault;
    if (!enabled) continue;
    const backend = new Lazy(() => offer.load(settings));
    opened.set(protocol, { parts: protocol.open({ core, backend, platform, options: settings.options }), backend });
  }
  const serviceOf = <P extends Protocol>(protocol: P) => opened.get(protocol)?.parts.service as ServiceOf<P> | undefined;
  const groups = [...opened].map(([protocol, { parts }]) => ({ functions: parts.functions, fallbacks: protocol.fallbacks }));
  let closing: Promise<void> | undefined;
  const runtime: NetRuntimeOf<T> = {
    net: createNet(core, groups) as NetOf<T>,
    network: createNetwork(core, serviceOf, platform),
    limits: limits as Limits & TableLimits<T>,
    stats: () => snapshot(core),
    flush: () => core.flush(),
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
  registerCore(runtime, core);
  return runtime;
}

/** The core's default limits with each protocol's own. */
export function tableLimitDefaults(table: ProtocolList): RuntimeLimits {
  return Object.assign({}, DEFAULT_LIMITS, ...table.map((protocol) => protocol.limits ?? {}));
}

/** Every connection kind of the table with the limit it counts against. */
function connectionQuotas(table: ProtocolList): Map<string, string> {
  const quotas = new Map<string, string>();
  for (const protocol of table) {
    for (const [kind, quota] of Object.entries(protocol.kinds)) if (quota !== null) quotas.set(kind, quota);
  }
  return quotas;
}

/** What every backend of the runtime is built with; each protocol's own options checked by its row (which may throw). */
function backendSettings(
  core: NetCore,
  table: ProtocolList,
  given: Readonly<Record<string, unknown>>,
  platform: Platform,
): BackendSettings {
  const tls = given.tls as RuntimeOptionsOf<[]>["tls"];
  const ca = typeof tls?.ca === "string" ? [tls.ca] : Array.isArray(tls?.ca) ? tls.ca.filter((c) => typeof c === "string") : [];
  const policy = given.policy === undefined ? undefined : HostPolicy.from(given.policy as PolicyOptions, platform.localAddresses);
  const options: Record<string, unknown> = { ...given };
  for (const protocol of table) {
    for (const [key, check] of Object.entries(protocol.options ?? {})) {
      if (given[key] !== undefined) options[key] = check(given[key]);
    }
  }
  return { core, limits: core.limits, ca, policy, options };
}
