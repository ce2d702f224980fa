/**
 * A cluster's front door, in every server process: a small bus node of its
 * own (not the game's runtime, whose events belong to the scripts) that
 * answers `/join` with the owner's address of the room "arena" with the
 * fewest players (`room_list`, then a 307 redirect to that owner's
 * `/status`, with `{ room, node, address }` as the body), and `/rooms`
 * with every room. No shared port, no proxy: the player connects straight
 * to the owner.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { createNetRuntime, type RoomInfo } from "tickwire";

/** A front door over the bus at `url`. */
export interface FrontDoor {
  /** Answers `/join` and `/rooms`; false for any other path. */
  serve(path: string, request: IncomingMessage, response: ServerResponse): boolean;
  close(): Promise<void>;
}

/** Starts a front door node on the bus at `url`. */
export function startFrontDoor(url: string): FrontDoor {
  const runtime = createNetRuntime({ bus: { url, nodeId: `door-${process.pid}`, leaseMs: 1500 } });
  const net = runtime.net;
  const waiting = new Map<number, { response: ServerResponse; join: boolean }>();
  const poll = setInterval(() => {
    for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
      const asked = waiting.get(event.handle);
      if (asked === undefined) continue;
      waiting.delete(event.handle);
      net.close(event.handle);
      const rooms = event.type === "room_list" ? event.data.filter((room) => room.room.startsWith("arena@")) : [];
      answer(asked.response, asked.join, rooms, event.type === "error" ? event.data : undefined);
    }
  }, 5);
  return {
    serve(path, _request, response) {
      if (path !== "/join" && path !== "/rooms") return false;
      waiting.set(net.room_list(), { response, join: path === "/join" });
      return true;
    },
    async close() {
      clearInterval(poll);
      await runtime.close();
    },
  };
}

function answer(response: ServerResponse, join: boolean, rooms: RoomInfo[], error: string | undefined): void {
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    void response.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  if (!join) return json(error === undefined ? 200 : 503, error === undefined ? rooms : { error });
  if (rooms.length === 0) return json(503, { error: error ?? "no room open" });
  const players = (room: RoomInfo) => (room.meta as { players?: number } | null)?.players ?? 0;
  const fewest = Math.min(...rooms.map(players));
  const candidates = rooms.filter((room) => players(room) === fewest);
  const room = candidates[Math.floor(Math.random() * candidates.length)]!;
  json(307, { room: room.room, node: room.node, address: room.address }, { location: room.address });
}
