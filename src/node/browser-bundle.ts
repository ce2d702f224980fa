/**
 * Bundling code for a page with esbuild, on Node: one minified ES module,
 * either from an entry file or from a few lines of source. The inspector
 * bundles its page script with it, and `bundlePage` a game's page program.
 */
import * as esbuild from "esbuild";
import { describeBuildFailure } from "./esbuild-errors.js";

/** What to bundle: an entry file, or source text whose imports resolve from `resolveDir`. */
export type BundleSource = { entry: string } | { contents: string; resolveDir: string };

/** Bundles `source` for a browser; rejects with esbuild's messages as "file:line:col: text" lines. */
export async function bundleForBrowser(source: BundleSource, plugins: esbuild.Plugin[] = []): Promise<string> {
  const input =
    "entry" in source
      ? { entryPoints: [source.entry] }
      : { stdin: { contents: source.contents, resolveDir: source.resolveDir, loader: "js" as const } };
  try {
    const result = await esbuild.build({
      ...input,
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      logLevel: "silent",
      plugins,
    });
    return result.outputFiles[0].text;
  } catch (error) {
    throw new Error(`cannot bundle ${"entry" in source ? source.entry : "a page script"} for the browser:\n${describeBuildFailure(error).map((line) => `  ${line}`).join("\n")}`);
  }
}
