/**
 * The `launch` module each entry program installs (`engine.installModule`):
 * the server's ports and its status hook; a client's server address, name,
 * how long to play and who plays. (The page's `screen` and `input` modules
 * are in client/io.ts.)
 */
import type { ClusterStatus } from "./server/cluster";
import type { Traffic } from "./shared/link";

/** What the server program gives the scripts. */
export interface ServerLaunch {
  tcp_port: number;
  ws_port: number;
  /** Hands the current status to the program's HTTP status endpoint. */
  publish(status: ServerStatus): void;
}

/** What a client program gives the scripts. */
export interface ClientLaunch {
  /** The server's HTTP status endpoint, where the game's ports are found. */
  status_url: string;
  transport: "tcp" | "ws";
  name: string;
  /** Play this long, then report and exit; 0 plays until stopped. */
  seconds: number;
  /** Who plays: the built-in bot (the default) or a person, through `screen` and `input`. */
  player?: "bot" | "human";
  /** Find a server again through `status_url` when the connection ends (a cluster's front door), instead of stopping. */
  rejoin?: boolean;
  /** "udp": take the world's snapshots as datagrams (newest wins) instead of over the reliable link. */
  snapshots?: "udp";
}

/** The record the server publishes and its program serves at /status. */
export interface ServerStatus extends Traffic {
  game: "arena";
  tick: number;
  tcp_port: number;
  ws_port: number;
  /** Where clients send their UDP "watch" datagram. */
  udp_port: number;
  players: { name: string; score: number; x: number; y: number }[];
  players_seen: number;
  /** The node, the chat lines heard from other processes, the nodes seen down (with the bus only). */
  cluster: ClusterStatus | undefined;
}
