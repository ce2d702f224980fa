/**
 * The package's `browser` export condition: bundling
 * `import { createNetRuntime } from "tickwire"` for a browser pulls in the
 * browser entry and backends and nothing of Node (no built-in, no undici, no
 * ws), while bundling for Node still gets the Node entry.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bundleForBrowser } from "./helpers/package-build.js";

const SOURCE = `import { createNetRuntime } from "tickwire"; console.log(createNetRuntime({}).net);`;
const ENGINE_SOURCE = `import { Engine, loadPak } from "tickwire/engine"; console.log(Engine, loadPak);`;
/** Files no browser bundle may hold: Node built-ins, Node-only dependencies, the Node entries and backends. */
const NODE_ONLY = /^node:|node_modules\/(undici|ws|esbuild)\/|dist\/(index|engine\/index|node\/|.*node-|.*\/bundle|.*pack-scripts)/;

describe("browser export condition", () => {
  it("bundles for a browser without any Node built-in or Node-only dependency", async () => {
    const bundle = await bundleForBrowser(SOURCE);
    const files = bundle.inputs.map((input) => input.replace(/^.*node_modules\/tickwire\//, ""));
    assert.ok(files.includes("dist/browser.js"), `inputs: ${files.join(", ")}`);
    assert.ok(files.includes("dist/http/browser-http.js") && files.includes("dist/ws/browser-ws.js"));
    const nodeOnly = files.filter((file) => NODE_ONLY.test(file));
    assert.deepEqual(nodeOnly, []);
    assert.doesNotMatch(bundle.code, /(from\s*|import\(|require\()"(node:|undici"|ws")/);
  });

  it("bundles the engine for a browser without Node, esbuild or the TypeScript compiler host", async () => {
    const bundle = await bundleForBrowser(ENGINE_SOURCE);
    const files = bundle.inputs.map((input) => input.replace(/^.*node_modules\/tickwire\//, ""));
    assert.ok(files.includes("dist/engine/browser.js") && files.includes("dist/engine/browser-realm.js"), `inputs: ${files.join(", ")}`);
    assert.deepEqual(files.filter((file) => NODE_ONLY.test(file)), []);
  });

  it("still resolves the Node entry when bundling for Node", async () => {
    const bundle = await bundleForBrowser(SOURCE, "node");
    const files = bundle.inputs.map((input) => input.replace(/^.*node_modules\/tickwire\//, ""));
    assert.ok(files.includes("dist/index.js") && !files.includes("dist/browser.js"), `inputs: ${files.join(", ")}`);
  });
});
