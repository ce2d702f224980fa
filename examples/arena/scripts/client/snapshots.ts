/**
 * World snapshots over UDP for one client, as a real-time game takes its
 * state: the server sends one datagram per tick, numbered by its tick; the
 * newest wins, a late one (a number not above the newest) is ignored, and a
 * lost one is simply never waited for. Joining, inputs and scoring stay on
 * the reliable link. Until the first snapshot arrives, the client repeats
 * its "watch" datagram (which may itself be lost).
 */
import type { ServerMessage } from "../shared/protocol";

const net = access("net");
const json = access("json");

/** Ticks between two "watch" datagrams until the first snapshot arrives. */
const WATCH_EVERY_TICKS = 15;

/** What a client counted of its snapshots. */
export interface SnapshotReport {
  /** Snapshots received. */
  datagrams: number;
  /** Numbers never received between the first and the newest. */
  lost: number;
  /** Received after a newer one, and ignored. */
  late: number;
}

/** One client's UDP snapshot feed from the server. */
export class SnapshotFeed {
  readonly socket = net.udp_open(0, "127.0.0.1");
  private first = 0;
  private newest = 0;
  private received = 0;
  private late = 0;
  private ticks = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly watch: { id: number; token: number },
  ) {}

  /** Asks the server for snapshots until one has come. */
  tick(): void {
    if (this.newest === 0 && this.ticks++ % WATCH_EVERY_TICKS === 0 && net.status(this.socket) === "listening") {
      net.udp_send(this.socket, this.host, this.port, json.encode({ t: "watch", ...this.watch }) ?? "");
    }
  }

  /** The state in a snapshot datagram when it is the newest yet, else undefined. */
  receive(data: string | Uint8Array): Extract<ServerMessage, { t: "state" }> | undefined {
    const state = typeof data === "string" ? (json.decode(data) as ServerMessage | undefined) : undefined;
    if (state?.t !== "state") return undefined;
    this.received++;
    if (state.tick <= this.newest) {
      this.late++;
      return undefined;
    }
    if (this.first === 0) this.first = state.tick;
    this.newest = state.tick;
    return state;
  }

  /** What the feed counted. */
  report(): SnapshotReport {
    const expected = this.newest === 0 ? 0 : this.newest - this.first + 1;
    return { datagrams: this.received, lost: Math.max(0, expected - (this.received - this.late)), late: this.late };
  }

  /** Closes the socket. */
  close(): void {
    net.udp_close(this.socket);
  }
}
