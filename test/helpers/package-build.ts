/**
 * The package as a consumer sees it: for the browser tests, `src/` compiled
 * file by file into a temporary `node_modules/tickwire/dist` next to a copy of
 * `package.json` (so its `exports` map is what resolves), and esbuild bundles
 * of code that imports "tickwire" from there (its dependencies come from the
 * project's own node_modules); for the package tests, the tarball `npm pack`
 * makes, installed into an empty folder as a user installs it.
 */
import { execFileSync } from "node:child_process";
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
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

/** Runs a program to completion in `cwd` and returns its stdout; throws with its stderr when it fails. */
export function runIn(cwd: string, command: string, args: string[]): string {
  return execFileSync(command, args, { cwd, encoding: "utf8", timeout: 240_000, stdio: ["ignore", "pipe", "pipe"] });
}

/** The packed package (`npm pack`, which builds it first) in `destination`: the tarball's path and its files. */
export function packTarball(destination: string): { tarball: string; files: string[] } {
  const output = whileHoldingPackLock(() => runIn(ROOT, "npm", ["pack", "--json", "--pack-destination", destination]));
  const packed = JSON.parse(output) as { filename: string; files: { path: string }[] }[];
  return { tarball: join(destination, packed[0]!.filename), files: packed[0]!.files.map((file) => file.path) };
}

/** Held while `npm pack` rebuilds `dist/`: test files run in parallel processes, and one pack must not read files another is writing. */
const PACK_LOCK = join(ROOT, "node_modules", ".tickwire-pack-lock");
/** A lock older than this was left by a run that was killed. */
const PACK_LOCK_STALE_MS = 300_000;

/** Runs `work` while holding the pack lock (a directory: `mkdir` is atomic), waiting up to 240 s for it. */
function whileHoldingPackLock<T>(work: () => T): T {
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      mkdirSync(PACK_LOCK);
      break;
    } catch {
      if (Date.now() - lockTakenAt() > PACK_LOCK_STALE_MS) rmSync(PACK_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another npm pack held ${PACK_LOCK} for 240 s`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    return work();
  } finally {
    rmSync(PACK_LOCK, { recursive: true, force: true });
  }
}

/** When the pack lock was taken (now, if it is gone already). */
function lockTakenAt(): number {
  try {
    return statSync(PACK_LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** Installs `packages` (a tarball path, a name@version) into the project at `dir`, from npm's cache where it can. */
export function npmInstall(dir: string, packages: string[], dev = false): void {
  runIn(dir, "npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", ...(dev ? ["--save-dev"] : []), ...packages]);
}
