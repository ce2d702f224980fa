/**
 * What a script sees: the engine's globals and the web globals, no Node
 * globals; its imports limited to its own tree; `await Event.OnTick` resuming
 * exactly once per tick; and two engines in one process sharing nothing.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { engineForTest, runScript, writeTree } from "../helpers/engine.js";

describe("globals", () => {
  test("standard and web globals are there, Node's are not", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `
          const g = globalThis as any;
          print("node", ["process", "Buffer", "global", "module", "exports", "__dirname", "setImmediate"].map((n) => typeof g[n]).join(","));
          print("web", [TextEncoder, TextDecoder, URL, URLSearchParams, atob, btoa, structuredClone, queueMicrotask,
            setTimeout, clearTimeout, setInterval, clearInterval, performance.now, crypto.getRandomValues].map((v) => typeof v).join(","));
          print("engine", [access, print, Event, Network, fetch].map((v) => typeof v).join(","));
          const bytes = new TextEncoder().encode("hé");
          print("bytes", bytes instanceof Uint8Array, new TextDecoder().decode(bytes), new URL("/a?b=1", "http://x").searchParams.get("b"));
        `,
      },
      {},
      undefined,
      0,
    );
    await engine.finished;
    assert.deepEqual(lines, [
      "[server] node undefined,undefined,undefined,undefined,undefined,undefined,undefined",
      `[server] web ${Array(14).fill("function").join(",")}`,
      "[server] engine function,function,object,object,function",
      "[server] bytes true hé 1",
    ]);
  });

  test("bytes from the engine and bytes the script makes are of one class", async () => {
    const { engine, lines } = await runScript(
      { "main.ts": `const b = access("assets").read_bytes("a.bin"); print(b instanceof Uint8Array, b.length, new Uint8Array(b).length);` },
      {},
      (e) => void e.mountAssets(writeTree({ "a.bin": "abc" })),
      0,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server] true 3 3"]);
  });
});

describe("Event.OnTick", () => {
  test("resolves once per tick, for every waiter, while tick() runs alongside", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `
          let ticks = 0, a = 0, b = 0;
          export function tick() { ticks++; }
          export function shutdown() { print("ticks", ticks, "a", a, "b", b); }
          (async () => { for (;;) { const dt = await Event.OnTick; if (dt > 0) a++; } })();
          for (;;) { await Event.OnTick; b++; }
        `,
      },
      {},
      undefined,
      30,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server] ticks 30 a 30 b 30"]);
  });
});

describe("isolation", () => {
  test("two engines running the same tree share no script state", async () => {
    const tree = writeTree({
      "main.ts": `
        import { counter, bump } from "./state";
        const role = access("sys").runtime_role();
        const g = globalThis as any;
        export function tick() {
          bump();
          if (role === "server") { g.shared = "set by server"; (Array.prototype as any).polluted = true; }
        }
        export function shutdown() { print(counter(), String(g.shared), String(([] as any).polluted)); }
      `,
      "state.ts": "let n = 0;\nexport const bump = () => { n++; };\nexport const counter = () => n;\n",
    });
    const server = engineForTest({ runtimeRole: "server" });
    const client = engineForTest({ runtimeRole: "client" });
    await Promise.all([server.engine.mountScripts(tree), client.engine.mountScripts(tree)]);
    await server.engine.start({ ticks: 8 });
    await client.engine.start({ ticks: 3 });
    await Promise.all([server.engine.finished, client.engine.finished]);
    assert.deepEqual(server.lines, ["[server] 8 set by server true"]);
    assert.deepEqual(client.lines, ["[client] 3 undefined undefined"]);
    assert.equal(([] as unknown as { polluted?: boolean }).polluted, undefined, "the host's built-ins are untouched");
  });
});

describe("imports", () => {
  test("files of the tree import each other by relative path, with or without extensions", async () => {
    const { engine, lines } = await runScript(
      {
        "main.ts": `import { a } from "./lib/a";\nimport { b } from "./lib/b.js";\nimport data from "./data.json";\nprint(a, b, data.c);`,
        "lib/a.ts": `export const a = "a";`,
        "lib/b.ts": `import { a } from "../lib/a.ts";\nexport const b = a + "b";`,
        "data.json": `{ "c": "c" }`,
      },
      {},
      undefined,
      0,
    );
    await engine.finished;
    assert.deepEqual(lines, ["[server] a ab c"]);
  });

  test("a package, a node: module, an absolute path or a path out of the tree fails at load", async () => {
    const cases: [string, RegExp][] = [
      [`import fs from "node:fs"; print(fs);`, /main\.ts:1:16: "node:fs" is not a file of the script tree: scripts import only their own files, by relative path/],
      [`import ws from "ws"; print(ws);`, /main\.ts:1:16: "ws" is not a file of the script tree/],
      [`import x from "/etc/passwd"; print(x);`, /main\.ts:1:15: "\/etc\/passwd" is not a file of the script tree/],
      [`import { x } from "../outside"; print(x);`, /main\.ts:1:19: "\.\.\/outside" is outside the script tree/],
      [`import { x } from "./sub/../../outside"; print(x);`, /"\.\/sub\/\.\.\/\.\.\/outside" is outside the script tree/],
      [`const m = require("node:child_process");`, /main\.ts:1:19: "node:child_process" is not a file of the script tree/],
      [`import { x } from "./missing"; print(x);`, /"\.\/missing" is not in the script tree \(looked for missing, missing\.ts/],
    ];
    for (const [source, expected] of cases) {
      const { engine } = engineForTest();
      await assert.rejects(engine.mountScripts(writeTree({ "main.ts": source })), expected, source);
    }
  });
});
