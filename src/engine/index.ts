/**
 * The package entry `tickwire/engine` on Node: the `Engine` (one class for the
 * client and the headless server of a game), with folders and `.pak` files
 * read from disk, scripts evaluated in `node:vm` realms and the network made
 * by `createNetRuntime`. Also the `.pak` helpers and the script host seam.
 */
import { createNetRuntime } from "../index.js";
import { EngineBase, type EngineConfig, type EnginePlatform } from "./engine.js";
import { createNodeRealm } from "./node-realm.js";
import { openTree } from "./node-tree.js";
import { typeScriptHost } from "./typescript/host.js";

export * from "./public.js";
export { packTree } from "./pak.js";
export { FolderTree, openTree, writePak } from "./node-tree.js";
export { typeScriptHost } from "./typescript/host.js";
export { packScripts, writeScriptsPak } from "./typescript/pack-scripts.js";

const nodePlatform: EnginePlatform = {
  openTree,
  createRuntime: createNetRuntime,
  createRealm: createNodeRealm,
  scriptHosts: [typeScriptHost],
};

/** A game engine on Node: `new Engine({ runtimeRole: "server", headless: true })`. */
export class Engine extends EngineBase {
  constructor(config: EngineConfig) {
    super(config, nodePlatform);
  }
}
