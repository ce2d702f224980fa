/**
 * A person's client, for the page: it joins through a `Session`, steers with
 * the arrow keys, WASD, or the pointer held down, and draws the field, the
 * coins, every player and the scores on the page's `screen` each frame.
 */
import type { ClientLaunch } from "../launch";
import type { PlayerView } from "../shared/protocol";
import { loadRules, type Rules } from "../shared/rules";
import type { Input, Screen } from "./io";
import { Session } from "./session";

const COLORS = ["#5aa9ff", "#4fd18b", "#b48cff", "#ff8f6b", "#4fd1d9", "#ff6bb5", "#c7e36b"];
const BACKGROUND = "#0f1218";

/** Where the field sits on the screen: its top left corner and pixels per field unit. */
interface Layout {
  left: number;
  top: number;
  scale: number;
}

let rules: Rules;
let session: Session;
let screen: Screen;
let input: Input;
let ticks = 0;
let ended: string | undefined;
let steering = { dx: 0, dy: 0 };

/** Looks up the server and gets the page's screen and input. */
export function init(): void {
  rules = loadRules();
  screen = access("screen") as Screen;
  input = access("input") as Input;
  session = new Session(access("launch") as ClientLaunch, (why) => (ended ??= why));
}

/** Takes the server's news, and sends where the player steers when it changed. */
export function tick(): void {
  ticks++;
  session.tick();
  if (session.me === 0 || ended !== undefined) return;
  const wanted = direction();
  if (wanted.dx !== steering.dx || wanted.dy !== steering.dy || ticks % 30 === 0) {
    if (session.send({ t: "input", dx: wanted.dx, dy: wanted.dy })) steering = wanted;
  }
  if (ticks % rules.pingEveryTicks === 0) session.send({ t: "ping", at: performance.now() });
}

/** Draws one frame. */
export function draw(): void {
  const layout = fit();
  screen.clear(BACKGROUND);
  drawField(layout);
  for (const [x, y] of session.coins) drawCoin(layout, x, y);
  for (const player of session.players) drawPlayer(layout, player);
  drawScores();
  drawStatus();
}

/** Leaves the game. */
export function shutdown(): void {
  session.close();
}

/** The pointer held down steers towards it; otherwise the keys do. */
function direction(): { dx: number; dy: number } {
  const pointer = input.pointer();
  const me = session.view;
  if (pointer === undefined || me === undefined) return input.keys();
  const layout = fit();
  const dx = (pointer.x - layout.left) / layout.scale - me.x;
  const dy = (pointer.y - layout.top) / layout.scale - me.y;
  return Math.hypot(dx, dy) < 0.3 ? { dx: 0, dy: 0 } : { dx: Math.round(dx * 100) / 100, dy: Math.round(dy * 100) / 100 };
}

/** The largest field that fits the screen below the title and above the status line. */
function fit(): Layout {
  const width = screen.width();
  const height = screen.height();
  const scale = Math.max(1, Math.min((width - 48) / rules.width, (height - 110) / rules.height));
  return { left: (width - rules.width * scale) / 2, top: 64 + (height - 110 - rules.height * scale) / 2, scale };
}

function drawField(layout: Layout): void {
  const { left, top, scale } = layout;
  const [width, height] = [rules.width * scale, rules.height * scale];
  screen.rect(left - 6, top - 6, width + 12, height + 12, "#1d2230", 14);
  screen.rect(left, top, width, height, "#151a24", 10);
  for (let x = 4; x < rules.width; x += 4) screen.line(left + x * scale, top, left + x * scale, top + height, "#1f2636");
  for (let y = 4; y < rules.height; y += 4) screen.line(left, top + y * scale, left + width, top + y * scale, "#1f2636");
  screen.text("arena", 24, 36, { size: 22, bold: true, color: "#e6e9ef" });
  screen.text("tickwire · the same scripts as the server, in your browser", 100, 36, { size: 13, color: "#8b93a7" });
}

function drawCoin(layout: Layout, x: number, y: number): void {
  const [cx, cy, r] = [layout.left + x * layout.scale, layout.top + y * layout.scale, Math.max(4, layout.scale * 0.35)];
  screen.circle(cx, cy, r * 1.6, "rgba(245, 184, 75, 0.15)");
  screen.circle(cx, cy, r, "#f5b84b");
  screen.circle(cx - r * 0.3, cy - r * 0.3, r * 0.35, "#ffe3a3");
}

function drawPlayer(layout: Layout, player: PlayerView): void {
  const [cx, cy, r] = [layout.left + player.x * layout.scale, layout.top + player.y * layout.scale, Math.max(6, layout.scale * 0.55)];
  const color = COLORS[player.id % COLORS.length] as string;
  const mine = player.id === session.me;
  if (mine) screen.circle(cx, cy, r + 5, "#e6e9ef");
  screen.circle(cx, cy, r, color);
  const label = mine ? `${player.name} (you)` : player.name;
  screen.text(label, cx, cy - r - 8, { size: 12, align: "center", color: mine ? "#ffffff" : "#c5cbd8", bold: mine });
}

function drawScores(): void {
  const ranked = [...session.players].sort((a, b) => b.score - a.score || a.id - b.id).slice(0, 8);
  const right = screen.width() - 24;
  screen.text("score", right, 36, { size: 13, align: "right", color: "#8b93a7" });
  ranked.forEach((player, i) => {
    const mine = player.id === session.me;
    const text = `${player.name}  ${player.score}`;
    screen.text(text, right, 58 + i * 18, { size: 13, align: "right", bold: mine, color: mine ? "#ffffff" : "#c5cbd8" });
  });
}

function drawStatus(): void {
  const trips = session.roundTrips;
  const last = trips.length > 0 ? `round trip ${(trips[trips.length - 1] as number).toFixed(1)} ms · ` : "";
  const state =
    ended !== undefined ? `disconnected: ${ended}` :
    session.me === 0 ? "looking for the server…" :
    `${last}arrow keys, WASD, or hold the mouse to move · ${session.players.length} playing`;
  screen.text(state, 24, screen.height() - 20, { size: 13, color: ended !== undefined ? "#ff6b6b" : "#8b93a7" });
}
