/**
 * The modules the page installs for a person playing (`engine.installModule`):
 * `screen`, its canvas, and `input`, its keyboard and pointer. Types only, so
 * the page program can import them as they are.
 */

/** Text options of `screen.text`. */
export interface TextStyle {
  color?: string;
  /** Font size in pixels (default 14). */
  size?: number;
  align?: "left" | "center" | "right";
  bold?: boolean;
}

/** The page's canvas, for a person's client: pixels, origin at the top left. */
export interface Screen {
  width(): number;
  height(): number;
  clear(color: string): void;
  rect(x: number, y: number, width: number, height: number, color: string, radius?: number): void;
  circle(x: number, y: number, radius: number, color: string): void;
  line(x1: number, y1: number, x2: number, y2: number, color: string, width?: number): void;
  text(text: string, x: number, y: number, style?: TextStyle): void;
}

/** The page's keyboard and pointer. */
export interface Input {
  /** The direction the arrow keys or WASD point, each axis -1, 0 or 1 (y grows downwards). */
  keys(): { dx: number; dy: number };
  /** The pointer in screen pixels while a button or finger is down, else undefined. */
  pointer(): { x: number; y: number } | undefined;
}
