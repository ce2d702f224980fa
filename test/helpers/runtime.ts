/**
 * Runtimes for tests: created per test and always closed afterwards, so no
 * socket outlives its test.
 */
import { after } from "node:test";
import { createNetRuntime, type NetRuntime, type RuntimeOptions } from "../../src/index.js";

/** Creates a runtime that is closed when the current test file ends. */
export function runtimeForTest(options?: RuntimeOptions): NetRuntime {
  const runtime = createNetRuntime(options);
  after(() => runtime.close());
  return runtime;
}
