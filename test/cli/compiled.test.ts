/**
 * tickwire as a project that depends on it gets it: the package built with
 * its own build configs into a `node_modules/tickwire` of a scratch app (so
 * the repository's dist/ is left alone). From plain `node`, without tsx, the
 * `bin` packs, checks and runs trees (TypeScript and Epitaph) and a program
 * imports `tickwire/engine`; the app's scripts type-check with
 * `"types": ["tickwire/script"]`.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { cli, ROOT } from "../helpers/cli.js";

const run = promisify(execFile);
const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
let app = "";
let bin = "";

const SCRIPT = `const sys = access("sys");
const port: number = access("net").local_port(0) ?? 0;
export function tick(dt: number): void {
  print(sys.runtime_role(), "tick", dt, port);
}
`;

before(async () => {
  mkdirSync(join(ROOT, ".tmp"), { recursive: true });
  app = mkdtempSync(join(ROOT, ".tmp", "app-"));
  const pkg = join(app, "node_modules", "tickwire");
  mkdirSync(pkg, { recursive: true });
  copyFileSync(join(ROOT, "package.json"), join(pkg, "package.json"));
  const build = (config: string, ...flags: string[]) =>
    run(process.execPath, [tsc, "-p", config, "--outDir", join(pkg, "dist"), "--sourceMap", "false", ...flags], { cwd: ROOT, timeout: 180_000 });
  await build("tsconfig.build.json", "--noCheck");
  await build("tsconfig.script.json");
  bin = join(pkg, manifest.bin.tickwire ?? "missing bin");
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  mkdirSync(join(app, "scripts"));
  writeFileSync(join(app, "scripts", "main.ts"), SCRIPT);
});
after(() => rmSync(app, { recursive: true, force: true }));

test("the bin runs on plain node: pack, then run the .pak", async () => {
  assert.match(readFileSync(bin, "utf8"), /^#!\/usr\/bin\/env node\n/);
  const pak = join(app, "game.pak");
  const packed = await cli(["pack", join(app, "scripts"), "-o", pak], [bin]);
  assert.equal(packed.code, 0, packed.stderr);
  const result = await cli(["run", pak, "--role", "client", "--ticks", "2", "--tick-rate", "4"], [bin]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "[client] client tick 0.25 0\n[client] client tick 0.25 0\n");
});

test("the bin checks and runs an Epitaph tree on plain node", async () => {
  const tree = join(app, "ep");
  mkdirSync(tree);
  writeFileSync(join(tree, "main.ep"), "access <sys>\naccess <log>\nphase tick(dt) {\n    log.info(sys.runtime_role(), dt)\n}\n");
  const checked = await cli(["check", tree], [bin]);
  assert.equal(checked.stdout, `${tree} (main.ep): no problems\n`);
  const result = await cli(["run", tree, "--role", "offline_singleplayer", "--ticks", "2", "--tick-rate", "4"], [bin]);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, "[ep:info] :offline_singleplayer 0.25\n[ep:info] :offline_singleplayer 0.25\n");
});

test("a program imports Engine from tickwire/engine", async () => {
  writeFileSync(
    join(app, "server.js"),
    `import { Engine } from "tickwire/engine";
const engine = new Engine({ runtimeRole: "server", headless: true, tickRate: 8 });
engine.installNetwork();
await engine.mountScripts("scripts");
await engine.start({ ticks: 1 });
process.exitCode = await engine.finished;
`,
  );
  const { stdout } = await run(process.execPath, ["server.js"], { cwd: app, timeout: 60_000 });
  assert.equal(stdout, "[server] server tick 0.125 0\n");
});

test('scripts type-check with "types": ["tickwire/script"] and no DOM', async () => {
  writeFileSync(
    join(app, "scripts", "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022", module: "ESNext", moduleResolution: "Bundler", lib: ["ES2022"],
        types: ["tickwire/script"], strict: true, noEmit: true,
      },
    }),
  );
  writeFileSync(join(app, "scripts", "checks.ts"), `// @ts-expect-error no Node globals in scripts\nprocess.exit(1);\nexport {};\n`);
  const result = await run(process.execPath, [tsc, "-p", join(app, "scripts", "tsconfig.json")], { cwd: app }).catch((error) => error);
  assert.equal(result.code ?? 0, 0, `${result.stdout}${result.stderr}`);
});
