/**
 * The arena's web side, served by the server program next to /status: the
 * page (a full-window canvas and the page program, bundled for the browser
 * when the server starts), and the script and asset trees as packs, the
 * scripts with their compiled bundle so the page runs them without a bundler.
 */
import { bundlePage, openTree, packScripts, packTree } from "tickwire/engine";
import type { Trees } from "./clients.js";

/** One file the server program serves. */
export interface WebFile {
  type: string;
  body: string | Uint8Array;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>arena · tickwire</title>
<style>html, body { margin: 0; height: 100%; background: #0f1218; overflow: hidden; }
canvas { display: block; width: 100vw; height: 100vh; touch-action: none; outline: none; }</style></head>
<body><canvas id="arena" tabindex="0"></canvas><script type="module" src="page.js"></script></body></html>`;

/** The page's files by path, made once: `/`, `/page.js`, `/scripts.pak`, `/assets.pak`. */
export async function webFiles(trees: Trees): Promise<Map<string, WebFile>> {
  const here = (path: string) => new URL(path, import.meta.url).pathname;
  const pak = (body: Uint8Array): WebFile => ({ type: "application/octet-stream", body });
  return new Map<string, WebFile>([
    ["/", { type: "text/html; charset=utf-8", body: PAGE }],
    ["/page.js", { type: "text/javascript; charset=utf-8", body: await bundlePage(here("page.ts")) }],
    ["/scripts.pak", pak(await packScripts(openTree(trees.scripts)))],
    ["/assets.pak", pak(packTree(openTree(trees.assets)))],
  ]);
}
