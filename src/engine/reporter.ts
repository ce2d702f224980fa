/**
 * Script errors: each is logged once with its stack (mapped to the script's
 * own files by the script host), and the same error raised again (the same
 * place, message and top frame, as a broken tick raises it every tick) is
 * counted and summed up at most once a second instead of printed each time.
 * A call stopped at its budget (or the sandbox's memory cap) is reported and
 * counted the same way, as "script ran past its budget of <ms> ms in
 * <phase>" (or "script out of memory in <phase>").
 */
import { ScriptStopped } from "./budget.js";
import type { Logger } from "./logger.js";

/** An error as a script host describes it: a headline and its stack frames in the script's own files. */
export interface DescribedError {
  /** "TypeError: x is undefined", or the formatted value thrown. */
  message: string;
  /** Lines such as "at tick (main.ts:12:5)", innermost first. */
  frames: string[];
}

/** How a script host turns a thrown value into a description. */
export type ErrorDescriber = (error: unknown) => DescribedError;

/** Past this many distinct errors, the oldest is forgotten (and may be printed again). */
const MAX_TRACKED = 256;

interface Seen {
  headline: string;
  pending: number;
  lastPrinted: number;
}

/** Logs script errors once and counts repeats. */
export class ErrorReporter {
  private readonly seen = new Map<string, Seen>();
  private describe: ErrorDescriber = (error) => ({ message: String(error), frames: [] });
  /** Every error reported, repeats included. */
  total = 0;

  constructor(
    private readonly logger: Logger,
    private readonly now: () => number,
    private readonly intervalMs = 1000,
  ) {}

  /** Sets how thrown values are described (the mounted script host's source mapping). */
  useDescriber(describe: ErrorDescriber): void {
    this.describe = describe;
  }

  /** Logs an error raised `where` ("in tick()", "at load", ...), or counts it if it was seen before. */
  report(error: unknown, where: string): void {
    this.total++;
    let described: DescribedError;
    try {
      described = this.describe(error);
    } catch {
      described = { message: String(error), frames: [] };
    }
    const top = described.frames[0] ?? "";
    const key = `${where}\n${described.message}\n${top}`;
    const known = this.seen.get(key);
    if (known !== undefined) {
      known.pending++;
      return;
    }
    if (this.seen.size >= MAX_TRACKED) this.seen.delete(this.seen.keys().next().value as string);
    const lead = error instanceof ScriptStopped ? `${error.message} ${where}` : `script error ${where}: ${described.message}`;
    const headline = `${lead}${top === "" ? "" : ` ${top}`}`;
    this.seen.set(key, { headline, pending: 0, lastPrinted: this.now() });
    const stack = described.frames.map((frame) => `\n    ${frame}`).join("");
    this.logger.line("error", `${lead}${stack}`);
  }

  /** Prints the count of repeats of each error not summed up within the last interval (all of them when `force`). */
  flush(force = false): void {
    const now = this.now();
    for (const entry of this.seen.values()) {
      if (entry.pending === 0 || (!force && now - entry.lastPrinted < this.intervalMs)) continue;
      const times = entry.pending === 1 ? "once more" : `${entry.pending} more times`;
      this.logger.line("error", `${entry.headline} (repeated ${times})`);
      entry.pending = 0;
      entry.lastPrinted = now;
    }
  }
}
