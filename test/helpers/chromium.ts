/**
 * Real headless Chromium for the browser tests: Debian's chromium, found on
 * PATH (a one-line failure naming it when it is missing), driven by
 * playwright-core with a fresh, empty profile, plus a small web server that
 * serves a test page (an HTML shell and its bundled script) next to whatever
 * routes a test adds. Nothing is downloaded.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { requireProgram } from "./processes.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A running Chromium with its own throw-away profile. */
export interface Chromium {
  context: BrowserContext;
  /** Opens a new tab on `url` and waits for its script to set `globalThis.pageReady`; fails on any page error. */
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Starts headless Chromium with an empty profile directory. */
export async function launchChromium(): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), "tickwire-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: requireProgram("chromium"),
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(url);
      await page.waitForFunction("globalThis.pageReady === true", undefined, { timeout: 15_000 }).catch((error) => {
        throw new Error(`page not ready: ${problems.length > 0 ? problems.join("; ") : String(error)}`);
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A route a test adds to the page server; returns true when it answered. */
export type Route = (request: IncomingMessage, response: ServerResponse) => boolean;

/** A web server on 127.0.0.1 serving a test page. */
export interface PageServer {
  server: Server;
  origin: string;
  close(): Promise<void>;
}

/** Serves `/` (an HTML shell loading the bundle), `/page.js` (the bundle) and the test's routes, on port 0. */
export async function servePage(bundle: string, routes: Route = () => false): Promise<PageServer> {
  const server = createServer((request, response) => {
    if (routes(request, response)) return;
    if (request.url === "/") return send(response, "text/html", '<!doctype html><script type="module" src="/page.js"></script>');
    if (request.url === "/page.js") return send(response, "text/javascript", bundle);
    response.writeHead(404).end();
  });
  return listenOnLoopback(server);
}

/** Makes a server listen on 127.0.0.1 port 0 and describes it. */
export async function listenOnLoopback(server: Server): Promise<PageServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, type: string, body: string): void {
  response.writeHead(200, { "content-type": type, "cache-control": "no-store" }).end(body);
}

/** Evaluates `expression` in the page and returns its (awaited) value. */
export function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Where a test keeps a screenshot: the git-ignored `test-artifacts/` folder at the project root. */
export function artifactPath(name: string): string {
  const folder = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
  mkdirSync(folder, { recursive: true });
  return join(folder, name);
}
