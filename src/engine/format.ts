/**
 * How values a script logs are turned into text, the same on every platform:
 * strings as they are, numbers and the like with String(), bytes as a short
 * summary, errors as name and message, and anything else as JSON where it
 * can be (cycles and BigInts included), never throwing.
 */

/** Formats log arguments joined with spaces. */
export function formatArgs(args: readonly unknown[]): string {
  return args.map(formatValue).join(" ");
}

/** Formats one value for a log line. */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value !== "object") return typeof value === "function" ? "[function]" : String(value);
  if (isErrorLike(value)) return `${value.name}: ${value.message}`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength})`;
  try {
    return JSON.stringify(value, jsonSafe()) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** True for an Error from any realm. */
export function isErrorLike(value: unknown): value is { name: string; message: string; stack?: string } {
  if (value === null || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record.message === "string" && typeof record.name === "string";
}

function jsonSafe(): (key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return (_key, value) => {
    if (typeof value === "bigint") return `${value}n`;
    if (value === null || typeof value !== "object") return value;
    if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${value.byteLength})`;
    if (seen.has(value)) return "[circular]";
    seen.add(value);
    return value;
  };
}
