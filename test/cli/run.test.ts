/**
 * `tickwire run` end to end, as a user runs it: a tree packed with
 * `tickwire pack`, a headless server and a client started from the same
 * `.pak` talking over TCP, a folder and its `.pak` behaving the same,
 * `--features` reaching the scripts, errors in async code logged while the
 * process stays up, exit on `--ticks`, `sys.exit`, SIGINT and SIGTERM, and
 * clear messages for a bad command line or a tree that cannot load.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { freePort } from "../helpers/processes.js";
import { cli, startCli } from "../helpers/cli.js";
import { writeTree } from "../helpers/engine.js";

const GAME = `
const net = access("net"), log = access("log"), sys = access("sys"), json = access("json");
const role = sys.runtime_role();
const config = json.decode(access("assets").read_text("config.json") ?? "{}");
let listener = 0, conn = 0, announced = false;
export function init() {
  log.info("role", role, "headless", sys.is_headless());
  if (role === "server") listener = net.tcp_listen(config.port, "127.0.0.1");
  else conn = net.tcp_connect("127.0.0.1", config.port);
}
export function tick() {
  if (role === "server" && !announced && net.local_port(listener)) { announced = true; log.info("listening"); }
  for (let e = net.poll_event(); e; e = net.poll_event()) {
    if (e.type === "accepted") log.info("accepted a client");
    else if (e.type === "connected") net.tcp_send(conn, "hello");
    else if (e.type === "data" && role === "server") { log.info("server got", e.data); net.tcp_send(e.handle, "welcome " + e.data); }
    else if (e.type === "data") { log.info("client got", e.data); sys.exit(0); }
    else if (e.type === "error") log.error(e.data);
  }
}
export function shutdown() { log.info("shutdown", role); }
`;

function tempPak(): string {
  return join(mkdtempSync(join(tmpdir(), "tickwire-cli-")), "scripts.pak");
}

describe("a server and a client from one .pak", () => {
  test("the headless server accepts the client, each logs its side, both exit 0", async () => {
    const pak = tempPak();
    const packed = await cli(["pack", writeTree({ "main.ts": GAME }), "-o", pak]);
    assert.equal(packed.code, 0, packed.stderr);
    assert.match(packed.stdout, /^packed 1 files from .* into .*scripts\.pak \(\d+ bytes\)$/m);
    const assets = writeTree({ "config.json": JSON.stringify({ port: await freePort() }) });
    const server = startCli(["run", pak, "--role", "server", "--headless", "--assets", assets]);
    after(() => server.stop("SIGKILL"));
    await server.line(/\[server:info\] listening/);
    const client = await cli(["run", pak, "--role", "client", "--assets", assets, "--ticks", "1200"]);
    assert.equal(client.code, 0, client.stderr);
    assert.equal(
      client.stdout,
      "[client:info] role client headless false\n[client:info] client got welcome hello\n[client:info] shutdown client\n",
    );
    const ended = await server.stop("SIGTERM");
    assert.equal(ended.code, 0, ended.stderr);
    assert.equal(
      ended.stdout,
      "[server:info] role server headless true\n[server:info] listening\n[server:info] accepted a client\n" +
        "[server:info] server got hello\n[server:info] shutdown server\n",
    );
    assert.equal(ended.stderr, "");
  });

  test("SIGINT runs shutdown() and exits 0", async () => {
    const server = startCli(["run", writeTree({ "main.ts": GAME }), "--role", "server", "--assets", writeTree({ "config.json": '{"port":0}' })]);
    await server.line(/listening/);
    const ended = await server.stop("SIGINT");
    assert.equal(ended.code, 0);
    assert.match(ended.stdout, /\[server:info\] shutdown server\n$/);
  });
});

describe("what the scripts see", () => {
  const PROBE = `
    const net = access("net");
    print("net", ["status", "poll_event", "tcp_connect", "http_get", "ws_connect"].filter((name) => name in net).join(","));
    print("assets", access("assets").list().join(","), access("assets").read_text("a/b.txt"));
    export function tick(dt: number) { print("tick", dt); }
    export function shutdown() { print("role", access("sys").runtime_role(), access("sys").is_headless()); }
  `;

  test("a folder and its .pak run the same, for scripts and for assets", async () => {
    const scripts = writeTree({ "main.ts": PROBE, "unused/notes.txt": "x" });
    const assets = writeTree({ "a/b.txt": "bee", "c.json": "{}" });
    const [scriptsPak, assetsPak] = [tempPak(), tempPak()];
    await cli(["pack", scripts, "-o", scriptsPak]);
    await cli(["pack", assets, "--out", assetsPak]);
    const fromFolders = await cli(["run", scripts, "--role", "client", "--headless", "--assets", assets, "--ticks", "2", "--tick-rate", "20"]);
    const fromPaks = await cli(["run", scriptsPak, "--role", "client", "--headless", "--assets", assetsPak, "--ticks", "2", "--tick-rate", "20"]);
    assert.equal(fromFolders.code, 0, fromFolders.stderr);
    assert.equal(
      fromFolders.stdout,
      "[client] net status,poll_event,tcp_connect,http_get,ws_connect\n[client] assets a/b.txt,c.json bee\n" +
        "[client] tick 0.05\n[client] tick 0.05\n[client] role client true\n",
    );
    assert.deepEqual(fromPaks, fromFolders);
  });

  test("--features installs only the named protocols", async () => {
    const scripts = writeTree({ "main.ts": PROBE });
    const assets = writeTree({ "a/b.txt": "bee" });
    const tcpOnly = await cli(["run", scripts, "--role", "server", "--assets", assets, "--ticks", "0", "--features", "tcp"]);
    assert.match(tcpOnly.stdout, /^\[server\] net status,poll_event,tcp_connect$/m);
    const webOnly = await cli(["run", scripts, "--role", "server", "--assets", assets, "--ticks", "0", "--features", "http,ws"]);
    assert.match(webOnly.stdout, /^\[server\] net status,poll_event,http_get,ws_connect$/m);
    const none = await cli(["run", scripts, "--role", "server", "--assets", assets, "--ticks", "0", "--features", ""]);
    assert.match(none.stdout, /^\[server\] net status,poll_event$/m);
  });
});

describe("settings from the command line", () => {
  const SETTINGS = `
    const net = access("net");
    const launch = access("launch") as unknown as { port: number; name: string };
    const listener = net.tcp_listen(0, "127.0.0.1");
    const blocked = net.tcp_connect("192.0.2.1", 80);
    let errors = 0;
    export function tick() {
      for (let e = net.poll_event(); e; e = net.poll_event()) {
        print(e.handle === listener ? "listener" : e.handle === blocked ? "connect" : "other", e.type, e.data ?? "");
        if (e.type === "error" && ++errors === 2) access("sys").exit(0);
      }
    }
    export function shutdown() { print("launch", launch.name, launch.port, "extra", JSON.stringify(access("extra"))); }
  `;

  test("--policy, --limits and repeated --module reach the network and the scripts", async () => {
    const files = writeTree({
      "policy.json": JSON.stringify({ rules: [{ host: "127.0.0.1", action: "allow" }], listen: false }),
      "limits.json": JSON.stringify({ maxConnections: 3 }),
      "launch.json": JSON.stringify({ port: 7777, name: "arena" }),
      "extra.json": JSON.stringify([1, 2]),
    });
    const scripts = writeTree({ "main.ts": SETTINGS });
    const args = ["run", scripts, "--role", "server", "--ticks", "3000", "--policy", join(files, "policy.json"), "--limits", join(files, "limits.json")];
    const result = await cli([...args, "--module", `launch=${join(files, "launch.json")}`, "--module", `extra=${join(files, "extra.json")}`]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^\[server\] listener error blocked by policy: listening is not allowed$/m);
    assert.match(result.stdout, /^\[server\] connect error blocked by policy: 192\.0\.2\.1$/m);
    assert.match(result.stdout, /^\[server\] launch arena 7777 extra \[1,2\]$/m);
  });

  test("a malformed settings file names the option, the file and the key", async () => {
    const files = writeTree({
      "policy.json": JSON.stringify({ rules: [], lisen: true }),
      "limits.json": JSON.stringify({ maxConection: 1 }),
      "broken.json": "{ nope",
    });
    const scripts = writeTree({ "main.ts": SETTINGS });
    const policy = await cli(["run", scripts, "--role", "server", "--policy", join(files, "policy.json")]);
    assert.equal(policy.code, 2);
    assert.match(policy.stderr, /^tickwire run: --policy .*policy\.json: unknown option "policy\.lisen" \(did you mean "policy\.listen"\?\)\n/);
    const limits = await cli(["run", scripts, "--role", "server", "--limits", join(files, "limits.json")]);
    assert.match(limits.stderr, /--limits .*limits\.json: unknown option "limits\.maxConection" \(did you mean "limits\.maxConnections"\?\)/);
    const broken = await cli(["run", scripts, "--role", "server", "--module", `launch=${join(files, "broken.json")}`]);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /--module: .*broken\.json is not valid JSON/);
  });

  test("a script file given instead of its folder says to give the folder or a .pak, exit 2", async () => {
    const scripts = writeTree({ "main.ts": SETTINGS });
    const result = await cli(["run", join(scripts, "main.ts"), "--role", "server"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, `tickwire run: ${join(scripts, "main.ts")} is a script file: give the folder that holds main.ts (${scripts}), or a .pak\nRun "tickwire run --help" for usage.\n`);
  });

  test("a tree whose top-level code throws prints the load error first and exits 1", async () => {
    const result = await cli(["run", writeTree({ "main.ts": `export function init() { print("init ran"); }\nthrow new Error("no config");\n` }), "--role", "server"]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, "");
    assert.match(result.stderr, /^\[server:error\] script error at load: Error: no config\n {4}at main\.ts:2:7\n\[server:error\] the scripts failed to load/);
  });
});

describe("errors", () => {
  test("errors in promises nothing awaits are logged with mapped stacks; the run goes on and exits 0", async () => {
    const scripts = writeTree({
      "main.ts": `import { fail } from "./lib/fail";
let ticks = 0;
export function tick() {
  ticks++;
  if (ticks === 2) (async () => { await null; fail("floating"); })();
  if (ticks === 3) Promise.resolve().then(() => fail("then"));
}
export function shutdown() { print("still ticking at", ticks); }
`,
      "lib/fail.ts": `export function fail(why: string): never {\n  throw new TypeError(why);\n}\n`,
    });
    const result = await cli(["run", scripts, "--role", "server", "--ticks", "10"]);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, "[server] still ticking at 10\n");
    assert.equal(
      result.stderr,
      "[server:error] script error in async code: TypeError: floating\n    at fail (lib/fail.ts:2:9)\n    at main.ts:5:47\n" +
        "[server:error] script error in async code: TypeError: then\n    at fail (lib/fail.ts:2:9)\n    at main.ts:6:49\n",
    );
  });

  test("an Epitaph tree whose load fails (a module the engine lacks) exits 1 after logging it with file:line", async () => {
    const result = await cli(["run", writeTree({ "main.ep": 'access <log>\naccess <gfx>\nphase tick(dt) { log.info("tick") }\n' }), "--role", "server"]);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stderr, /script error at load: main\.ep:2: access <gfx>: no module "gfx" is installed/);
    assert.doesNotMatch(result.stdout + result.stderr, /tick/);
  });

  test("a tree that cannot load exits 1 with the file and line", async () => {
    const result = await cli(["run", writeTree({ "main.ts": `import fs from "node:fs";\nprint(fs);\n` }), "--role", "server"]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^tickwire run: cannot load the scripts of .*:\n  main\.ts:1:16: "node:fs" is not a file of the script tree/);
    const missing = await cli(["run", "/nonexistent/tree", "--role", "server"]);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, "tickwire run: /nonexistent/tree does not exist: expected a folder or a .pak file\n");
  });

  test("a bad command line exits 2 and points at --help", async () => {
    const cases: [string[], RegExp][] = [
      [["run", "x"], /--role must be one of client, server, offline_singleplayer/],
      [["run", "--role", "server"], /expected exactly one script tree/],
      [["run", "x", "--role", "server", "--ticks", "1.5"], /--ticks must be a whole number, not "1.5"/],
      [["run", "x", "--role", "server", "--tick-rate", "fast"], /--tick-rate must be a positive number/],
      [["run", "x", "--role", "server", "--features", "tcp,quic"], /--features: unknown feature quic \(known: tcp, http, ws, udp, bus\)/],
      [["run", "x", "--role", "server", "--nope"], /^tickwire run: unknown option --nope\nRun "tickwire run --help" for usage\.\n$/],
      [["run", "x", "--role", "server", "--polcy", "p.json"], /^tickwire run: unknown option --polcy \(did you mean --policy\?\)\n/],
      [["run", "x", "--role", "server", "--module", "launch"], /--module takes name=file\.json, not "launch"/],
      [["run", "x", "--role", "server", "--limits", "/nonexistent/limits.json"], /--limits: cannot read \/nonexistent\/limits\.json: ENOENT/],
      [["pack"], /expected exactly one folder to pack/],
      [["fly"], /unknown command "fly"/],
    ];
    for (const [args, expected] of cases) {
      const result = await cli(args);
      assert.equal(result.code, 2, args.join(" "));
      assert.match(result.stderr, expected, args.join(" "));
    }
  });

  test("--help explains every command", async () => {
    const top = await cli(["--help"]);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /tickwire run <scripts dir or \.pak> --role client\|server/);
    const run = await cli(["run", "--help"]);
    for (const option of ["--role", "--headless", "--assets", "--tick-rate", "--ticks", "--features", "--policy", "--limits", "--module"]) {
      assert.ok(run.stdout.includes(option), option);
    }
    const pack = await cli(["pack", "-h"]);
    assert.match(pack.stdout, /Usage: tickwire pack <dir> \[-o <file\.pak>\]/);
  });
});
