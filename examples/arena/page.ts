/**
 * The arena's third program, for the browser: an engine with the client role
 * running the same scripts as the server, from the packs the server program
 * serves, with a person playing: `launch.player` is "human", and the page
 * gives the scripts a `screen` (its canvas) and an `input` (keyboard and
 * pointer). The server program bundles this file for the page at start.
 * Open http://127.0.0.1:8080/ (add ?name=you) while examples/arena/server.ts runs.
 */
import { Engine, loadPak } from "tickwire/engine";
import type { Input, Screen, TextStyle } from "./scripts/client/io.ts";

const canvas = document.getElementById("arena") as HTMLCanvasElement;
const context = canvas.getContext("2d") as CanvasRenderingContext2D;

/** Keeps the canvas at the window's size, sharp on high-density screens. */
function resize(): void {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(canvas.clientWidth * ratio);
  canvas.height = Math.round(canvas.clientHeight * ratio);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
}

/** The `screen` module: the canvas in CSS pixels. */
const screen: Screen = {
  width: () => canvas.clientWidth,
  height: () => canvas.clientHeight,
  clear(color) {
    context.fillStyle = color;
    context.fillRect(0, 0, canvas.clientWidth, canvas.clientHeight);
  },
  rect(x, y, width, height, color, radius = 0) {
    context.fillStyle = color;
    context.beginPath();
    context.roundRect(x, y, width, height, radius);
    context.fill();
  },
  circle(x, y, radius, color) {
    context.fillStyle = color;
    context.beginPath();
    context.arc(x, y, radius, 0, 2 * Math.PI);
    context.fill();
  },
  line(x1, y1, x2, y2, color, width = 1) {
    context.strokeStyle = color;
    context.lineWidth = width;
    context.beginPath();
    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    context.stroke();
  },
  text(text, x, y, style: TextStyle = {}) {
    context.fillStyle = style.color ?? "#e6e9ef";
    context.textAlign = style.align ?? "left";
    context.font = `${style.bold ? "600 " : ""}${style.size ?? 14}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
    context.fillText(text, x, y);
  },
};

const held = new Set<string>();
const AXES: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
  KeyA: [-1, 0], KeyD: [1, 0], KeyW: [0, -1], KeyS: [0, 1],
};
let pointer: { x: number; y: number } | undefined;

/** The `input` module: the arrow keys or WASD held, and the pointer while pressed. */
const input: Input = {
  keys() {
    let [dx, dy] = [0, 0];
    for (const code of held) {
      dx += AXES[code]?.[0] ?? 0;
      dy += AXES[code]?.[1] ?? 0;
    }
    return { dx: Math.sign(dx), dy: Math.sign(dy) };
  },
  pointer: () => pointer,
};

window.addEventListener("keydown", (event) => {
  if (event.code in AXES) {
    held.add(event.code);
    event.preventDefault();
  }
});
window.addEventListener("keyup", (event) => held.delete(event.code));
window.addEventListener("blur", () => held.clear());
const track = (event: PointerEvent) => (pointer = event.buttons > 0 ? { x: event.offsetX, y: event.offsetY } : undefined);
canvas.addEventListener("pointerdown", track);
canvas.addEventListener("pointermove", track);
canvas.addEventListener("pointerup", () => (pointer = undefined));
window.addEventListener("resize", resize);
resize();

const name = new URLSearchParams(location.search).get("name")?.slice(0, 20) || `guest-${Math.floor(Math.random() * 900 + 100)}`;
const engine = new Engine({
  runtimeRole: "client",
  output: (level, line) => (level === "warn" || level === "error" ? console.warn(line) : console.log(line)),
});
engine.installNetwork();
engine.installModule("launch", { status_url: new URL("status", location.href).href, transport: "ws", name, seconds: 0, player: "human" });
engine.installModule("screen", screen);
engine.installModule("input", input);
await engine.mountScripts(await loadPak(new URL("scripts.pak", location.href)));
await engine.mountAssets(await loadPak(new URL("assets.pak", location.href)));
await engine.start();
document.body.dataset.player = name;
