/**
 * One browser test session: the page-net fixture bundled from the package,
 * served with the test's routes, opened in headless Chromium, and a typed way
 * to call into it from Node.
 */
import type { Page } from "playwright-core";
import type { PageNetCalls } from "../fixtures/page-net.js";
import { inPage, launchChromium, servePage, type Chromium, type PageServer, type Route } from "./chromium.js";
import { bundleForBrowser, testFile } from "./package-build.js";

/** A page running the page-net fixture. */
export interface NetPage {
  page: Page;
  /** The page's origin (the test routes are served there too). */
  origin: string;
  /** Calls `pageNet[name](...args)` in the page and returns its awaited result. */
  call<K extends keyof PageNetCalls>(name: K, ...args: Parameters<PageNetCalls[K]>): Promise<Awaited<ReturnType<PageNetCalls[K]>>>;
  close(): Promise<void>;
}

/** The source of a page entry that loads `entry` ("tickwire" or "tickwire/engine") from the package as `globalThis[name]`, then `fixture`. */
export function pageEntry(fixture: string, entry = "tickwire", name = "tickwire"): string {
  return [
    `import * as entry from ${JSON.stringify(entry)};`,
    `globalThis[${JSON.stringify(name)}] = entry;`,
    `await import(${JSON.stringify(testFile(fixture))});`,
    `globalThis.pageReady = true;`,
  ].join("\n");
}

/** Bundles and serves the page-net fixture with `routes`, and opens it in a fresh Chromium. */
export async function openNetPage(routes?: Route): Promise<NetPage> {
  const bundle = await bundleForBrowser(pageEntry("fixtures/page-net.ts"));
  const server: PageServer = await servePage(bundle.code, routes);
  let chromium: Chromium | undefined;
  try {
    chromium = await launchChromium();
    const page = await chromium.open(server.origin + "/");
    const browser = chromium;
    return {
      page,
      origin: server.origin,
      call: (name, ...args) => inPage(page, `pageNet.${name}(...${JSON.stringify(args)})`),
      async close() {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await chromium?.close();
    await server.close();
    throw error;
  }
}
