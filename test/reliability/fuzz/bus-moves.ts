/**
 * The fuzzer's moves over every bus function (SPEC 13): topics, room names
 * and meta drawn mostly well-formed and sometimes not, with each return
 * value checked against what the function may give.
 */
import { ERR } from "../../../src/index.js";
import type { Move } from "./actions.js";
import type { Values } from "./values.js";

const TOPICS: readonly unknown[] = ["chat", "zone.1", "zone.*", "zone.a.b", "", "a..b", ".x", "zone.*.x", "bad topic", "x".repeat(201), 7, null];
const ROOMS: readonly unknown[] = ["arena", "duel", "arena@nowhere", "", "has space", "a@b@c", 3, undefined];
const PUB_RESULTS = new Set<unknown>([true, "invalid topic", ...Object.values(ERR)]);
const BUS_STATUSES = new Set(["connecting", "connected", "error"]);

function topic(values: Values): unknown {
  return values.rng.chance(0.85) ? values.rng.pick(TOPICS.slice(0, 4)) : values.rng.pick(TOPICS);
}

function room(values: Values): unknown {
  return values.rng.chance(0.8) ? values.rng.pick(ROOMS.slice(0, 3)) : values.rng.pick(ROOMS);
}

function meta(values: Values): unknown {
  return values.rng.pick([{ players: values.rng.int(9) }, null, "text", [1, 2], values.garbage(), { big: "x".repeat(70_000) }]);
}

/** Every bus function of `net`. */
export const BUS_MOVES: Move[] = [
  { name: "node_id", weight: 1, run: ({ net }) => (typeof net.node_id() === "string" && net.node_id().length > 0 ? undefined : "node_id returned no text") },
  { name: "bus_status", weight: 1, run: ({ net }) => (BUS_STATUSES.has(net.bus_status()) ? undefined : `bus_status returned ${net.bus_status()}`) },
  { name: "bus_sub", weight: 4, run: ({ net, values, model }) => model.adopt(net.bus_sub(topic(values) as string), "bus_sub") },
  {
    name: "bus_pub",
    weight: 8,
    run: ({ net, values }) => {
      const data = values.rng.chance(0.5) ? values.text() : values.bytes();
      const result = net.bus_pub(topic(values) as string, data as string);
      return PUB_RESULTS.has(result) ? undefined : `bus_pub returned ${JSON.stringify(result)}`;
    },
  },
  { name: "room_open", weight: 2, run: ({ net, values, model }) => model.adopt(net.room_open(room(values) as string, meta(values), values.rng.pick([undefined, "ws://x", 5]) as string), "bus_room") },
  {
    name: "room_meta",
    weight: 2,
    run: ({ net, values }) => {
      const result = net.room_meta(values.handle("bus_room") as number, meta(values));
      return PUB_RESULTS.has(result) ? undefined : `room_meta returned ${JSON.stringify(result)}`;
    },
  },
  { name: "room_find", weight: 2, run: ({ net, values, model }) => model.adopt(net.room_find(room(values) as string), "bus_request") },
  { name: "room_list", weight: 1, run: ({ net, values, model }) => model.adopt(net.room_list(values.rng.chance(0.5) ? undefined : (room(values) as string)), "bus_request") },
];
