/**
 * The engine checks its config and `installNetwork`'s two arguments when
 * given (SPEC 1): a misspelt key or a wrong type throws at once naming it and
 * the closest known key, and a runtime option passed where the features go
 * (`installNetwork({ policy })`) is told where it belongs.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Engine } from "../../src/engine/index.js";
import { engineForTest, writeTree } from "../helpers/engine.js";

describe("engine config", () => {
  test("a misspelt or mistyped config key throws naming the closest known key", () => {
    assert.throws(() => new Engine({ runtimeRole: "server", tickrate: 30 } as never), { name: "TypeError", message: 'unknown option "tickrate" (did you mean "tickRate"?)' });
    assert.throws(() => new Engine({ runtimeRole: "server", headless: "yes" } as never), { message: 'option "headless" must be true or false, not "yes"' });
    assert.throws(() => new Engine({ headless: true } as never), { message: 'option "runtimeRole" is required: one of "client", "server", "offline_singleplayer"' });
    assert.throws(() => new Engine({ runtimeRole: "host" } as never), { message: 'option "runtimeRole" must be one of "client", "server", "offline_singleplayer", not "host"' });
  });

  test("the Node engine's own inspect option is known and checked", () => {
    assert.throws(() => new Engine({ runtimeRole: "server", inspect: { prot: 0 } } as never), { message: 'unknown option "inspect.prot" (did you mean "inspect.port"?)' });
    assert.throws(() => new Engine({ runtimeRole: "server", inspect: "yes" } as never), { message: 'option "inspect" must be a non-negative number or an object, not "yes"' });
  });
});

describe("start options", () => {
  test("a misspelt start option throws naming the closest known one", async () => {
    const { engine } = engineForTest();
    await engine.mountScripts(writeTree({ "main.ts": "export function tick() {}\n" }));
    await assert.rejects(engine.start({ tick: 3 } as never), { message: 'unknown option "tick" (did you mean "ticks"?)' });
  });
});

describe("installNetwork arguments", () => {
  test("a policy passed where the features go is told to move to the second argument", () => {
    const { engine } = engineForTest();
    assert.throws(() => engine.installNetwork({ policy: { rules: [] } } as never), {
      message: /^unknown option "features.policy": "policy" is a runtime option, given as installNetwork's second argument/,
    });
    assert.equal(engine.network, undefined);
  });

  test("misspelt features and options are named; good ones install the network", () => {
    const { engine } = engineForTest();
    assert.throws(() => engine.installNetwork({ htp: false } as never), { message: 'unknown option "features.htp" (did you mean "features.http"?)' });
    assert.throws(() => engine.installNetwork({}, { limts: {} } as never), { message: 'unknown option "limts" (did you mean "limits"?)' });
    assert.throws(() => engine.installNetwork({}, { features: {} } as never), { message: /features are its first argument/ });
    const runtime = engine.installNetwork({ tcp: false }, { limits: { maxConnections: 5 } });
    assert.equal(runtime.limits.maxConnections, 5);
    assert.equal("tcp_connect" in runtime.net, false);
  });
});
