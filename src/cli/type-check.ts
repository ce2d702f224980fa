/**
 * `tickwire check --types`: type-checks a TypeScript script folder with the
 * `typescript` package the game installed (`npm i -D typescript`), using the
 * folder's own `tsconfig.json` when it has one, else the settings the README
 * gives (ES2022, strict, no DOM, the `tickwire/script` globals). Returns
 * each problem as `file:line:col: message`, files relative to the folder.
 * Without `typescript` it says so in one line.
 */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";

/** What a type check found: problems (empty when clean), or that typescript is not installed. */
export type TypeCheckResult = { problems: string[] } | { missing: string };

/** The one-line message when typescript cannot be loaded. */
export const TYPESCRIPT_MISSING = "tickwire check --types needs the typescript package: npm i -D typescript";

/** The compiler options the README gives for a scripts folder without a tsconfig.json. */
const README_SETTINGS = {
  target: "ES2022",
  module: "ESNext",
  moduleResolution: "Bundler",
  lib: ["ES2022"],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
};

/** Type-checks the scripts folder `dir`. */
export async function typeCheck(dir: string): Promise<TypeCheckResult> {
  const ts = await loadTypeScript(dir);
  if (ts === undefined) return { missing: TYPESCRIPT_MISSING };
  const configPath = join(dir, "tsconfig.json");
  const parsed = existsSync(configPath) ? parseConfig(ts, configPath) : defaultConfig(ts, dir);
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } });
  const diagnostics = [...parsed.errors, ...ts.getPreEmitDiagnostics(program)];
  return { problems: diagnostics.map((diagnostic) => describe(ts, diagnostic, dir)) };
}

/** typescript as the game installed it (resolved from the folder), else as this package sees it; undefined when absent. */
async function loadTypeScript(dir: string): Promise<typeof TypeScript | undefined> {
  for (const from of [join(dir, "noop.js"), fileURLToPath(import.meta.url)]) {
    try {
      const path = createRequire(from).resolve("typescript");
      const loaded = (await import(pathToFileURL(path).href)) as { default?: typeof TypeScript } & typeof TypeScript;
      return loaded.default ?? loaded;
    } catch {
      // not installed where `from` looks; try the next place
    }
  }
  return undefined;
}

function parseConfig(ts: typeof TypeScript, configPath: string): TypeScript.ParsedCommandLine {
  const errors: TypeScript.Diagnostic[] = [];
  const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (diagnostic: TypeScript.Diagnostic) => void errors.push(diagnostic) };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, host);
  return parsed === undefined ? { options: {}, fileNames: [], errors } : parsed;
}

/** The README's settings over every .ts file of the folder, with the script globals of this package. */
function defaultConfig(ts: typeof TypeScript, dir: string): TypeScript.ParsedCommandLine {
  const parsed = ts.convertCompilerOptionsFromJson(README_SETTINGS, dir);
  return { options: parsed.options, fileNames: [...tsFiles(dir), scriptTypings()], errors: parsed.errors };
}

/** The `tickwire/script` typings: the built declaration file, or the source when run from source. */
function scriptTypings(): string {
  const built = fileURLToPath(new URL("../script/index.d.ts", import.meta.url));
  return existsSync(built) ? built : fileURLToPath(new URL("../script/index.ts", import.meta.url));
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.m?ts$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(dir, path).split(/[\\/]/).includes("node_modules"));
}

function describe(ts: typeof TypeScript, diagnostic: TypeScript.Diagnostic, dir: string): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
  if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(dir, diagnostic.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
}
