/**
 * The arena: one script tree for both programs of the game. The headless
 * server runs the world; each client plays it. Which side runs is decided by
 * the runtime role the entry program gave its engine.
 */
import * as bot from "./client/bot";
import * as server from "./server/server";

const side = access("sys").runtime_role() === "server" ? server : bot;

export function init(): void {
  side.init();
}

export function tick(dt: number): void {
  side.tick(dt);
}

export function shutdown(): void {
  side.shutdown();
}
