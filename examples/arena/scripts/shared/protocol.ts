/**
 * What server and clients say to each other: JSON messages, one per
 * WebSocket message or one per line over TCP; and for a client that takes
 * its world snapshots over UDP, one `state` per datagram (client/snapshots.ts).
 */

/** A player as everyone sees it. */
export interface PlayerView {
  id: number;
  name: string;
  x: number;
  y: number;
  score: number;
}

/** Messages a client sends. */
export type ClientMessage =
  | { t: "join"; name: string }
  | { t: "input"; dx: number; dy: number }
  | { t: "ping"; at: number };

/** Messages the server sends. */
export type ServerMessage =
  | { t: "welcome"; id: number; token: number }
  | { t: "state"; tick: number; players: PlayerView[]; coins: [number, number][] }
  | { t: "pong"; at: number }
  | { t: "bye" };
