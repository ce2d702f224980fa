/**
 * The bus functions of the `net` module (SPEC 13): this node's id and the
 * broker's status, subscriptions and publishes on topics, and rooms in the
 * directory with their lookups. Checks the script's arguments and hands the
 * rest to the runtime's `Bus`.
 */
import { toBytes } from "../core/args.js";
import { ERR } from "../core/errors.js";
import type { NetCore } from "../core/net-core.js";
import { failedHandle, handleOf } from "../core/start.js";
import type { Bus, BusStatus } from "./bus.js";
import { isName, isSubscription, isTopic } from "./topic.js";

/** The bus part of `net`, present only with `features.bus`. */
export interface NetBus {
  /** This runtime's node id. */
  node_id(): string;
  /** "connecting", "connected", or "error" while the broker is unreachable. */
  bus_status(): BusStatus;
  /** Subscribes to a topic (or `prefix.*`); returns its handle at once. */
  bus_sub(topic: string): number;
  /** Publishes text or bytes; true once queued for this turn's send, or an error text. */
  bus_pub(topic: string, data: string | Uint8Array | ArrayBuffer): true | string;
  /** Registers the room `name@nodeId` with its meta and address; returns its handle at once. */
  room_open(name: string, meta?: unknown, address?: string): number;
  /** Replaces an open room's meta; true, or an error text. */
  room_meta(handle: number, meta: unknown): true | string;
  /** Finds a room by name (one at random) or by id; a request handle answered by "room_found" or "error". */
  room_find(nameOrId: string): number;
  /** Lists every room, or those of one name; a request handle answered by "room_list". */
  room_list(name?: string): number;
}

/** The meta as a JSON copy, or undefined when it is no JSON value or too large. */
function jsonCopy(bus: Bus, meta: unknown, limit: number): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(meta ?? null);
  } catch {
    return undefined;
  }
  return text === undefined || bus.bytesOf(text) > limit ? undefined : JSON.parse(text);
}

/** Builds the bus functions of `net` over one core and bus. */
export function netBus(core: NetCore, bus: Bus): NetBus {
  const request = (query: { name?: string; node?: string } | undefined, pick: boolean) => {
    if (query === undefined) return failedHandle(core, "bus_request", ERR.invalidRoom).id;
    const handle = core.open("bus_request", "pending");
    bus.request(handle, query, pick);
    return handle.id;
  };
  return {
    node_id: () => bus.settings.nodeId,
    bus_status: () => bus.status,
    bus_sub(topic) {
      if (!isSubscription(topic)) return failedHandle(core, "bus_sub", ERR.invalidTopic).id;
      if (bus.status === "error") return failedHandle(core, "bus_sub", ERR.notConnected).id;
      const handle = core.open("bus_sub", "connecting");
      bus.subscribe(handle, topic);
      return handle.id;
    },
    bus_pub(topic, data) {
      if (!isTopic(topic)) return ERR.invalidTopic;
      const payload = typeof data === "string" ? data : toBytes(data);
      if (payload === undefined) return ERR.invalidData;
      return bus.publish(topic, payload);
    },
    room_open(name, meta, address) {
      const copy = jsonCopy(bus, meta, core.limits.busMessageBytes);
      const problem = !isName(name) ? ERR.invalidRoom : copy === undefined || (address !== undefined && typeof address !== "string") ? ERR.invalidData : undefined;
      if (problem !== undefined) return failedHandle(core, "bus_room", problem).id;
      const handle = core.open("bus_room", "connecting");
      bus.openRoom(handle, name, copy, address ?? bus.settings.publicAddress);
      return handle.id;
    },
    room_meta(id, meta) {
      const handle = handleOf(core, id, "bus_room");
      if (handle === undefined || handle.finished) return ERR.unknownHandle;
      const copy = jsonCopy(bus, meta, core.limits.busMessageBytes);
      if (copy === undefined) return ERR.invalidData;
      bus.setMeta(handle, copy);
      return true;
    },
    room_find(nameOrId) {
      if (typeof nameOrId !== "string") return request(undefined, true);
      const at = nameOrId.lastIndexOf("@");
      const [name, node] = at < 0 ? [nameOrId, undefined] : [nameOrId.slice(0, at), nameOrId.slice(at + 1)];
      return request(isName(name) && (node === undefined || isName(node)) ? { name, node } : undefined, true);
    },
    room_list(name) {
      return request(name === undefined ? {} : isName(name) ? { name } : undefined, false);
    },
  };
}
