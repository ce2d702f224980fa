/**
 * The arena played in a page: the example's server program runs headless with
 * two bots and its inspector; headless Chromium opens the page it serves, the
 * page's engine (the same scripts, from the served pack) joins over
 * WebSocket, the player shows up in the server's state and moves there with
 * the arrow keys, and the page draws the world. The inspector page shows the
 * game's handles. Screenshots of both go to test-artifacts/.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { artifactPath, launchChromium, type Chromium } from "../helpers/chromium.js";
import { startCli, type RunningCli } from "../helpers/cli.js";
import { pollAsync } from "../helpers/poll.js";

interface Status {
  players: { name: string; score: number; x: number; y: number }[];
}

const SERVER = ["--import", "tsx", "examples/arena/server.ts"];
const ARGS = ["--status-port", "0", "--tcp-port", "0", "--ws-port", "0", "--bots", "2", "--inspect", "0"];

/** True once the canvas holds pixels of a coin's gold. */
const COIN_DRAWN = `(() => {
  const canvas = document.getElementById("arena");
  const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  for (let i = 0; i < data.length; i += 4) if (data[i] === 245 && data[i + 1] === 184 && data[i + 2] === 75) return true;
  return false;
})()`;

describe("the arena in a page", () => {
  let server: RunningCli;
  let chromium: Chromium;
  let origin = "";
  let inspector = "";

  const status = async (): Promise<Status> => (await (await fetch(`${origin}/status`)).json()) as Status;

  before(async () => {
    server = startCli(ARGS, SERVER);
    origin = /play at (http:\S+)\//.exec(await server.line(/^\[server\] play at http/))?.[1] ?? "";
    inspector = /inspector at (http:\S+)/.exec(await server.line(/^\[server\] inspector at http/))?.[1] ?? "";
    chromium = await launchChromium();
  });

  after(async () => {
    await chromium?.close();
    const ended = await server?.stop();
    assert.equal(ended?.code, 0, ended?.stderr);
  });

  it("joins a running server as a player, moves, and draws the world", async () => {
    const page: Page = await chromium.context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`${origin}/?name=tester`);
    await pollAsync(async () => (await status()).players.some((player) => player.name === "tester"), {
      timeoutMs: 20_000,
      what: `the page's player in the server's state (page errors: ${problems.join("; ") || "none"})`,
    });
    assert.deepEqual(
      (await status()).players.map((player) => player.name).sort(),
      ["bot-1", "bot-2", "tester"],
    );
    await page.waitForFunction(COIN_DRAWN, undefined, { timeout: 10_000 });
    const tester = async () => (await status()).players.find((player) => player.name === "tester");
    const start = (await tester())?.x ?? 0;
    const [key, sign] = start < 20 ? ["ArrowRight", 1] : ["ArrowLeft", -1];
    await page.keyboard.down(key);
    await pollAsync(async () => sign * (((await tester())?.x ?? start) - start) >= 2, {
      timeoutMs: 15_000,
      what: `the player to move with ${key} from x ${start}`,
    });
    await page.keyboard.up(key);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: artifactPath("game.png") });
  });

  it("shows the game's handles in the inspector", async () => {
    const page: Page = await chromium.context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto(inspector);
    await page.waitForFunction(
      `document.querySelectorAll("#handles tr[data-handle]").length >= 5 && Number(document.body.dataset.samples) >= 12`,
      undefined,
      { timeout: 20_000 },
    );
    const rows = await page.$$eval("#handles tr[data-handle]", (trs) => trs.map((tr) => tr.textContent ?? ""));
    assert.ok(rows.some((row) => row.includes("tcp listener") && row.includes("listening")), rows.join(" | "));
    assert.ok(rows.some((row) => row.includes("ws listener") && row.includes("listening")), rows.join(" | "));
    assert.ok(rows.filter((row) => /connected/.test(row)).length >= 3, rows.join(" | "));
    await page.screenshot({ path: artifactPath("inspector-game.png"), fullPage: true });
  });
});
