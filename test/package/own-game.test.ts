/**
 * The README's "Your own game" section, followed step by step in an empty
 * folder with the packed package: its files are written from the README's
 * `file=` blocks and its commands run from its `sh` blocks, in order, so the
 * section cannot drift. `npm i tickwire` installs the tarball; `--types`
 * first says in one line that typescript is missing, then passes once it is
 * installed; the server runs in the background (stopped by PID) on a free
 * port written into settings.json; the client gets its welcome and exits 0;
 * then the packed game runs in a page in Chromium against the same server.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import { after, test } from "node:test";
import { launchChromium, listenOnLoopback } from "../helpers/chromium.js";
import { ROOT } from "../helpers/cli.js";
import { npmInstall, packTarball } from "../helpers/package-build.js";
import { pollUntil } from "../helpers/poll.js";
import { freePort } from "../helpers/processes.js";

/** One step of the section: a file to write, or a command line to run. */
type Step = { file: string; text: string } | { command: string };

/** The steps of the README's "Your own game" section, in order. */
function readmeSteps(): Step[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("\n## Your own game\n");
  assert.ok(start >= 0, 'README.md has a "Your own game" section');
  const section = readme.slice(start + 1, readme.indexOf("\n## ", start + 1));
  const steps: Step[] = [];
  for (const block of section.matchAll(/```(\w*)(?: file=(\S+))?\n([\s\S]*?)```/g)) {
    const [, lang, file, text = ""] = block;
    if (file !== undefined) steps.push({ file, text });
    else if (lang === "sh") steps.push(...text.split("\n").filter((line) => line.trim() !== "").map((command) => ({ command: command.trim() })));
  }
  return steps;
}

/** A finished command: its exit code and output. */
interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(dir: string, command: string, args: string[]): Ran {
  const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", timeout: 240_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function ok(ran: Ran, what: string): Ran {
  assert.equal(ran.code, 0, `${what} exited ${ran.code}:\n${ran.stdout}\n${ran.stderr}`);
  return ran;
}

const CONTENT_TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json" };

test("the README's own-game section works from an empty folder with the packed package", { timeout: 900_000 }, async () => {
  const steps = readmeSteps();
  const dir = mkdtempSync(join(tmpdir(), "tickwire-own-game-"));
  const { tarball } = packTarball(mkdtempSync(join(tmpdir(), "tickwire-tarball-")));
  const typescript = (JSON.parse(readFileSync(join(ROOT, "node_modules/typescript/package.json"), "utf8")) as { version: string }).version;
  const bin = (name: string) => join(dir, "node_modules", ".bin", name);
  let server: ReturnType<typeof spawn> | undefined;
  let serverOutput = "";
  after(() => void server?.kill("SIGKILL"));
  const gamePort = await freePort();

  for (const step of steps) {
    if ("file" in step) {
      const text = step.file === "settings.json" ? JSON.stringify({ ...JSON.parse(step.text), port: gamePort }) : step.text;
      mkdirSync(dirname(join(dir, step.file)), { recursive: true });
      writeFileSync(join(dir, step.file), text);
      continue;
    }
    const [program, ...args] = step.command.split(/\s+/);
    if (step.command === "npm init -y") ok(run(dir, "npm", ["init", "-y"]), step.command);
    else if (step.command === "npm i tickwire") npmInstall(dir, [tarball]);
    else if (step.command === "npm i -D typescript") {
      const missing = run(dir, bin("tickwire"), ["check", "--types", "scripts"]);
      assert.equal(missing.code, 1);
      assert.equal(missing.stderr, "tickwire check: tickwire check --types needs the typescript package: npm i -D typescript\n");
      npmInstall(dir, [`typescript@${typescript}`], true);
    } else if (program === "npx" && args[1] === "run" && args.includes("server")) {
      server = spawn(bin(args[0] as string), args.slice(1), { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
      server.stdout?.on("data", (chunk) => (serverOutput += chunk));
      server.stderr?.on("data", (chunk) => (serverOutput += chunk));
      await pollUntil(() => serverOutput.includes(`listening on ${gamePort}`), { timeoutMs: 60_000, what: `the README's server to listen:\n${serverOutput}` });
    } else if (program === "npx" && args[1] === "run") {
      const client = ok(run(dir, bin(args[0] as string), args.slice(1)), step.command);
      assert.equal(client.stdout, "[client] welcome, player one\n");
    } else if (program === "npx") {
      const ran = ok(run(dir, bin(args[0] as string), args.slice(1)), step.command);
      if (args[0] === "tickwire" && args[1] === "check") assert.match(ran.stdout, /scripts \(main\.ts\): no problems/);
    } else assert.fail(`the README's own-game section has a command this test does not know: ${step.command}`);
  }
  assert.ok(server !== undefined, "the section starts a server");

  const files = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://page").pathname;
    const file = path === "/" ? "index.html" : path;
    try {
      const body = readFileSync(join(dir, file));
      response.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  const site = await listenOnLoopback(files);
  const chromium = await launchChromium();
  try {
    const page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${site.origin}/`);
    const log = () => page.evaluate(() => document.getElementById("log")?.textContent ?? "");
    await pollUntil(async () => (await log()).includes("welcome, player one"), { timeoutMs: 30_000, what: `the page's welcome (${problems.join("; ")})` });
    assert.equal(await log(), "[client] welcome, player one\n");
  } finally {
    await chromium.close();
    await site.close();
  }
  server.kill("SIGTERM");
  await pollUntil(() => server?.exitCode !== null, { timeoutMs: 30_000, what: "the README's server to stop on SIGTERM" });
  assert.equal(server.exitCode, 0, serverOutput);
});
