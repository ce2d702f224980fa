/**
 * `createNetRuntime` checks its options when given (SPEC 1): a misspelt
 * option, feature, limit, TLS or policy key, or a value of the wrong type,
 * throws at once naming it and the closest known key; every limit of the
 * defaults table is accepted, so a new limit needs no second edit.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createNetRuntime, DEFAULT_LIMITS } from "../../src/index.js";

describe("createNetRuntime options", () => {
  test("a misspelt policy throws instead of running with no policy", () => {
    const polcy = { rules: [{ host: "*", action: "deny" as const }] };
    assert.throws(() => createNetRuntime({ polcy } as never), { name: "TypeError", message: 'unknown option "polcy" (did you mean "policy"?)' });
  });

  test("misspelt features, limits, tls keys and policy rule keys are named with the closest known one", () => {
    assert.throws(() => createNetRuntime({ features: { wss: false } } as never), { message: 'unknown option "features.wss" (did you mean "features.ws"?)' });
    assert.throws(() => createNetRuntime({ limits: { maxConection: 1 } } as never), { message: 'unknown option "limits.maxConection" (did you mean "limits.maxConnections"?)' });
    assert.throws(() => createNetRuntime({ tls: { cas: "pem" } } as never), { message: 'unknown option "tls.cas" (did you mean "tls.ca"?)' });
    assert.throws(() => createNetRuntime({ policy: { rules: [{ host: "*", action: "allow", prots: [80] }] } } as never), {
      message: 'unknown option "policy.rules[0].prots" (did you mean "policy.rules[0].ports"?)',
    });
  });

  test("values of the wrong type throw naming the key", () => {
    assert.throws(() => createNetRuntime({ features: { tcp: "no" } } as never), { message: 'option "features.tcp" must be true or false, not "no"' });
    assert.throws(() => createNetRuntime({ limits: { recvBufferBytes: -1 } }), { message: 'option "limits.recvBufferBytes" must be a non-negative number, not -1' });
    assert.throws(() => createNetRuntime({ tls: { ca: [1] } } as never), { message: 'option "tls.ca" must be a string or a list of strings, not [1]' });
    assert.throws(() => createNetRuntime({ policy: { rules: [], listen: 1 } } as never), { message: 'option "policy.listen" must be true or false, not 1' });
  });

  test("every key of the defaults table is a known limit", async () => {
    const runtime = createNetRuntime({ limits: { ...DEFAULT_LIMITS }, features: { tcp: true, http: false }, tls: { ca: [] }, policy: { rules: [], listen: false } });
    try {
      for (const [key, value] of Object.entries(DEFAULT_LIMITS)) assert.equal(runtime.limits[key as keyof typeof DEFAULT_LIMITS], value, key);
      assert.equal("ws_connect" in runtime.net, true);
      assert.equal("http_get" in runtime.net, false);
    } finally {
      await runtime.close();
    }
  });
});
