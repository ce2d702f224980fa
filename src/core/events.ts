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
  | DatagramEvent
  | UdpDroppedEvent;

/** The `type` field of every event. */
export type NetEventType = NetEvent["type"];

/** The events whose record carries a payload, taken exactly once by the event or the pull function. */
export type PayloadEventType = "data" | "message" | "accepted" | "datagram";

/** The events that tell the script something without a payload or an end (such as drops). */
export type NoticeEventType = "udp_dropped";

/** The events that end a handle: exactly one of them per handle. */
export type TerminalEventType = "closed" | "error" | "http_done";
