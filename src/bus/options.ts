/**
 * The host program's `bus` options (SPEC 13) and the setup errors they can
 * raise: `createNetRuntime` throws for a bus that is on without a usable
 * `redis://` or `nats://` URL, for bus options given with the bus off, and
 * for a malformed option. These are the host's mistakes, never a script's.
 */
import { MAX_NODE_ID, isName } from "./topic.js";

/** Options of the bus: where the broker is and how this node appears to the others. */
export interface BusOptions {
  /** `redis://host:port` or `nats://host:port`. */
  url: string;
  /** Namespace of every key and subject, so several games share one broker (default "tickwire"). */
  prefix?: string;
  /** This node's id (default: a random id fixed for the runtime's life). */
  nodeId?: string;
  /** What `room_find` answers as the address of this node's rooms, such as "ws://10.0.0.5:7001". */
  publicAddress?: string;
  /** How long this node's lease lasts without renewal (default 3000 ms). */
  leaseMs?: number;
  /** How long `room_find` and `room_list` wait for the broker or the owners (default 2000 ms). */
  requestMs?: number;
}

/** The schemes with a driver. */
export type BusScheme = "redis" | "nats";

/** Bus options with every default filled in. */
export interface BusSettings {
  url: URL;
  scheme: BusScheme;
  prefix: string;
  nodeId: string;
  publicAddress: string;
  leaseMs: number;
  requestMs: number;
}

const KEYS = ["url", "prefix", "nodeId", "publicAddress", "leaseMs", "requestMs"];

/** Checks the host program's `bus` options: returns them, or throws naming what is wrong. */
export function checkBusOptions(given: unknown): BusOptions {
  if (typeof given !== "object" || given === null) throw new Error('bus must be an object such as { url: "redis://127.0.0.1:6379" }');
  for (const key of Object.keys(given)) {
    if (!KEYS.includes(key)) throw new Error(`bus: unknown option "${key}" (known: ${KEYS.join(", ")})`);
  }
  busSettings(given as BusOptions);
  return given as BusOptions;
}

/** Whether the bus is on: `bus: { url }` turns it on; throws when `features.bus` and the options disagree. */
export function busEnabled(flag: boolean | undefined, options: BusOptions | undefined): boolean {
  if (flag === false && options !== undefined) throw new Error("bus options were given but features.bus is false");
  if (flag === true && options === undefined) throw new Error("features.bus needs bus: { url } with a redis:// or nats:// URL");
  return options !== undefined;
}

/** Checked bus options with every default filled in (a fresh random node id unless one is given). */
export function busSettings(options: BusOptions): BusSettings {
  return {
    ...parseBusUrl(options.url),
    prefix: text(options.prefix, "prefix", "tickwire", true),
    nodeId: text(options.nodeId, "nodeId", randomNodeId(), true),
    publicAddress: text(options.publicAddress, "publicAddress", "", false),
    leaseMs: duration(options.leaseMs, "leaseMs", 3000),
    requestMs: duration(options.requestMs, "requestMs", 2000),
  };
}

function parseBusUrl(url: unknown): { url: URL; scheme: BusScheme } {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch {
    parsed = undefined;
  }
  const scheme = parsed?.protocol.slice(0, -1);
  if (parsed === undefined || (scheme !== "redis" && scheme !== "nats") || parsed.hostname === "") {
    throw new Error(`bus.url must be redis://host:port or nats://host:port, got ${JSON.stringify(url)}`);
  }
  return { url: parsed, scheme };
}

function text(value: unknown, key: string, fallback: string, asName: boolean): string {
  if (value === undefined) return fallback;
  if (typeof value !== "string") throw new Error(`bus.${key} must be text`);
  if (asName && !isName(value, MAX_NODE_ID)) {
    throw new Error(`bus.${key} must be 1 to ${MAX_NODE_ID} characters of A-Z a-z 0-9 _ - . (dot-separated, no empty part)`);
  }
  return value;
}

function duration(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 50) throw new Error(`bus.${key} must be a number of milliseconds, at least 50`);
  return value;
}

function randomNodeId(): string {
  let id = "n";
  for (let i = 0; i < 10; i++) id += Math.floor(Math.random() * 36).toString(36);
  return id;
}
