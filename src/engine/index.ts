/**
 * The package entry `tickwire/engine` on Node: the `Engine` (one class for the
 * client and the headless server of a game), with folders and `.pak` files
 * read from disk, scripts evaluated in `node:vm` realms and the network made
 * by `createNetRuntime`. Scripts are TypeScript (`main.ts`) or Epitaph
 * (`main.ep`). Also the `.pak` helpers, the script host seam, and the
 * `inspect` option: the live inspector of the engine's network.
 */
import { rule, type SchemaOf } from "../core/options.js";
import { createNetRuntime } from "../index.js";
import { startInspector, type Inspector, type InspectorOptions } from "../inspector/server.js";
import { EngineBase, type EngineConfig, type EnginePlatform, type StartOptions } from "./engine.js";
import { decodeImageOnNode } from "./node-images.js";
import { createNodeRealm } from "./node-realm.js";
import { loadSandbox } from "./sandbox/quickjs-realm.js";
import { openTree } from "./node-tree.js";
import { epitaphHost } from "./epitaph/host.js";
import type { ScriptHost } from "./script-host.js";
import { typeScriptHost } from "./typescript/host.js";

export * from "./public.js";
export type { Inspector, InspectorOptions } from "../inspector/server.js";
export { packTree } from "./pak.js";
export { FolderTree, openTree, writePak } from "./node-tree.js";
export { typeScriptHost } from "./typescript/host.js";
export { packScripts, writeScriptsPak } from "./typescript/pack-scripts.js";
export { bundlePage } from "./page-bundle.js";

/** The script languages a Node engine runs by default, tried in this order: TypeScript, then Epitaph. */
export const defaultScriptHosts: readonly ScriptHost[] = [typeScriptHost, epitaphHost];

const nodePlatform: EnginePlatform = {
  openTree,
  createRuntime: createNetRuntime,
  createRealm: createNodeRealm,
  scriptHosts: defaultScriptHosts,
  decodeImage: decodeImageOnNode,
  configSchema: {
    inspect: rule.either(rule.count, rule.object({ port: rule.count, host: rule.string, title: rule.string } satisfies SchemaOf<InspectorOptions>)),
  } satisfies SchemaOf<Omit<NodeEngineConfig, keyof EngineConfig>>,
  loadSandbox,
};

/** An engine's config on Node. */
export interface NodeEngineConfig extends EngineConfig {
  /** Serve the live inspector of the engine's network while it runs: a port (0 picks one) or the inspector's options. */
  inspect?: number | InspectorOptions;
}

/** A game engine on Node: `new Engine({ runtimeRole: "server", headless: true })`. */
export class Engine extends EngineBase {
  /** The running inspector (with the `inspect` option), from `start()` until the engine has finished. */
  inspector: Inspector | undefined;
  private readonly inspect: InspectorOptions | undefined;

  constructor(config: NodeEngineConfig) {
    super(config, nodePlatform);
    const inspect = config.inspect;
    this.inspect = typeof inspect === "number" ? { port: inspect } : inspect;
  }

  /** Starts the inspector when asked for (it needs `installNetwork()` first), then the engine. */
  override async start(options?: StartOptions): Promise<void> {
    const network = this.network;
    if (this.inspect !== undefined && this.inspector === undefined) {
      if (network === undefined) throw new Error("the inspect option needs the network: call engine.installNetwork() first");
      this.inspector = await startInspector(network, { title: `${this.role} engine`, ...this.inspect });
      void this.finished.then(() => this.inspector?.close());
    }
    await super.start(options);
  }
}
