/**
 * The package entry `tickwire/engine` in a browser (the `browser` export
 * condition): the same `Engine`, with the network of the browser build,
 * realms in hidden iframes, and for TypeScript the compiled scripts a `.pak`
 * made by `tickwire pack` carries (a page has no bundler); Epitaph trees
 * compile in the page as on Node. A page has no disk, so trees are given as
 * objects: `loadPak(url)` fetches and opens one.
 */
import { createNetRuntime } from "../browser.js";
import { decodeImageInBrowser } from "./browser-images.js";
import { createBrowserRealm } from "./browser-realm.js";
import { EngineBase, type EngineConfig, type EnginePlatform } from "./engine.js";
import { epitaphHost } from "./epitaph/host.js";
import { precompiledHost } from "./typescript/precompiled.js";

export * from "./public.js";

const browserPlatform: EnginePlatform = {
  openTree(path) {
    throw new Error(`a page cannot open "${path}": pass a tree, such as await loadPak(url)`);
  },
  createRuntime: createNetRuntime,
  createRealm: createBrowserRealm,
  scriptHosts: [precompiledHost, epitaphHost],
  decodeImage: decodeImageInBrowser,
};

/** A game engine in a page: `new Engine({ runtimeRole: "client" })`, scripts from `await loadPak(url)`. */
export class Engine extends EngineBase {
  constructor(config: EngineConfig) {
    super(config, browserPlatform);
  }
}
