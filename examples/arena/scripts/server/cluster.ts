/**
 * The server's part in a cluster (only when its engine has the bus): it opens
 * this process's room "arena" under the node's public address, keeps the
 * room's player count in its meta for the front doors, says hello on the chat
 * topic every two seconds and counts what other processes said, and logs each
 * node that comes up or goes down (a dead node's players rejoin through a
 * front door, which then finds only the live rooms).
 */

const net = access("net");
const log = access("log");

/** What the cluster part reports in the status record. */
export interface ClusterStatus {
  node: string;
  chat_heard: number;
  nodes_down: string[];
}

const on = "room_open" in net;
let room = 0;
let chat = 0;
let ticks = 0;
let heard = 0;
const down: string[] = [];

/** Opens the room and subscribes to the chat, when the bus is on. */
export function joinCluster(): void {
  if (!on) return;
  room = net.room_open("arena", { players: 0 });
  chat = net.bus_sub("arena.chat");
}

/** Handles one bus event; false for events that are not the cluster's. */
export function clusterEvent(event: ReturnType<typeof net.poll_event>): boolean {
  if (!on || event === undefined) return false;
  if (event.type === "bus_message") {
    if (event.from !== net.node_id()) heard++;
  } else if (event.type === "node_up") {
    log.info(`node ${event.data} up`);
  } else if (event.type === "node_down") {
    down.push(event.data);
    log.info(`node ${event.data} down: its rooms are gone, its players rejoin here`);
  } else if (event.type === "connected" && event.handle === room) {
    log.info(`room arena@${net.node_id()} open`);
  } else if (event.type === "error" && (event.handle === chat || event.handle === room)) {
    log.warn("bus:", event.data);
    if (event.handle === chat) chat = 0;
  } else {
    return event.type === "connected" && event.handle === chat;
  }
  return true;
}

/** Once per tick: the room's player count, the chat line, a new subscription after an outage. */
export function clusterTick(players: number): void {
  if (!on) return;
  ticks++;
  if (ticks % 30 === 0) net.room_meta(room, { players });
  if (chat === 0 && net.bus_status() === "connected") chat = net.bus_sub("arena.chat");
  if (ticks % 120 === 0) net.bus_pub("arena.chat", `hello from ${net.node_id()} with ${players} players`);
}

/** The cluster fields of the status record, or undefined without the bus. */
export function clusterStatus(): ClusterStatus | undefined {
  return on ? { node: net.node_id(), chat_heard: heard, nodes_down: down } : undefined;
}
