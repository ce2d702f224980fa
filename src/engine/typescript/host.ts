/**
 * The TypeScript script host: a tree whose entry is `main.ts` is bundled once
 * with esbuild when mounted (see `compiled.ts` for how it then runs).
 */
import type { CompiledScript, ScriptHost } from "../script-host.js";
import type { FileTree } from "../tree.js";
import { bundleTree } from "./bundle.js";
import { BUNDLE_NAME, CompiledTypeScript } from "./compiled.js";

/** The host for trees whose entry is `main.ts`. */
export const typeScriptHost: ScriptHost = {
  entry: "main.ts",
  async compile(tree: FileTree): Promise<CompiledScript> {
    return new CompiledTypeScript(await bundleTree(tree, "main.ts", BUNDLE_NAME));
  },
};
