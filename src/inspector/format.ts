/**
 * Number formatting for the inspector page: byte sizes and rates in binary
 * units, counts with thousands separators, and how long ago something was.
 */

const UNITS = ["B", "KiB", "MiB", "GiB"];

/** "1.5 MiB" for 1572864; whole bytes below 1 KiB. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** "12.3/s" style rate with one decimal below 100. */
export function formatRate(perSecond: number): string {
  return perSecond >= 100 ? `${Math.round(perSecond).toLocaleString("en")}/s` : `${perSecond.toFixed(1)}/s`;
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return Math.round(count).toLocaleString("en");
}

/** "3 s ago", "2 min ago", "1 h ago". */
export function formatAgo(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  return `${Math.floor(seconds / 3600)} h ago`;
}
