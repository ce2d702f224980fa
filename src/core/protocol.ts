/**
 * The protocol table's row types. A protocol is a folder (`src/tcp`,
 * `src/http`, `src/ws`, ...) that exports one descriptor: its name (also its
 * feature flag), the handle kinds it opens with the quota each counts against,
 * and how it builds its `net` functions over the core and its lazily loaded
 * backend. Each package entry pairs the descriptors with its platform's
 * backend loaders and defaults. The core and the API layer read these rows
 * and never name a protocol themselves (docs/design.md, "Adding a protocol").
 */
import type { HostPolicy } from "../policy/policy.js";
import type { Lazy } from "./lazy.js";
import type { Limits } from "./limits.js";
import type { NetCore } from "./net-core.js";
import type { Platform } from "./platform.js";

/** Everything a backend factory is given, once, when the backend first loads. */
export interface BackendSettings {
  core: NetCore;
  limits: Limits;
  /** Extra trusted CAs (PEM) for TLS, besides the platform's own. */
  ca: string[];
  /** The host policy, or undefined to allow every connection. */
  policy: HostPolicy | undefined;
  /** The runtime options as the host program gave them, for protocols with options of their own. */
  options: Readonly<Record<string, unknown>>;
}

/** What every protocol backend can do: tear down whatever it still holds. */
export interface Backend {
  /** Destroys every socket, timer or connection the backend still holds; resolves once they are gone. */
  shutdown(): Promise<void>;
}

/** What a protocol's `open` works with in one runtime. */
export interface ProtocolContext<B extends Backend> {
  core: NetCore;
  /** The backend, loaded the first time a call needs it. */
  backend: Lazy<B>;
  platform: Platform;
}

/** What an enabled protocol adds to one runtime. */
export interface ProtocolParts<F extends object, S> {
  /** The functions it puts on `net` (each wrapped so it never throws). */
  functions: F;
  /** What other layers of the runtime use (the Scripter's Rift API uses TCP's and HTTP's). */
  service: S;
  /** Runs when the runtime closes, before the backend shuts down. */
  close?(): void;
}

/** One protocol: the row of the protocol table its folder exports. */
export interface Protocol<Name extends string = string, B extends Backend = Backend, F extends object = object, S = unknown> {
  /** The protocol's name, which is also its key in `options.features`. */
  readonly name: Name;
  /** Each handle kind it opens, with the limit its open handles count against within `maxConnections`; null when it is no connection (listeners, requests). */
  readonly kinds: Readonly<Record<string, keyof Limits | null>>;
  /** What a `net` function returns if it ever throws, by name (undefined for the others). */
  readonly fallbacks?: Readonly<Record<string, unknown>>;
  /** Whether the protocol is on, given its flag, its platform default and the runtime options; throws on options that contradict each other. Default: the flag, else the default. */
  readonly enabled?: (flag: boolean | undefined, byDefault: boolean, options: Readonly<Record<string, unknown>>) => boolean;
  /** Builds what the protocol adds to a runtime where it is on. */
  readonly open: (context: ProtocolContext<B>) => ProtocolParts<F, S>;
}

/** Any protocol, whatever its types. */
export type AnyProtocol = Protocol<string, any, any, any>;

/** The backend type of a protocol. */
export type BackendOf<P> = P extends Protocol<string, infer B, any, any> ? B : never;
/** The service type of a protocol. */
export type ServiceOf<P> = P extends Protocol<string, any, any, infer S> ? S : never;
/** The `net` functions of a protocol. */
export type FunctionsOf<P> = P extends Protocol<string, any, infer F, any> ? F : never;

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? I : never;

/** The `net` functions of every protocol in a table, as one type. */
export type TableFunctions<T extends readonly AnyProtocol[]> = UnionToIntersection<FunctionsOf<T[number]>>;

/** The feature flags of a table: one optional boolean per protocol name. */
export type TableFeatures<T extends readonly AnyProtocol[]> = { [P in T[number] as P["name"]]?: boolean };

/** How one platform offers a protocol: its backend loader there, and whether it is on when no flag says. */
export interface Offer<P extends AnyProtocol> {
  /** On when `features` does not name it. */
  readonly byDefault: boolean;
  /** Imports and creates the backend; runs at most once per runtime. */
  readonly load: (settings: BackendSettings) => Promise<BackendOf<P>>;
}

/** A platform's offers, by protocol name; a protocol left out does not exist on that platform. */
export type PlatformOffers<T extends readonly AnyProtocol[]> = { readonly [P in T[number] as P["name"]]?: Offer<P> };

/** Declares a protocol descriptor, keeping its literal name and types. */
export function defineProtocol<Name extends string, B extends Backend, F extends object, S>(
  protocol: Protocol<Name, B, F, S>,
): Protocol<Name, B, F, S> {
  return protocol;
}
