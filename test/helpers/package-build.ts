/**
 * The package as a consumer sees it, for the browser tests: `src/` compiled
 * file by file into a temporary `node_modules/tickwire/dist` next to a copy of
 * `package.json` (so its `exports` map is what resolves), and esbuild bundles
 * of code that imports "tickwire" from there (its dependencies come from the
 * project's own node_modules).
 */
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

let built: Promise<string> | undefined;

/** Compiles the package once per process; resolves to a `node_modules` folder holding `tickwire`. */
export function packageModules(): Promise<string> {
  built ??= (async () => {
    const modules = join(mkdtempSync(join(tmpdir(), "tickwire-pkg-")), "node_modules");
    const home = join(modules, "tickwire");
    mkdirSync(home, { recursive: true });
    copyFileSync(join(ROOT, "package.json"), join(home, "package.json"));
    await esbuild.build({
      entryPoints: [join(ROOT, "src/**/*.ts")],
      outbase: join(ROOT, "src"),
      outdir: join(home, "dist"),
      format: "esm",
      platform: "neutral",
      logLevel: "silent",
    });
    return modules;
  })();
  return built;
}

/** A browser bundle and the files that went into it. */
export interface Bundle {
  code: string;
  inputs: string[];
}

/** Bundles `source` (module code that may import "tickwire") for a page, as a bundler would (for Node, packages stay external). */
export async function bundleForBrowser(source: string, platform: "browser" | "node" = "browser"): Promise<Bundle> {
  const modules = await packageModules();
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: dirname(modules), sourcefile: "page-entry.ts", loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    format: "esm",
    platform,
    external: platform === "node" ? ["undici", "ws", "esbuild"] : [],
    nodePaths: [join(ROOT, "node_modules")],
    logLevel: "silent",
  });
  return { code: result.outputFiles[0].text, inputs: Object.keys(result.metafile.inputs) };
}

/** The path of a file under `test/`, for imports inside bundled sources. */
export function testFile(path: string): string {
  return join(ROOT, "test", path);
}
