/**
 * The engine's output: every line a script prints or logs, and every script
 * error, goes through one sink with the runtime role as prefix
 * (`[server] ...` for print, `[server:warn] ...` for log levels), so two
 * processes writing to one terminal stay apart.
 */
import { formatArgs } from "./format.js";

/** Severity of a line; "print" is a script's plain `print()` or `console.log()`. */
export type LogLevel = "print" | "debug" | "info" | "warn" | "error";

/** Where finished lines go: the default writes warn and error to stderr, the rest to stdout. */
export type LogSink = (level: LogLevel, line: string) => void;

/** Writes through `console`, which exists on every platform. */
export const consoleSink: LogSink = (level, line) => {
  if (level === "warn" || level === "error") console.error(line);
  else console.log(line);
};

/** Prefixes and writes lines for one engine. */
export class Logger {
  constructor(
    private readonly role: string,
    private readonly sink: LogSink,
  ) {}

  /** Formats `args` (joined with spaces) and writes them at `level`. */
  log(level: LogLevel, args: readonly unknown[]): void {
    this.line(level, formatArgs(args));
  }

  /** Writes one already formatted text at `level`. */
  line(level: LogLevel, text: string): void {
    const prefix = level === "print" ? `[${this.role}]` : `[${this.role}:${level}]`;
    this.raw(level, `${prefix} ${text}`);
  }

  /** Writes a line as it is, without the role prefix. */
  raw(level: LogLevel, line: string): void {
    try {
      this.sink(level, line);
    } catch {
      // A broken sink (a closed pipe) must not take the engine down.
    }
  }
}
