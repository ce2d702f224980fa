/**
 * What both engine entries (Node and browser) export besides their own
 * `Engine` and tree loading: the types, the platform-neutral engine base and
 * the in-memory and `.pak` trees.
 */
export type { EngineConfig, EnginePlatform, StartOptions } from "./engine.js";
export type { LogLevel, LogSink } from "./logger.js";
export type { Assets, Json, Log, RuntimeRole, Sys } from "./modules.js";
export { ENGINE_MODULES, RUNTIME_ROLES } from "./modules.js";
export type { ScriptRealm, RealmFactory } from "./realm.js";
export type { DescribedError } from "./reporter.js";
export type * from "./script-host.js";
export { findScriptHost, ScriptLoadError } from "./script-host.js";
export type { FileTree } from "./tree.js";
export { EngineBase } from "./engine.js";
export { MemoryTree, normalizeKey, treeFromPak } from "./tree.js";
export { loadPak } from "./load-pak.js";
export { precompiledHost, PRECOMPILED_KEY } from "./typescript/precompiled.js";
export { epitaphHost } from "./epitaph/host.js";
