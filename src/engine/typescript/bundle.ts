/**
 * Bundling a TypeScript script tree with esbuild, read from the mounted tree
 * (folder or `.pak` alike, never from the disk around it). The entry may
 * import files of the tree by relative path; a package, a `node:` module, an
 * absolute path or a path that climbs out of the tree fails the build with a
 * message at the importing line. The result is one ES module with a source map.
 */
import * as esbuild from "esbuild";
import { describeBuildFailure } from "../../node/esbuild-errors.js";
import { ScriptLoadError } from "../script-host.js";
import type { FileTree } from "../tree.js";
import type { ScriptBundle } from "./compiled.js";

/** The namespace the tree's files live in while bundling. */
const NAMESPACE = "tree";

const LOADERS: Record<string, esbuild.Loader> = { ts: "ts", mts: "ts", js: "js", mjs: "js", json: "json" };

/** Bundles the tree from `entry`; rejects with a ScriptLoadError listing every problem as "file:line:col: text". */
export async function bundleTree(tree: FileTree, entry: string, outName: string): Promise<ScriptBundle> {
  let result: esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      target: "es2022",
      outfile: outName,
      sourcemap: "external",
      sourcesContent: false,
      metafile: true,
      logLevel: "silent",
      plugins: [treePlugin(tree)],
    });
  } catch (error) {
    throw new ScriptLoadError(tree.source, describeBuildFailure(error, NAMESPACE));
  }
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"))?.text ?? "";
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"))?.text ?? "{}";
  const output = Object.values(result.metafile.outputs).find((out) => out.entryPoint !== undefined);
  return { code, map, exports: output?.exports ?? [] };
}

/** An esbuild plugin that resolves and loads files from the tree only. */
function treePlugin(tree: FileTree): esbuild.Plugin {
  return {
    name: "tickwire-tree",
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === "entry-point") return { path: args.path, namespace: NAMESPACE };
        const resolved = resolveInTree(tree, args.path, args.importer);
        return typeof resolved === "string" ? { path: resolved, namespace: NAMESPACE } : { errors: [{ text: resolved.error }] };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => {
        const contents = tree.read(args.path);
        if (contents === undefined) return { errors: [{ text: `${args.path} is not in the script tree ${tree.source}` }] };
        return { contents, loader: LOADERS[args.path.split(".").pop() ?? ""] ?? "ts" };
      });
    },
  };
}

/** The tree key an import names, or why it cannot be imported. */
function resolveInTree(tree: FileTree, spec: string, importer: string): string | { error: string } {
  if (!spec.startsWith("./") && !spec.startsWith("../")) {
    return { error: `"${spec}" is not a file of the script tree: scripts import only their own files, by relative path ("./other.ts")` };
  }
  const key = joinKey(importer, spec);
  if (key === undefined) return { error: `"${spec}" is outside the script tree: scripts import only files of their own tree` };
  const candidates = [key, `${key}.ts`, `${key}.js`, `${key}/index.ts`, `${key}/index.js`];
  if (/\.m?js$/.test(key)) candidates.splice(1, 0, key.replace(/\.(m?)js$/, ".$1ts"));
  const found = candidates.find((candidate) => tree.has(candidate));
  return found ?? { error: `"${spec}" is not in the script tree (looked for ${candidates.join(", ")})` };
}

/** The key `spec` names relative to the file `importer`, or undefined when it leaves the root. */
function joinKey(importer: string, spec: string): string | undefined {
  const parts = importer.split("/").slice(0, -1);
  for (const part of spec.split("/")) {
    if (part === "..") {
      if (parts.pop() === undefined) return undefined;
    } else if (part !== "." && part !== "") {
      parts.push(part);
    }
  }
  return parts.length === 0 ? undefined : parts.join("/");
}
