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
import type { RuntimeLimits } from "./limits.js";
import type { NetCore } from "./net-core.js";
import type { Platform } from "./platform.js";

/** Everything a backend factory is given, once, when the backend first loads. */
export interface BackendSettings {
  core: NetCore;
  limits: RuntimeLimits;
  /** Extra trusted CAs (PEM) for TLS, besides the platform's own. */
  ca: string[];
  /** The host policy, or undefined to allow every connection. */
  policy: HostPolicy | undefined;
  /** The runtime options as the host program gave them, each protocol's own as its check returned them. */
  options: Readonly<Record<string, unknown>>;
}

/** What every protocol backend can do: tear down whatever it still holds. */
export interface Backend {
  /** Destroys every socket, timer or connection the backend still holds; resolves once they are gone. */
  shutdown(): Promise<void>;
}

/** The one shape of every backend factory: settings in (the core among them), backend out. */
export type BackendFactory<B extends Backend> = (settings: BackendSettings) => B;

/** What a protocol's `open` works with in one runtime. */
export interface ProtocolContext<B extends Backend> {
  core: NetCore;
  /** The backend, loaded the first time a call needs it. */
  backend: Lazy<B>;
  platform: Platform;
  /** The runtime options as checked by the rows (a protocol with options of its own reads them here). */
  options: Readonly<Record<string, unknown>>;
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

/** One protocol: the row of the protocol table its folder exports (declare it with `defineProtocol`). */
export interface Protocol {
  /** The protocol's name, which is also its key in `options.features`. */
  readonly name: string;
  /** Each handle kind it opens, with the limit its open handles count against within `maxConnections`; null when it is no connection (listeners, requests). */
  readonly kinds: Readonly<Record<string, string | null>>;
  /** Defaults of the protocol's own limits, by name; they sit beside the core's in `options.limits` and `runtime.limits`. */
  readonly limits?: Readonly<Record<string, number>>;
  /** Checks of the protocol's own runtime options, by key: each gets the value the host program gave and returns it checked, or throws saying what is wrong. */
  readonly options?: Readonly<Record<string, (given: unknown) => unknown>>;
  /** What a `net` function returns if it ever throws, by name (undefined for the others). */
  readonly fallbacks?: Readonly<Record<string, unknown>>;
  /** Whether the protocol is on, given its flag, its platform default and the checked options; throws on options that contradict each other. Default: the flag, else the default. */
  enabled?(flag: boolean | undefined, byDefault: boolean, options: Readonly<Record<string, unknown>>): boolean;
  /** Builds what the protocol adds to a runtime where it is on (each row names its own backend type). */
  open(context: ProtocolContext<any>): ProtocolParts<object, unknown>;
}

/** The backend type of a protocol. */
export type BackendOf<P> = P extends { open(context: ProtocolContext<infer B>): unknown } ? B : never;
/** The service type of a protocol. */
export type ServiceOf<P> = P extends { open(context: never): { service: infer S } } ? S : never;
/** The `net` functions of a protocol. */
export type FunctionsOf<P> = P extends { open(context: never): { functions: infer F } } ? F : never;

type UnionToIntersection<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? I : never;

/** A table of protocols. */
export type ProtocolList = readonly Protocol[];

/** The `net` functions of every protocol in a table, as one type. */
export type TableFunctions<T extends ProtocolList> = UnionToIntersection<FunctionsOf<T[number]>>;

/** The feature flags of a table: one optional boolean per protocol name. */
export type TableFeatures<T extends ProtocolList> = { [P in T[number] as P["name"]]?: boolean };

/** The protocols' own limits of a table, by name. */
export type TableLimits<T extends ProtocolList> = UnionToIntersection<
  T[number] extends infer P ? (P extends { limits: infer L } ? { [K in keyof L]: number } : {}) : never
>;

/** The protocols' own runtime options of a table, each of the type its check returns. */
export type TableOptions<T extends ProtocolList> = UnionToIntersection<
  T[number] extends infer P
    ? P extends { options: infer O }
      ? { [K in keyof O]?: O[K] extends (given: unknown) => infer V ? V : never }
      : {}
    : never
>;

/** How one platform offers a protocol: its backend loader there, and whether it is on when no flag says. */
export interface Offer<P extends Protocol> {
  /** On when `features` does not name it. */
  readonly byDefault: boolean;
  /** Imports and creates the backend; runs at most once per runtime. */
  readonly load: (settings: BackendSettings) => Promise<BackendOf<P>>;
}

/** A platform's offers, by protocol name; a protocol left out does not exist on that platform. */
export type PlatformOffers<T extends ProtocolList> = { readonly [P in T[number] as P["name"]]?: Offer<P> };

/** Declares a protocol descriptor, keeping its literal name, kinds, limits and types. */
export function defineProtocol<const P extends Protocol>(protocol: P): P {
  return protocol;
}
