/**
 * The engine's life: config, the phases in order with dt in seconds, exactly
 * N ticks with `ticks`, `sys.exit`, stop running `shutdown()` and closing the
 * network, the engine's own modules, and the clear errors for calls made out
 * of order (mounting twice, installing after start).
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine } from "../../src/engine/index.js";
import { engineForTest, runScript, writeTree } from "../helpers/engine.js";

const PHASES = `
const log = access("log");
let ticks = 0, draws = 0;
export function init() { log.info("init", access("sys").runtime_role(), access("sys").is_headless()); }
export function tick(dt: number) { ticks++; if (ticks <= 2) print("tick", ticks, dt); }
export function draw() { draws++; }
export function shutdown() { log.info("shutdown after", ticks, "ticks,", draws, "draws"); }
`;

describe("phases", () => {
  test("init once, tick(dt) in seconds, draw() with a window, shutdown on stop, lines prefixed with the role", async () => {
    const { engine, lines } = await runScript({ "main.ts": PHASES }, { runtimeRole: "client", headless: false, tickRate: 50 }, undefined, 5);
    assert.equal(await engine.finished, 0);
    assert.deepEqual(lines, [
      "[client:info] init client false",
      "[client] tick 1 0.02",
      "[client] tick 2 0.02",
      "[client:info] shutdown after 5 ticks, 5 draws",
    ]);
    assert.equal(engine.ticks, 5);
  });

  test("start({ ticks }) runs exactly that many ticks, then stops by itself; headless, nothing is drawn", async () => {
    const { engine, lines } = await runScript({ "main.ts": PHASES }, {}, undefined, 12);
    await engine.finished;
    assert.equal(engine.ticks, 12);
    assert.equal(lines.at(-1), "[server:info] shutdown after 12 ticks, 0 draws");
  });

  test("stop() runs shutdown, closes the network, and resolves; calling it again is harmless", async () => {
    const { engine, line } = await runScript(
      {
        "main.ts": `
          const net = access("net");
          let listener = 0;
          export function init() { listener = net.tcp_listen(0, "127.0.0.1"); }
          export function tick() { if (net.local_port(listener)) print("listening"); }
          export function shutdown() { print("status at shutdown", net.status(listener)); }
        `,
      },
      {},
      (e) => e.installNetwork(),
    );
    await line(/listening/);
    await Promise.all([engine.stop(), engine.stop()]);
    assert.ok(await line(/status at shutdown listening/));
    assert.equal(engine.network?.net.status(1), "closed");
  });

  test("sys.exit(code) stops after the current tick with that exit code", async () => {
    const { engine, lines } = await runScript({
      "main.ts": `let n = 0; export function tick() { n++; if (n === 3) access("sys").exit(7); }
                  export function shutdown() { print("ticks", n); }`,
    });
    assert.equal(await engine.finished, 7);
    assert.deepEqual(lines, ["[server] ticks 3"]);
  });

  test("an async shutdown() is awaited before the network closes", async () => {
    const { engine, lines } = await runScript(
      { "main.ts": `export async function shutdown() { await Promise.resolve(); print("after await", access("net").status(1) ?? "none"); }` },
      {},
      (e) => e.installNetwork(),
      1,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server] after await none"]);
  });
});

describe("modules", () => {
  test("log levels, json and print reach the output with the role as prefix", async () => {
    const { engine, entries } = await runScript(
      {
        "main.ts": `
          const log = access("log"), json = access("json");
          log.info("info", 1, true, null, { a: [1, 2] });
          log.warn("warn");
          log.error("error");
          log.debug("debug");
          print("decoded", json.decode('{"x":[1,2]}').x[1], json.decode("not json"), json.encode({ y: "z" }));
          console.log("console.log goes to print");
        `,
      },
      {},
      undefined,
      0,
    );
    await engine.finished;
    assert.deepEqual(entries, [
      { level: "info", line: '[server:info] info 1 true null {"a":[1,2]}' },
      { level: "warn", line: "[server:warn] warn" },
      { level: "error", line: "[server:error] error" },
      { level: "debug", line: "[server:debug] debug" },
      { level: "print", line: '[server] decoded 2 undefined {"y":"z"}' },
      { level: "print", line: "[server] console.log goes to print" },
    ]);
  });

  test("a host program's own module is reached with access(name)", async () => {
    const seen: unknown[] = [];
    const { engine } = await runScript(
      { "main.ts": `access("launch").report({ port: access("launch").port });` },
      {},
      (e) => e.installModule("launch", { port: 7777, report: (value: unknown) => seen.push(value) }),
      0,
    );
    await engine.finished;
    assert.deepEqual(JSON.parse(JSON.stringify(seen)), [{ port: 7777 }]);
  });

  test("access() of a module nobody installed names what is installed", async () => {
    const { line } = await runScript({ "main.ts": `access("gfx");` });
    assert.match(await line(/script error at load/), /access\("gfx"\): no module "gfx" is installed \(installed: json, log, sys\)/);
  });
});

describe("calls out of order", () => {
  test("mountScripts a second time is a clear error", async () => {
    const { engine } = engineForTest();
    const tree = writeTree({ "main.ts": "" });
    await engine.mountScripts(tree);
    await assert.rejects(engine.mountScripts(tree), /mountScripts\(\) was already called: an engine mounts exactly one script tree/);
  });

  test("a second mountScripts while the first is still loading is refused too", async () => {
    const { engine } = engineForTest();
    const tree = writeTree({ "main.ts": "" });
    const first = engine.mountScripts(tree);
    await assert.rejects(engine.mountScripts(tree), /already called/);
    await first;
  });

  test("start needs mounted scripts; installs and mounts after start are refused", async () => {
    const { engine } = engineForTest();
    await assert.rejects(engine.start(), /start\(\) needs a script tree: call and await mountScripts\(path\) first/);
    await engine.mountScripts(writeTree({ "main.ts": "" }));
    await engine.start();
    assert.throws(() => engine.installNetwork(), /installNetwork\(\) must be called before engine.start\(\)/);
    await assert.rejects(engine.mountScripts(writeTree({ "main.ts": "" })), /mountScripts\(\) must be called before engine.start\(\)/);
    await assert.rejects(engine.mountAssets(writeTree({})), /mountAssets\(\) must be called before engine.start\(\)/);
    await assert.rejects(engine.start(), /start\(\) was already called/);
  });

  test("installNetwork twice, a module under a taken name, a bad role and a bad tick rate are clear errors", () => {
    const { engine } = engineForTest();
    engine.installNetwork();
    assert.throws(() => engine.installNetwork(), /installNetwork\(\) was already called/);
    assert.throws(() => new Engine({ runtimeRole: "host" as "server" }), /option "runtimeRole" must be one of "client", "server", "offline_singleplayer"/);
    assert.throws(() => new Engine({ runtimeRole: "server", tickRate: 0 }), /option "tickRate" must be a positive number of ticks per second, at most 1000, not 0/);
    assert.throws(() => engine.installModule("net", {}), /a module named "net" is already installed, or installed by the engine itself/);
    assert.throws(() => engine.installModule("sys", {}), /a module named "sys" is already installed/);
  });

  test("a tree without main.ts, and a path that does not exist, fail the mount", async () => {
    await assert.rejects(engineForTest().engine.mountScripts(writeTree({ "other.ts": "" })), /has no main\.ts or main\.ep at its root/);
    await assert.rejects(engineForTest().engine.mountScripts("/nonexistent/tickwire"), /does not exist: expected a folder or a \.pak file/);
  });
});
