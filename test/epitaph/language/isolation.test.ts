/**
 * A script reaches JavaScript only through the values it is given: the
 * inherited properties that lead to the `Function` constructor
 * (`constructor`, `__proto__`, `prototype`, ...) read as an object's own
 * property or void, on records, lists, symbols, host objects and host
 * functions alike, and `__proto__` cannot be assigned.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { load, logsOf } from "../helpers.js";

const HOST = { modules: { host: { id: 3, fn: () => 1, make: () => new Map() } } };

describe("epitaph isolation from JavaScript", () => {
  it("guarded names read void unless they are the object's own property", () => {
    const lines = logsOf(
      `access <host>
log.info({ a: 1 }.constructor, [1].constructor, :x.constructor, host.constructor, host.fn.constructor, host.make().constructor)
log.info({ a: 1 }.__proto__, host.__proto__, host.fn.prototype, host.fn.caller, host.__lookupGetter__, host.__defineSetter__)
log.info({ constructor: 5 }.constructor)`,
      undefined,
      HOST,
    );
    assert.deepEqual(lines, ["[ep:info] void void void void void void", "[ep:info] void void void void void void", "[ep:info] 5"]);
  });

  it("the Function constructor cannot be reached by a chain or a method call", () => {
    const { program } = load(`access <host>\nphase escape() {\n    return host.constructor.constructor("return process")()\n}\nphase call() {\n    return host.constructor("x")\n}\n`, HOST);
    assert.throws(() => program.call("escape"), /main\.ep:3: cannot read field "constructor" of void/);
    assert.throws(() => program.call("call"), /main\.ep:6: cannot call host\.constructor: it is void, not a function/);
  });

  it("assigning __proto__ is refused; other fields still work", () => {
    const { program } = load('phase set() {\n    let r = { a: 1 }\n    r.__proto__ = [1]\n    return r\n}\n');
    assert.throws(() => program.call("set"), /main\.ep:3: the field "__proto__" is reserved/);
    const fine = load("phase set() {\n    let r = { a: 1 }\n    r.b = [2]\n    return r\n}\n").program;
    assert.deepEqual(fine.call("set"), { a: 1, b: [2] });
  });
});
