/**
 * The live inspector's web server (Node): serves the inspector page, its
 * script (bundled once with esbuild from `client.ts`) and `stats`, a JSON
 * snapshot taken from the runtime on each request. It runs nothing between
 * requests: the page's polling is the only thing that reads the runtime.
 */
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { RuntimeStats } from "../core/stats.js";
import { bundleForBrowser } from "../node/browser-bundle.js";
import { inspectorPage } from "./page.js";

/** Anything with a `stats()` snapshot: a runtime, or an engine's runtime. */
export interface StatsSource {
  stats(): RuntimeStats;
}

/** Options of `startInspector`. */
export interface InspectorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default, so only this machine can look. */
  host?: string;
  /** The name shown on the page. */
  title?: string;
}

/** A running inspector. */
export interface Inspector {
  port: number;
  /** The page's address, such as http://127.0.0.1:9229/. */
  url: string;
  /** Stops serving and resolves once the server is closed. */
  close(): Promise<void>;
}

let clientScript: Promise<string> | undefined;

/** The page script, bundled once per process from the sibling `client` module (.js when built, .ts under tsx). */
function bundleClient(): Promise<string> {
  clientScript ??= bundleForBrowser({ contents: `import "./client.js";`, resolveDir: dirname(fileURLToPath(import.meta.url)) });
  return clientScript;
}

function send(response: ServerResponse, type: string, body: string): void {
  response.writeHead(200, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-store" }).end(body);
}

/** Serves the live inspector of `source` and resolves once it listens. */
export async function startInspector(source: StatsSource, options: InspectorOptions = {}): Promise<Inspector> {
  const script = await bundleClient();
  const page = inspectorPage(options.title ?? "runtime");
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://inspector").pathname;
    if (request.method !== "GET") return void response.writeHead(405).end();
    if (path === "/") return send(response, "text/html", page);
    if (path === "/inspector.js") return send(response, "text/javascript", script);
    if (path === "/stats") return send(response, "application/json", JSON.stringify(source.stats()));
    response.writeHead(404).end();
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
