/**
 * The event records scripts receive from `net.poll_event()` (seed 000's table),
 * as a discriminated union so that checking `type` narrows `data`.
 */

/** A handle's connection was established (TCP or WebSocket client). */
export interface ConnectedEvent { type: "connected"; handle: number }
/** A chunk of TCP text arrived. */
export interface DataEvent { type: "data"; handle: number; data: string }
/** A WebSocket message arrived: text frames as strings, binary frames as bytes. */
export interface MessageEvent { type: "message"; handle: number; data: string | Uint8Array }
/** A listener accepted a client; `data` is the new client's handle. */
export interface AcceptedEvent { type: "accepted"; handle: number; data: number }
/** An HTTP request finished with a response (any status code). */
export interface HttpDoneEvent { type: "http_done"; handle: number }
/** A handle ended in failure; `data` says why. */
export interface ErrorEvent { type: "error"; handle: number; data: string }
/** A connection or listener closed, by either side. WebSocket closes carry `code` and `reason`. */
export interface ClosedEvent { type: "closed"; handle: number; code?: number; reason?: string }

/** A message published on a topic this bus subscription covers: text as published, bytes as a Uint8Array; `from` is the publisher's node id. */
export interface BusMessageEvent { type: "bus_message"; handle: number; data: string | Uint8Array; topic: string; from: string }
/** A bus subscription dropped `data` messages past `busQueueMessages` (one per burst, before its next message). */
export interface BusOverflowEvent { type: "bus_overflow"; handle: number; data: number }
/** One room in the bus directory. */
export interface RoomInfo { room: string; node: string; address: string; meta: unknown }
/** `room_find` found a room. */
export interface RoomFoundEvent { type: "room_found"; handle: number; data: RoomInfo }
/** `room_list` answered with every matching room. */
export interface RoomListEvent { type: "room_list"; handle: number; data: RoomInfo[] }
/** Another bus node came up (handle 0: the runtime itself). */
export interface NodeUpEvent { type: "node_up"; handle: 0; data: string }
/** Another bus node's lease lapsed: its rooms are gone (handle 0). */
export interface NodeDownEvent { type: "node_down"; handle: 0; data: string }
/** A UDP socket received a datagram: text, or bytes on a socket opened with `{ binary: true }`; `from` is "ip:port". */
export interface DatagramEvent { type: "datagram"; handle: number; data: string | Uint8Array; from: string }
/** A UDP socket dropped datagrams; `data` says why ("receive buffer full", "host not found", ...). Not terminal. */
export interface UdpDroppedEvent { type: "udp_dropped"; handle: number; data: string }

/** Any record `net.poll_event()` returns. */
export type NetEvent =
  | ConnectedEvent
  | DataEvent
  | MessageEvent
  | AcceptedEvent
  | HttpDoneEvent
  | ErrorEvent
  | ClosedEvent
  | BusMessageEvent
  | BusOverflowEvent
  | RoomFoundEvent
  | RoomListEvent
  | NodeUpEvent
  | NodeDownEvent
  | DatagramEvent
  | UdpDroppedEvent;

/** The `type` field of every event. */
export type NetEventType = NetEvent["type"];

/** The events whose record carries a payload, taken exactly once by the event or the pull function. */
export type PayloadEventType = "data" | "message" | "accepted" | "datagram" | "bus_message";

/** The events that tell the script something without a payload or an end (such as drops). */
export type NoticeEventType = "udp_dropped" | "bus_overflow" | "node_up" | "node_down";

/** The events that end a handle: exactly one of them per handle. */
export type TerminalEventType = "closed" | "error" | "http_done" | "room_found" | "room_list";
