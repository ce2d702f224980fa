/**
 * The options checker: unknown keys name the closest known key (or list the
 * known ones when none is near), wrong types name the key and what it must
 * be, nested objects are checked under their own path, and left-out values
 * pass.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkOptions, closestName, rule, uniformSchema } from "../../src/core/options.js";

const SCHEMA = {
  policy: rule.object({ rules: rule.list, listen: rule.boolean }),
  limits: rule.object(uniformSchema({ recvBufferBytes: 1, sendBufferBytes: 2 }, rule.count)),
  role: rule.oneOf(["client", "server"]),
  ca: rule.stringOrStrings,
};

describe("checkOptions", () => {
  test("a misspelt key throws naming it and the closest known key", () => {
    assert.throws(() => checkOptions({ polcy: { rules: [] } }, SCHEMA), { name: "TypeError", message: 'unknown option "polcy" (did you mean "policy"?)' });
    assert.throws(() => checkOptions({ limits: { recvBuferBytes: 5 } }, SCHEMA), {
      message: 'unknown option "limits.recvBuferBytes" (did you mean "limits.recvBufferBytes"?)',
    });
  });

  test("a key near no known one lists the known keys", () => {
    assert.throws(() => checkOptions({ banana: 1 }, SCHEMA), { message: 'unknown option "banana" (known options: "policy", "limits", "role", "ca")' });
    assert.throws(() => checkOptions({ policy: { whatever: 1 } }, SCHEMA), { message: 'unknown option "policy.whatever" (known keys of policy: "rules", "listen")' });
  });

  test("a value of the wrong type names the key and what it must be", () => {
    assert.throws(() => checkOptions({ limits: { sendBufferBytes: "4mb" } }, SCHEMA), {
      message: 'option "limits.sendBufferBytes" must be a non-negative number, not "4mb"',
    });
    assert.throws(() => checkOptions({ policy: { rules: [], listen: "yes" } }, SCHEMA), { message: 'option "policy.listen" must be true or false, not "yes"' });
    assert.throws(() => checkOptions({ role: "host" }, SCHEMA), { message: 'option "role" must be one of "client", "server", not "host"' });
    assert.throws(() => checkOptions({ policy: [] }, SCHEMA), { message: 'option "policy" must be an object, not []' });
    assert.throws(() => checkOptions(7, SCHEMA), { message: "the options must be an object, not 7" });
  });

  test("good values, left-out values and undefined pass", () => {
    checkOptions(undefined, SCHEMA);
    checkOptions({}, SCHEMA);
    checkOptions({ policy: { rules: [] }, limits: { recvBufferBytes: 0 }, role: "client", ca: ["a", "b"] }, SCHEMA);
    checkOptions({ ca: "pem", role: undefined }, SCHEMA);
  });
});

describe("closestName", () => {
  test("finds slips (a swap, a missing letter, case) and ignores far names", () => {
    assert.equal(closestName("tickrate", ["tickRate", "headless"]), "tickRate");
    assert.equal(closestName("haedless", ["tickRate", "headless"]), "headless");
    assert.equal(closestName("wss", ["tcp", "http", "ws"]), "ws");
    assert.equal(closestName("policy", ["tcp", "http", "ws"]), undefined);
  });
});
