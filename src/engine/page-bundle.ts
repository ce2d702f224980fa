/**
 * A game's page program, bundled for the browser by the Node program that
 * serves it: `import { Engine, loadPak } from "tickwire/engine"` (and
 * "tickwire") in the page resolve to the browser builds of this package,
 * wherever it is installed. The scripts themselves are not bundled here:
 * they come compiled in the `.pak` (see `tickwire pack`).
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";
import { bundleForBrowser } from "../node/browser-bundle.js";

/** The package's browser entries, relative to this file (.js when built, .ts under tsx). */
const BROWSER_ENTRIES: Record<string, string> = { tickwire: "../browser.js", "tickwire/engine": "./browser.js" };

const browserEntries: Plugin = {
  name: "tickwire-browser-entries",
  setup(build) {
    const here = dirname(fileURLToPath(import.meta.url));
    build.onResolve({ filter: /^tickwire(\/engine)?$/ }, (args) =>
      build.resolve(BROWSER_ENTRIES[args.path] as string, { resolveDir: here, kind: args.kind }),
    );
  },
};

/** Bundles the page program `entry` (a .ts or .js file) into one minified ES module for a `<script type="module">`. */
export function bundlePage(entry: string): Promise<string> {
  return bundleForBrowser({ entry }, [browserEntries]);
}
