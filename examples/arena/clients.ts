/**
 * Starting an arena client engine on Node: the client role, the network
 * installed, the launch module (a `ClientLaunch` of scripts/launch.ts), and
 * the game's scripts and assets mounted. The client program runs one; the
 * server program runs its bots with it.
 */
import { Engine } from "tickwire/engine";

/** Where the game's trees are: folders or `.pak` files. */
export interface Trees {
  scripts: string;
  assets: string;
}

/** Creates, mounts and starts a client engine with `launch` installed; resolves once it ticks. */
export async function startClient(trees: Trees, headless: boolean, launch: object): Promise<Engine> {
  const engine = new Engine({ runtimeRole: "client", headless, sandbox: process.env.TICKWIRE_SANDBOX === "1" });
  engine.installNetwork();
  engine.installModule("launch", launch);
  await engine.mountScripts(trees.scripts);
  await engine.mountAssets(trees.assets);
  await engine.start();
  return engine;
}
