/**
 * The one internal interface both broker drivers implement, and what they
 * report back. A driver owns the broker connection(s), the subscriptions it
 * was asked for, this node's lease and the room directory; the bus
 * (`bus.ts`) owns everything scripts see. A driver only reports (`hooks`)
 * and never touches handles or the event queue.
 */
import type { Backend } from "../core/protocol.js";
import type { BusSettings } from "./options.js";

/** One room in the directory, as `room_found` and `room_list` hand it to scripts. */
export interface RoomRecord {
  room: string;
  node: string;
  address: string;
  meta: unknown;
}

/** One publish: the broker topic and the encoded envelope (a text one as text, to be written as UTF-8). */
export interface Outgoing {
  topic: string;
  payload: string | Uint8Array;
}

/** What a driver reports to the bus. */
export interface DriverHooks {
  /** The broker connection came up (`true`) or was lost (`false`); a loss drops every subscription. */
  connection(up: boolean): void;
  /** A message arrived on subscription `key` (a topic, or a pattern ending in `.*`) for `topic`. */
  message(key: string, topic: string, payload: Uint8Array): void;
  /** Another node's lease appeared (`true`) or lapsed (`false`). */
  node(id: string, up: boolean): void;
  /** This node's open rooms, to register again after an outage or to answer a query. */
  rooms(): RoomRecord[];
}

/** A broker driver (Redis or NATS). */
export interface BusDriver {
  /** Subscribes to `key`; resolves once the broker confirmed it. */
  subscribe(key: string): Promise<void>;
  /** Drops the subscription `key`. */
  unsubscribe(key: string): void;
  /** Sends one turn's publishes together (one pipeline or one write). */
  publish(batch: Outgoing[], bytes: number): void;
  /** Publish bytes handed to the connection and not yet written. */
  pendingBytes(): number;
  /** Adds or replaces this node's room in the directory; resolves once registered. */
  putRoom(record: RoomRecord): Promise<void>;
  /** Removes this node's room from the directory. */
  dropRoom(room: string): void;
  /** Every live node's rooms, or those named `name`, or the room with id `name@node`. */
  findRooms(query: RoomQuery): Promise<RoomRecord[]>;
  /** Gives up the lease and the rooms, and closes the connection(s). */
  close(): Promise<void>;
}

/** A directory lookup: every room, every room of a name, or one room by id. */
export interface RoomQuery {
  name?: string;
  node?: string;
}

/** Makes a driver; it starts connecting at once. */
export type DriverFactory = (settings: BusSettings, hooks: DriverHooks) => BusDriver;

/** The bus's backend: the loaded driver's factory; shutting it down closes every driver it made. */
export interface BusBackend extends Backend {
  createDriver: DriverFactory;
}

/** True when a record answers a query. */
export function matchesQuery(record: RoomRecord, query: RoomQuery): boolean {
  const name = record.room.slice(0, record.room.length - record.node.length - 1);
  return (query.name === undefined || query.name === name) && (query.node === undefined || query.node === record.node);
}
