/**
 * The headless server: accepts players over TCP and over WebSocket, applies
 * their inputs, simulates the world each tick and sends everyone its state
 * (over UDP to the clients that asked, see snapshots.ts), answers pings at once, and publishes a status record that the server
 * program serves over HTTP.
 */
import type { ServerLaunch, ServerStatus } from "../launch";
import { Link, noTraffic, type Traffic } from "../shared/link";
import type { ClientMessage, ServerMessage } from "../shared/protocol";
import { loadRules, type Rules } from "../shared/rules";
import { clusterEvent, clusterStatus, clusterTick, joinCluster } from "./cluster";
import { SnapshotFanout } from "./snapshots";
import { World } from "./world";

const net = access("net");
const log = access("log");

interface Seat {
  link: Link<ClientMessage, ServerMessage>;
  name: string;
  id: number;
  token: number;
}

let launch: ServerLaunch;
let rules: Rules;
let world: World;
let tcpListener = 0;
let wsListener = 0;
let snapshots: SnapshotFanout;
let ticks = 0;
let playersSeen = 0;
const seats = new Map<number, Seat>();
const closed: Traffic = noTraffic();

/** Opens both listeners. */
export function init(): void {
  launch = access("launch") as ServerLaunch;
  rules = loadRules();
  world = new World(rules);
  tcpListener = net.tcp_listen(launch.tcp_port, "127.0.0.1");
  wsListener = net.ws_listen(launch.ws_port, "127.0.0.1");
  joinCluster();
  snapshots = new SnapshotFanout();
}

/** One server tick: events in, world step, state out. */
export function tick(dt: number): void {
  ticks++;
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
    if (clusterEvent(event)) continue;
    if (event.type === "accepted") {
      const transport = event.handle === tcpListener ? "tcp" : "ws";
      seats.set(event.data, { link: new Link(event.data, transport), name: "", id: 0, token: 0 });
    } else if (event.type === "datagram") {
      snapshots.receive(event.data, event.from, (id) => [...seats.values()].find((seat) => seat.id === id)?.token);
    } else if (event.type === "data" || event.type === "message") {
      const seat = seats.get(event.handle);
      for (const message of seat?.link.receive(event.data) ?? []) handle(seat as Seat, message);
    } else if (event.type === "closed" || event.type === "error") {
      if (event.handle === tcpListener || event.handle === wsListener) log.error("listener stopped:", event.type);
      else drop(event.handle);
    }
  }
  world.step(dt);
  clusterTick(world.view().players.length);
  const state: ServerMessage = { t: "state", tick: ticks, ...world.view() };
  for (const seat of seats.values()) if (seat.id !== 0 && !snapshots.watches(seat.id)) seat.link.send(state);
  snapshots.send(state);
  if (ticks % rules.statusEveryTicks === 0) launch.publish(status());
}

/** Says goodbye to everyone and publishes the final status. */
export function shutdown(): void {
  for (const seat of seats.values()) seat.link.send({ t: "bye" });
  launch.publish(status());
  log.info(`stopped after ${ticks} ticks; ${playersSeen} players played`);
}

function handle(seat: Seat, message: ClientMessage): void {
  if (message.t === "join" && seat.id === 0) {
    seat.name = String(message.name).slice(0, 20);
    seat.id = world.join(seat.name);
    playersSeen++;
    seat.token = Math.floor(Math.random() * 1e9);
    seat.link.send({ t: "welcome", id: seat.id, token: seat.token });
    log.info(`${seat.name} joined over ${seat.link.transport}`);
  } else if (message.t === "input") {
    world.steer(seat.id, Number(message.dx), Number(message.dy));
  } else if (message.t === "ping") {
    seat.link.send({ t: "pong", at: message.at });
  }
}

function drop(handle: number): void {
  const seat = seats.get(handle);
  if (seat === undefined) return;
  seats.delete(handle);
  world.leave(seat.id);
  snapshots.forget(seat.id);
  for (const key of Object.keys(closed) as (keyof Traffic)[]) closed[key] += seat.link.traffic[key];
  net.close(handle);
  if (seat.id !== 0) log.info(`${seat.name} left`);
}

function status(): ServerStatus {
  const traffic = { ...closed };
  for (const seat of seats.values()) {
    for (const key of Object.keys(traffic) as (keyof Traffic)[]) traffic[key] += seat.link.traffic[key];
  }
  return {
    game: "arena",
    tick: ticks,
    tcp_port: net.local_port(tcpListener) ?? 0,
    ws_port: net.local_port(wsListener) ?? 0,
    udp_port: snapshots.port(),
    players: world.view().players.map(({ name, score, x, y }) => ({ name, score, x, y })),
    players_seen: playersSeen,
    cluster: clusterStatus(),
    ...traffic,
  };
}
