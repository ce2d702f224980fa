/**
 * Mapping a script error's stack from the evaluated bundle back to the tree's
 * own `.ts` files and lines, through esbuild's source map (read with
 * @jridgewell/trace-mapping), including the line a compile error (such as
 * `import.meta` outside a module) names. Frames outside the bundle (the
 * engine's own code, Node internals) are left out: a script author sees only
 * their code.
 */
import { originalPositionFor, TraceMap } from "@jridgewell/trace-mapping";
import { formatValue, isErrorLike } from "../format.js";
import type { DescribedError } from "../reporter.js";

/** V8 frame: "at name (file:line:col)" or "at file:line:col", "async " allowed before the name. */
const FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+):(\d+)\)?$/;

/** Describes errors raised by one bundle with their frames in the tree's files. */
export class StackMapper {
  private readonly trace: TraceMap;

  constructor(
    map: string,
    private readonly bundleName: string,
  ) {
    this.trace = new TraceMap(map);
  }

  /** The error's headline and its mapped frames, innermost first. */
  describe(error: unknown): DescribedError {
    if (!isErrorLike(error)) return { message: `thrown value ${formatValue(error)}`, frames: [] };
    const message = `${error.name}: ${error.message}`;
    const stack = typeof error.stack === "string" ? error.stack : "";
    const frames: string[] = [];
    const [first = ""] = stack.split("\n", 1);
    const compileLine = first.startsWith(`${this.bundleName}:`) ? Number(first.slice(this.bundleName.length + 1)) : NaN;
    if (Number.isInteger(compileLine)) frames.push(`at ${this.position(compileLine, 0)}`);
    for (const line of stack.split("\n")) {
      const frame = this.mapFrame(line);
      if (frame !== undefined) frames.push(frame);
    }
    return { message, frames };
  }

  /** "at tick (main.ts:12:5)" for a frame in the bundle; undefined for any other line. */
  private mapFrame(line: string): string | undefined {
    const match = FRAME.exec(line);
    if (match === null || match[2] !== this.bundleName) return undefined;
    const where = this.position(Number(match[3]), Number(match[4]) - 1);
    const name = match[1];
    return name === undefined || name.includes("$tickwire$exports") ? `at ${where}` : `at ${name} (${where})`;
  }

  /** "main.ts:12:5" for a line (1-based) and column (0-based) of the bundle. */
  private position(line: number, column: number): string {
    const position = originalPositionFor(this.trace, { line, column });
    if (position.source === null) return `${this.bundleName}:${line}:${column + 1}`;
    return `${position.source.replace(/^tree:/, "")}:${position.line}:${position.column + 1}`;
  }
}
