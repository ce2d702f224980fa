/**
 * The engine in real headless Chromium: a script tree packed with its
 * compiled bundle (what `tickwire pack` writes) runs in a page bundled from
 * the package, without a bundler: it talks WebSocket to a `ws` echo server,
 * draws each tick, keeps its state apart from a second engine on the same
 * pack, and reports its errors with stacks in its own `.ts` lines. An
 * Epitaph tree runs from a plain pack. `assets.load_image` gives the pixels
 * Node's engine gives, from the same decoders.
 */
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { WebSocketServer } from "ws";
import { MemoryTree, packTree, packScripts } from "../../src/engine/index.js";
import type { FileTree } from "../../src/engine/index.js";
import { inPage, launchChromium, servePage, type Chromium, type PageServer } from "../helpers/chromium.js";
import { bundleForBrowser } from "../helpers/package-build.js";
import { pageEntry } from "../helpers/page-net.js";
import { decodeImageOnNode } from "../../src/engine/node-images.js";
import { jpegOfBlocks, PIXELS, pngOf } from "../helpers/images.js";

const MAIN = `import { greet } from "./shared/greet";
const net = access("net");
const sys = access("sys");
const launch = access("launch") as { ws_url: string };
let socket = 0;
let draws = 0;
(globalThis as { count?: number }).count = ((globalThis as { count?: number }).count ?? 0) + 1;

export function init(): void {
  print(greet(sys.runtime_role()), "headless", sys.is_headless(), "count", (globalThis as { count?: number }).count);
  socket = net.ws_connect(launch.ws_url);
}

export function tick(): void {
  for (let event = net.poll_event(); event !== undefined; event = net.poll_event()) {
    if (event.type === "connected") net.ws_send(socket, "ping from a page");
    if (event.type === "message") {
      print("echo", event.data, "after", draws, "draws");
      sys.exit(7);
    }
  }
}

export function draw(): void {
  draws++;
}
`;

const EPITAPH = `sector game

access <sys>
access <log>
access <string>
access <math>
access <fmt>
access <bytes>
access <list>
access <vec>
access <time>

phase init() {
    log.info("epitaph in a page as", sys.runtime_role())
    let parts = string.split("a,b,c", ",")
    list.reverse(parts)
    log.info(fmt.format("{} {} {} {}", string.join(parts, "-"), math.floor(2.5), vec.length(vec.v2(3, 4)), bytes.hex(bytes.from_text("é"))))
    log.info(9223372036854775807, 42f, time.now() >= 0)
    sys.exit(3)
}
`;

const BROKEN = `export function tick(): void {
  const missing = undefined as unknown as { field: number };
  print(missing.field);
}
`;

/** Prints each image asset as JSON, or "void". */
const IMAGES = `const assets = access("assets");
for (const key of ["rgba.png", "blocks.jpg", "notes.txt", "missing.png"]) {
  const image = assets.load_image(key);
  print(key, image === undefined ? "void" : JSON.stringify({ width: image.width, height: image.height, data: Array.from(image.data) }));
}
`;

function tree(files: Record<string, string | Uint8Array>): FileTree {
  const bytes = (content: string | Uint8Array) => (typeof content === "string" ? new TextEncoder().encode(content) : content);
  return new MemoryTree("test", new Map(Object.entries(files).map(([key, content]) => [key, bytes(content)])));
}

/** The image assets, and what Node's engine decodes them to (the page must match it byte for byte). */
function imageAssets(): { files: Record<string, string | Uint8Array>; expected: string[] } {
  const files = { "rgba.png": pngOf(PIXELS), "blocks.jpg": jpegOfBlocks(), "notes.txt": "not an image" };
  const show = (image: ReturnType<typeof decodeImageOnNode>) =>
    image === undefined ? "void" : JSON.stringify({ width: image.width, height: image.height, data: Array.from(image.data) });
  const expected = ["rgba.png", "blocks.jpg", "notes.txt"].map((key) => `[client] ${key} ${show(decodeImageOnNode(files[key as keyof typeof files] as Uint8Array))}`);
  return { files, expected: [...expected.slice(0, 2), "[client] notes.txt void", "[client] missing.png void"] };
}

