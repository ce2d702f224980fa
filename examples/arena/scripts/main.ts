/**
 * The arena: one script tree for every program of the game. The headless
 * server runs the world; each client plays it: the built-in bot, or a person
 * in the page (`launch.player === "human"`). Which side runs is decided by
 * the runtime role and the launch module the entry program gave its engine.
 */
import * as bot from "./client/bot";
import * as player from "./client/player";
import type { ClientLaunch } from "./launch";
import * as server from "./server/server";

interface Side {
  init(): void;
  tick(dt: number): void;
  draw?(): void;
  shutdown(): void;
}

const human = access("sys").runtime_role() === "client" && (access("launch") as ClientLaunch).player === "human";
const side: Side = access("sys").runtime_role() === "server" ? server : human ? player : bot;

export function init(): void {
  side.init();
}

export function tick(dt: number): void {
  side.tick(dt);
}

export function draw(): void {
  side.draw?.();
}

export function shutdown(): void {
  side.shutdown();
}
