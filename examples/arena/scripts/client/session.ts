/**
 * A client's side of the game, shared by the bot and the human player: it
 * finds the game's ports at the server's HTTP status endpoint
 * (`net.http_get`), connects over TCP or WebSocket, joins, and keeps the
 * latest state the server sent (over UDP snapshots when the launch asks),
 * with the round trips of its pings.
 */
import type { ClientLaunch, ServerStatus } from "../launch";
import { Link } from "../shared/link";
import type { ClientMessage, PlayerView, ServerMessage } from "../shared/protocol";
import { SnapshotFeed } from "./snapshots";

const net = access("net");
const log = access("log");
const json = access("json");

/** Ticks between two tries to read the status endpoint. */
const RETRY_TICKS = 30;

/** One client's connection to the arena and what it last saw. */
export class Session {
  /** This player's id once the server welcomed it, else 0. */
  me = 0;
  players: PlayerView[] = [];
  coins: [number, number][] = [];
  readonly roundTrips: number[] = [];
  /** How often the connection was found again through the front door. */
  rejoins = 0;
  link: Link<ServerMessage, ClientMessage> | undefined;
  /** The UDP snapshot feed, once joined, when the launch asks for one. */
  feed: SnapshotFeed | undefined;
  private snapshotsAt: { host: string; port: number } | undefined;
  private request = 0;
  private retryAt = 0;
  private ticks = 0;

  /** `onEnd` is called once when the connection ends (closed, failed, or the server said bye). */
  constructor(
    readonly launch: ClientLaunch,
    private readonly onEnd: (why: string) => void,
  ) {
    this.request = net.http_get(launch.status_url);
  }

  /** This player as the server last showed it. */
  get view(): PlayerView | undefined {
    return this.players.find((player) => player.id === this.me);
  }

  /** Finds the server, then takes this tick's events. */
  tick(): void {
    this.ticks++;
    if (this.link === undefined) this.discover();
    this.feed?.tick();
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      if (event.type === "datagram" && event.handle === this.feed?.socket) {
        const state = this.feed.receive(event.data);
        if (state !== undefined) this.onMessage(state);
        continue;
      }
      const link = this.link;
      if (link === undefined || event.handle !== link.handle) continue;
      if (event.type === "connected") link.send({ t: "join", name: this.launch.name });
      if (event.type === "data" || event.type === "message") link.receive(event.data).forEach((m) => this.onMessage(m));
      if (event.type === "closed" || event.type === "error") {
        log.warn("disconnected", event.type === "error" ? event.data : "");
        if (this.launch.rejoin === true) return this.rejoin();
        return this.onEnd(event.type === "error" ? event.data : "the server closed the connection");
      }
    }
  }

  /** Sends a message once joined; false otherwise or when the connection refused it. */
  send(message: ClientMessage): boolean {
    return this.me !== 0 && this.link !== undefined && this.link.send(message);
  }

  /** Closes the connection. */
  close(): void {
    this.link?.close();
    this.feed?.close();
  }

  /** Forgets the lost server and asks the front door again. */
  private rejoin(): void {
    this.link?.close();
    this.link = undefined;
    this.me = 0;
    this.rejoins++;
    this.retryAt = this.ticks + RETRY_TICKS;
  }

  private discover(): void {
    if (this.request === 0) {
      if (this.ticks >= this.retryAt) this.request = net.http_get(this.launch.status_url);
      return;
    }
    const response = net.http_response(this.request);
    if (response === undefined) return;
    net.close(this.request);
    this.request = 0;
    const status = "status" in response && response.status === 200 ? (json.decode(response.body) as ServerStatus) : undefined;
    if (!(status !== undefined && status.tcp_port > 0 && status.ws_port > 0)) {
      this.retryAt = this.ticks + RETRY_TICKS;
      return;
    }
    const host = new URL(this.launch.status_url).hostname;
    if (this.launch.snapshots === "udp") this.snapshotsAt = { host, port: status.udp_port };
    const transport = this.launch.transport;
    const handle = transport === "ws" ? net.ws_connect(`ws://${host}:${status.ws_port}/`) : net.tcp_connect(host, status.tcp_port);
    this.link = new Link(handle, transport);
  }

  private onMessage(message: ServerMessage): void {
    if (message.t === "welcome") {
      this.me = message.id;
      if (this.snapshotsAt !== undefined) this.feed = new SnapshotFeed(this.snapshotsAt.host, this.snapshotsAt.port, { id: message.id, token: message.token });
      log.info(`joined as player ${this.me} over ${this.launch.transport}`);
    } else if (message.t === "state") {
      this.players = message.players;
      this.coins = message.coins;
    } else if (message.t === "pong") {
      this.roundTrips.push(performance.now() - message.at);
    } else if (message.t === "bye") {
      if (this.launch.rejoin === true) return this.rejoin();
      this.onEnd("the server stopped");
    }
  }
}
