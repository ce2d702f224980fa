/**
 * Assembles a runtime from a platform: resolves the options, creates the core,
 * wraps each enabled protocol's loader so it loads on first use, and builds
 * the script-facing modules (`net`, `network`) over them.
 */
import { Lazy } from "../core/lazy.js";
import { resolveLimits, type Limits } from "../core/limits.js";
import { NetCore } from "../core/net-core.js";
import { StatsSampler, type RuntimeStats } from "../core/stats.js";
import type { HttpBackend } from "../http/backend.js";
import { HttpClient } from "../http/client.js";
import { HostPolicy, type PolicyOptions } from "../policy/policy.js";
import type { TcpBackend } from "../tcp/backend.js";
import type { UdpBackend } from "../udp/backend.js";
import type { WsBackend } from "../ws/backend.js";
import { createNet, type Net } from "./net.js";
import { createNetwork, type NetworkModule } from "./network.js";
import type { Backends, Platform } from "./platform.js";

/** Which protocols a runtime offers. */
export interface Features {
  tcp?: boolean;
  http?: boolean;
  ws?: boolean;
  udp?: boolean;
}

/** Options of `createNetRuntime`. */
export interface RuntimeOptions {
  /** Protocols to offer; each defaults to true where the platform has it. */
  features?: Features;
  /** Overrides of the default limits. */
  limits?: Partial<Limits>;
  /** Extra CAs (PEM text, or a list) trusted for https: and wss:, besides the built-in ones. */
  tls?: { ca?: string | string[] };
  /** Host rules and listening permission (SPEC 11); without it every host is allowed. Throws when malformed. */
  policy?: PolicyOptions;
}

/** What a backend loader is given. */
export interface BackendSettings {
  core: NetCore;
  limits: Limits;
  ca: string[];
  /** The host policy, or undefined to allow every connection. */
  policy: HostPolicy | undefined;
}

/** A platform's way of loading each protocol backend; a missing loader means the platform lacks it. */
export interface PlatformLoaders extends Platform {
  tcp?: (settings: BackendSettings) => Promise<TcpBackend>;
  http?: (settings: BackendSettings) => Promise<HttpBackend>;
  ws?: (settings: BackendSettings) => Promise<WsBackend>;
  udp?: (settings: BackendSettings) => Promise<UdpBackend>;
}

/** A runtime: every handle, the event queue, and the script-facing modules. */
export interface NetRuntime {
  /** The seed 000 `net` module. */
  net: Net;
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
  /** The shared HTTP client, when HTTP is enabled. */
  readonly http: HttpClient | undefined;
  /** The loaders of the enabled protocols. */
  readonly backends: Backends;
}

/** Builds a runtime on the given platform. */
export function buildRuntime(options: RuntimeOptions | undefined, platform: PlatformLoaders): NetRuntime {
  const limits = resolveLimits(options?.limits);
  const core = new NetCore(limits);
  const given = options?.tls?.ca;
  const ca = typeof given === "string" ? [given] : Array.isArray(given) ? given.filter((c) => typeof c === "string") : [];
  const policy = options?.policy === undefined ? undefined : HostPolicy.from(options.policy);
  const settings: BackendSettings = { core, limits, ca, policy };
  const features = options?.features ?? {};
  const lazy = <T>(enabled: boolean | undefined, load: ((s: BackendSettings) => Promise<T>) | undefined) =>
    enabled !== false && load !== undefined ? new Lazy(() => load(settings)) : undefined;
  const backends: Backends = {
    tcp: lazy(features.tcp, platform.tcp),
    http: lazy(features.http, platform.http),
    ws: lazy(features.ws, platform.ws),
    udp: lazy(features.udp, platform.udp),
  };
  const http = backends.http && new HttpClient(backends.http, limits, core.bandwidth);
  const net = createNet(core, backends, http, platform);
  const sampler = new StatsSampler(core);
  let closing: Promise<void> | undefined;
  return {
    net,
    network: createNetwork(core, backends, http, platform),
    limits,
    core,
    http,
    backends,
    stats: () => sampler.sample(),
    close() {
      closing ??= (async () => {
        const handlesEnded = core.shutdown();
        http?.close();
        const loaded = [backends.tcp?.loaded, backends.http?.loaded, backends.ws?.loaded, backends.udp?.loaded];
        await Promise.all([handlesEnded, ...loaded.map((backend) => backend?.shutdown())]);
      })();
      return closing;
    },
  };
}
