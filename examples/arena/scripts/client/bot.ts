/**
 * A client that plays by itself: it joins through a `Session`, steers
 * towards the nearest coin, measures the round trip with pings, and after its
 * time is up prints what it saw and exits.
 */
import type { ClientLaunch } from "../launch";
import { loadRules, type Rules } from "../shared/rules";
import { Session } from "./session";

const log = access("log");
const json = access("json");
const sys = access("sys");

let rules: Rules;
let session: Session;
let ticks = 0;
let played = 0;
let reported = false;

/** Asks the server's status endpoint where to connect. */
export function init(): void {
  rules = loadRules();
  session = new Session(access("launch") as ClientLaunch, finish);
}

/** One client tick. */
export function tick(dt: number): void {
  ticks++;
  session.tick();
  if (session.me === 0 || reported) return;
  played += dt;
  if (ticks % 3 === 0) steer();
  if (ticks % rules.pingEveryTicks === 0) session.send({ t: "ping", at: performance.now() });
  if (!sys.is_headless() && ticks % 300 === 0) log.info(`score ${session.view?.score ?? 0} after ${Math.round(played)} s`);
  if (session.launch.seconds > 0 && played >= session.launch.seconds) finish();
}

/** Reports if the run was stopped from outside. */
export function shutdown(): void {
  finish();
}

/** Heads for the nearest coin. */
function steer(): void {
  const view = session.view;
  if (view === undefined || session.coins.length === 0) return;
  const { x, y } = view;
  const distance = (coin: [number, number]) => Math.hypot(coin[0] - x, coin[1] - y);
  const nearest = session.coins.reduce((best, coin) => (distance(coin) < distance(best) ? coin : best));
  session.send({ t: "input", dx: nearest[0] - x, dy: nearest[1] - y });
}

/** Prints the result line the launcher reads, closes the connection and exits. */
function finish(): void {
  if (reported) return;
  reported = true;
  const { launch, link, roundTrips } = session;
  const result = { name: launch.name, transport: launch.transport, score: session.view?.score ?? 0, ...link?.traffic, roundTrips, udp: session.feed?.report(), rejoins: session.rejoins };
  print("result", json.encode(result));
  session.close();
  sys.exit(session.me === 0 ? 1 : 0);
}
