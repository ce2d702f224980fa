/**
 * The package entry `tickwire/engine` on Node: the `Engine` (one class for the
 * client and the headless server of a game), with folders and `.pak` files
 * read from disk, scripts evaluated in `node:vm` realms and the network made
 * by `createNetRuntime`. Scripts are TypeScript (`main.ts`) or Epitaph
 * (`main.ep`). Also the `.pak` helpers and the script host seam.
 */
import { createNetRuntime } from "../index.js";
import { EngineBase, type EngineConfig, type EnginePlatform } from "./engine.js";
import { createNodeRealm } from "./node-realm.js";
import { openTree } from "./node-tree.js";
import { epitaphHost } from "./epitaph/host.js";
import type { ScriptHost } from "./script-host.js";
import { typeScriptHost } from "./typescript/host.js";

export type { EngineConfig, EnginePlatform, StartOptions } from "./engine.js";
export type { LogLevel, LogSink } from "./logger.js";
export type { Assets, Json, Log, RuntimeRole, Sys } from "./modules.js";
export { RUNTIME_ROLES } from "./modules.js";
export type { ScriptRealm, RealmFactory } from "./realm.js";
export type { DescribedError } from "./reporter.js";
export type * from "./script-host.js";
export { findScriptHost, ScriptLoadError } from "./script-host.js";
export type { FileTree } from "./tree.js";
export { EngineBase } from "./engine.js";
export { MemoryTree, normalizeKey, treeFromPak } from "./tree.js";
export { packTree } from "./pak.js";
export { FolderTree, openTree, writePak } from "./node-tree.js";
export { typeScriptHost } from "./typescript/host.js";
export { epitaphHost } from "./epitaph/host.js";

/** The script languages a Node engine runs by default, tried in this order: TypeScript, then Epitaph. */
export const defaultScriptHosts: readonly ScriptHost[] = [typeScriptHost, epitaphHost];

const nodePlatform: EnginePlatform = {
  openTree,
  createRuntime: createNetRuntime,
  createRealm: createNodeRealm,
  scriptHosts: defaultScriptHosts,
};

/** A game engine on Node: `new Engine({ runtimeRole: "server", headless: true })`. */
export class Engine extends EngineBase {
  constructor(config: EngineConfig) {
    super(config, nodePlatform);
  }
}