describe("engine in Chromium", () => {
  let chromium: Chromium;
  let server: PageServer;
  let echo: WebSocketServer;
  let wsUrl = "";
  const paks = new Map<string, Uint8Array>();

  before(async () => {
    echo = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    echo.on("connection", (socket) => socket.on("message", (data, binary) => socket.send(data, { binary })));
    await new Promise((resolve) => echo.once("listening", resolve));
    wsUrl = `ws://127.0.0.1:${(echo.address() as AddressInfo).port}/`;
    paks.set("/game.pak", await packScripts(tree({ "main.ts": MAIN, "shared/greet.ts": 'export const greet = (role: string) => `hello ${role}`;\n' })));
    paks.set("/broken.pak", await packScripts(tree({ "main.ts": BROKEN })));
    paks.set("/plain.pak", packTree(tree({ "main.ts": MAIN })));
    paks.set("/epitaph.pak", packTree(tree({ "main.ep": EPITAPH })));
    paks.set("/images.pak", await packScripts(tree({ "main.ts": IMAGES })));
    paks.set("/image-assets.pak", packTree(tree(imageAssets().files)));
    const bundle = await bundleForBrowser(pageEntry("fixtures/page-engine.ts", "tickwire/engine", "tickwireEngine"));
    server = await servePage(bundle.code, (request, response) => {
      const pak = paks.get(request.url ?? "");
      if (pak === undefined) return false;
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(pak);
      return true;
    });
    chromium = await launchChromium();
  });

  after(async () => {
    await chromium?.close();
    await server?.close();
    for (const client of echo?.clients ?? []) client.terminate();
    await new Promise((resolve) => echo?.close(resolve));
  });

  it("runs a packed tree's compiled scripts: init, tick, draw, WebSocket and exit code", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const run = await inPage<{ code: number; lines: string[] }>(page, `pageEngine.runOne("/game.pak", { ws_url: ${JSON.stringify(wsUrl)} })`);
    assert.equal(run.code, 7);
    assert.equal(run.lines[0], "[client] hello client headless false count 1");
    assert.match(run.lines[1] ?? "", /^\[client\] echo ping from a page after [1-9]\d* draws$/);
  });

  it("keeps two engines on one page apart", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const runs = await inPage<{ lines: string[] }[]>(page, `pageEngine.runTwo("/game.pak", { ws_url: ${JSON.stringify(wsUrl)} }, 3)`);
    assert.deepEqual(runs.map((run) => run.lines[0]), ["[client] hello client headless false count 1", "[client] hello client headless false count 1"]);
  });

  it("reports a script error with its stack in the script's own file", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const run = await inPage<{ code: number; ticks: number; lines: string[] }>(page, `pageEngine.runOne("/broken.pak", {}, 5)`);
    assert.equal(run.ticks, 5, "the engine kept ticking");
    const report = run.lines.join("\n");
    assert.match(report, /TypeError: Cannot read properties of undefined \(reading 'field'\)/);
    assert.match(report, /at tick \(main\.ts:3:\d+\)/);
  });

  it("runs an Epitaph tree, compiled in the page, with the standard modules and exact ints", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const run = await inPage<{ code: number; lines: string[] }>(page, `pageEngine.runOne("/epitaph.pak", {})`);
    assert.deepEqual(run, {
      code: 3,
      ticks: 0,
      lines: ["[ep:info] epitaph in a page as :client", "[ep:info] c-b-a 2 5.0 c3a9", "[ep:info] 9223372036854775807 42.0 active"],
    });
  });

  it("decodes PNG and JPEG assets to the very pixels Node decodes, semi-transparent ones straight", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const run = await inPage<{ code: number; lines: string[] }>(page, `pageEngine.runWithAssets("/images.pak", "/image-assets.pak", 0)`);
    assert.deepEqual(run.lines, imageAssets().expected);
    assert.equal(run.lines[0], `[client] rgba.png ${JSON.stringify({ width: 3, height: 2, data: PIXELS.data })}`);
  });

  it("refuses a pack made without its compiled scripts, saying how to make one", async () => {
    const page = await chromium.open(`${server.origin}/`);
    const message = await inPage<string>(page, `pageEngine.mountError("/plain.pak")`);
    assert.equal(message, '/plain.pak has no usable compiled scripts (no .tickwire/scripts.json): make the pack with "tickwire pack"');
  });
});
