/**
 * The sandbox as a boundary (SPEC 14): escape attempts through every kind of
 * value the engine hands a script: the constructor chains of modules, their
 * functions, records, byte arrays, a fetch response, a socket, errors,
 * promises and prototypes, `Error.prepareStackTrace` frames, a
 * `util.inspect` hook, computed `import()`, `eval`, `Function` and
 * `require`. Each attempt reports what it reached; none may reach `process`,
 * and a canary on the host's global object stays untouched. The same first
 * attempt without the sandbox does reach the host, so the probe can fail.
 */
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { runScript } from "../../helpers/engine.js";

const CANARY = "__tickwireCanary";

/** Script lines: each probe prints "<name>: contained" unless it reached the host's process. */
const PROBES = `
const g = globalThis as any;
const reached = (value: unknown) => value !== undefined && value !== "undefined" && value !== null;
function probe(name: string, attempt: () => unknown) {
  let outcome: string;
  try {
    const value = attempt();
    outcome = reached(value) ? "ESCAPED " + String(value) : "contained";
  } catch (error) {
    outcome = "contained";
  }
  print(name + ": " + outcome);
}
const TAKE = "try { globalThis.${CANARY} = 'touched'; } catch {} return typeof process === 'undefined' ? undefined : process.pid";
const chain = (value: any) => value.constructor.constructor(TAKE)();
const net = access("net") as any, json = access("json") as any, sys = access("sys") as any;
const record = json.decode('{"a":{"b":[1]}}');
const bytes = new TextEncoder().encode("x");
const socket = (Network as any).Connect("127.0.0.1", 1);
let caught: any;
try { access("no such module"); } catch (error) { caught = error; }
probe("module", () => chain(net));
probe("module function", () => chain(net.poll_event));
probe("module function's prototype", () => Object.getPrototypeOf(net.poll_event).constructor(TAKE)());
probe("module prototype", () => chain(Object.getPrototypeOf(net) ?? {}));
probe("sys function", () => chain(sys.runtime_role));
probe("record", () => chain(record));
probe("nested record", () => chain(record.a.b));
probe("byte array", () => chain(bytes));
probe("byte array buffer", () => chain(bytes.buffer));
probe("socket", () => chain(socket));
probe("socket method", () => chain(socket.write));
probe("error", () => chain(caught));
probe("error prototype", () => chain(Object.getPrototypeOf(caught)));
probe("promise", () => chain(Event.OnTick));
probe("global function", () => chain(print));
probe("access", () => chain(access));
probe("eval", () => (0, eval)(TAKE.replace("return ", "")));
probe("Function", () => Function(TAKE)());
probe("require", () => (g.require ?? (() => undefined))("node:fs")?.readFileSync);
probe("arguments.callee.caller", () => { const f: any = function () { return (f as any).caller; }; return net.status.call(undefined, f) && f(); });
probe("prepareStackTrace frames", () => {
  let frames: any[] = [];
  (Error as any).prepareStackTrace = (_: unknown, got: any[]) => { frames = got; return "x"; };
  void new Error("probe").stack;
  (Error as any).prepareStackTrace = undefined;
  return frames.map((frame) => frame?.getThis?.()?.process ?? frame?.getFunction?.()?.constructor?.(TAKE)?.()).find(reached);
});
probe("util.inspect hook", () => {
  const hook = { [Symbol.for("nodejs.util.inspect.custom")]: () => { g.inspected = true; return "hooked"; } };
  print(hook);
  return g.inspected === true ? "the host called a script hook" : undefined;
});
const computed = ["node", "fs"].join(":");
try {
  await import(computed);
  print("computed import(): ESCAPED");
} catch {
  print("computed import(): contained");
}
let response: any;
response = await fetch("http://127.0.0.1:1/");
probe("fetch response", () => chain(response));
probe("fetch response method", () => chain(response.text));
probe("fetch response body", () => chain(response.body));
probe("fetch response headers", () => chain(response.headers));
print("typeof process " + typeof g.process + ", typeof require " + typeof g.require);
sys.exit(0);
`;

/** Every line the probe script printed, after it ran in an engine with `sandbox`. */
async function probeLines(sandbox: boolean): Promise<string[]> {
  const run = await runScript({ "main.ts": PROBES }, { sandbox }, (engine) => engine.installNetwork());
  await run.engine.finished;
  return run.lines;
}

describe("sandbox escape attempts", () => {
  after(() => void delete (globalThis as Record<string, unknown>)[CANARY]);

  test("no value the engine hands a sandboxed script leads to the host", async () => {
    (globalThis as Record<string, unknown>)[CANARY] = "untouched";
    const lines = await probeLines(true);
    const probes = lines.filter((line) => /^\[server\] [^[]+: /.test(line));
    assert.equal(probes.length, 27, lines.join("\n"));
    assert.deepEqual(probes.filter((line) => !line.endsWith(": contained")), [], lines.join("\n"));
    assert.ok(lines.includes("[server] typeof process undefined, typeof require undefined"), lines.join("\n"));
    assert.equal((globalThis as Record<string, unknown>)[CANARY], "untouched");
  });

  test("without the sandbox the first attempt does reach the host (the probe can fail)", async () => {
    (globalThis as Record<string, unknown>)[CANARY] = "untouched";
    const lines = await probeLines(false);
    assert.ok(lines.includes(`[server] module: ESCAPED ${process.pid}`), lines.join("\n"));
    assert.equal((globalThis as Record<string, unknown>)[CANARY], "touched");
  });
});
