/**
 * A client that plays by itself: it finds the game's ports at the server's
 * HTTP status endpoint (`net.http_get`), connects over TCP or WebSocket,
 * joins, steers towards the nearest coin, measures the round trip with pings,
 * and after its time is up prints what it saw and exits.
 */
import type { ClientLaunch, ServerStatus } from "../launch";
import { Link } from "../shared/link";
import type { ClientMessage, PlayerView, ServerMessage } from "../shared/protocol";
import { loadRules, type Rules } from "../shared/rules";

const net = access("net");
const log = access("log");
const json = access("json");
const sys = access("sys");

/** Ticks between two tries to read the status endpoint. */
const RETRY_TICKS = 30;

let launch: ClientLaunch;
let rules: Rules;
let request = 0;
let retryAt = 0;
let ticks = 0;
let link: Link<ServerMessage, ClientMessage> | undefined;
let me = 0;
let played = 0;
let view: PlayerView | undefined;
let coins: [number, number][] = [];
let reported = false;
const roundTrips: number[] = [];

/** Asks the server's status endpoint where to connect. */
export function init(): void {
  launch = access("launch") as ClientLaunch;
  rules = loadRules();
  request = net.http_get(launch.status_url);
}

/** One client tick. */
export function tick(dt: number): void {
  ticks++;
  if (link === undefined) discover();
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
    if (link === undefined || event.handle !== link.handle) continue;
    if (event.type === "connected") link.send({ t: "join", name: launch.name });
    if (event.type === "data" || event.type === "message") link.receive(event.data).forEach(onMessage);
    if (event.type === "closed" || event.type === "error") {
      log.warn("disconnected", event.type === "error" ? event.data : "");
      return finish();
    }
  }
  if (me === 0 || link === undefined) return;
  played += dt;
  if (ticks % 3 === 0) steer(link);
  if (ticks % rules.pingEveryTicks === 0) link.send({ t: "ping", at: performance.now() });
  if (!sys.is_headless() && ticks % 300 === 0) log.info(`score ${view?.score ?? 0} after ${Math.round(played)} s`);
  if (launch.seconds > 0 && played >= launch.seconds) finish();
}

/** Reports if the run was stopped from outside. */
export function shutdown(): void {
  finish();
}

function discover(): void {
  if (request === 0) {
    if (ticks >= retryAt) request = net.http_get(launch.status_url);
    return;
  }
  const response = net.http_response(request);
  if (response === undefined) return;
  net.close(request);
  request = 0;
  const status = "status" in response && response.status === 200 ? (json.decode(response.body) as ServerStatus) : undefined;
  if (status === undefined || status.tcp_port === 0) {
    retryAt = ticks + RETRY_TICKS;
    return;
  }
  const host = new URL(launch.status_url).hostname;
  const handle = launch.transport === "ws" ? net.ws_connect(`ws://${host}:${status.ws_port}/`) : net.tcp_connect(host, status.tcp_port);
  link = new Link(handle, launch.transport);
}

function onMessage(message: ServerMessage): void {
  if (message.t === "welcome") {
    me = message.id;
    log.info(`joined as player ${me} over ${launch.transport}`);
  } else if (message.t === "state") {
    view = message.players.find((player) => player.id === me);
    coins = message.coins;
  } else if (message.t === "pong") {
    roundTrips.push(performance.now() - message.at);
  } else if (message.t === "bye") {
    finish();
  }
}

/** Heads for the nearest coin. */
function steer(to: Link<ServerMessage, ClientMessage>): void {
  if (view === undefined || coins.length === 0) return;
  const { x, y } = view;
  const distance = (coin: [number, number]) => Math.hypot(coin[0] - x, coin[1] - y);
  const nearest = coins.reduce((best, coin) => (distance(coin) < distance(best) ? coin : best));
  to.send({ t: "input", dx: nearest[0] - x, dy: nearest[1] - y });
}

/** Prints the result line the launcher reads, closes the connection and exits. */
function finish(): void {
  if (reported) return;
  reported = true;
  const traffic = link?.traffic;
  print("result", json.encode({ name: launch.name, transport: launch.transport, score: view?.score ?? 0, ...traffic, roundTrips }));
  link?.close();
  sys.exit(me === 0 ? 1 : 0);
}
