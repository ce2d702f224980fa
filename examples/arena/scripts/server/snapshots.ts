/**
 * The server's side of the UDP snapshots: one socket; a client that sends
 * `{ t: "watch", id, token }` (its player id and the token of its welcome)
 * gets every tick's state as one datagram from then on, instead of over its
 * reliable link. A datagram that is not a valid watch is ignored.
 */
import type { ServerMessage } from "../shared/protocol";

const net = access("net");
const json = access("json");

/** Where a watching client's datagrams go. */
interface Peer {
  host: string;
  port: number;
}

/** The snapshot socket and the clients watching it, by player id. */
export class SnapshotFanout {
  readonly socket = net.udp_open(0, "127.0.0.1");
  private readonly watchers = new Map<number, Peer>();
  /** Datagrams sent. */
  sent = 0;

  /** Takes a received datagram: a valid watch from player `id` (whose token `tokenOf` gives) starts its feed. */
  receive(data: string | Uint8Array, from: string, tokenOf: (id: number) => number | undefined): void {
    const watch = typeof data === "string" ? (json.decode(data) as { t?: string; id?: number; token?: number } | undefined) : undefined;
    if (watch?.t !== "watch" || typeof watch.id !== "number" || tokenOf(watch.id) !== watch.token) return;
    const at = from.lastIndexOf(":");
    this.watchers.set(watch.id, { host: from.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(from.slice(at + 1)) });
  }

  /** True when player `id` takes its snapshots here. */
  watches(id: number): boolean {
    return this.watchers.has(id);
  }

  /** Sends this tick's state to every watching player. */
  send(state: ServerMessage): void {
    if (this.watchers.size === 0) return;
    const text = json.encode(state) ?? "";
    for (const peer of this.watchers.values()) if (net.udp_send(this.socket, peer.host, peer.port, text) === true) this.sent++;
  }

  /** Stops sending to player `id`. */
  forget(id: number): void {
    this.watchers.delete(id);
  }

  /** The port clients send their watch to, once bound. */
  port(): number {
    return net.local_port(this.socket) ?? 0;
  }
}
