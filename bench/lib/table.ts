/**
 * Formats results: an aligned table for the terminal and a Markdown table
 * for docs/benchmarks.md (case, goal, median pair ratio, spread, met or
 * missed, then each side's median), and the comparison of two full runs.
 */
import type { BenchResult } from "./case.js";

/** Two runs agree on a row when their ratios differ by at most this share. */
export const RERUN_TOLERANCE = 0.15;

const HEADER = ["case", "goal", "ratio", "spread", "", "tickwire", "baseline", "unit", "baseline is"];

/** One row of cells per result. */
function rows(results: BenchResult[]): string[][] {
  return results.map((r) => [
    r.name,
    `≥ ${r.goal}`,
    r.ratio.toFixed(2),
    percent(r.spread),
    r.met ? "met" : "MISSED",
    figure(r.tickwire),
    figure(r.baseline),
    r.unit,
    r.baselineName,
  ]);
}

/** An aligned plain-text table of one run. */
export function textTable(results: BenchResult[]): string {
  return aligned([HEADER, ...rows(results)]);
}

/** A Markdown table of one run. */
export function markdownTable(results: BenchResult[]): string {
  const lines = [`| ${HEADER.map((cell) => cell || "met").join(" | ")} |`, `|${HEADER.map(() => "---").join("|")}|`];
  for (const [name, goal, ratio, ...rest] of rows(results)) {
    lines.push(`| \`${name}\` | ${goal} | **${ratio}** | ${rest.join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The change of each row's ratio from the first run to the second, and whether it stays within tolerance. */
export function rerunTable(first: BenchResult[], second: BenchResult[]): string {
  const header = ["case", "goal", "run 1", "run 2", "change", "", "goal met"];
  const lines = second.map((again) => {
    const once = first.find((r) => r.name === again.name);
    if (once === undefined) return [again.name, `≥ ${again.goal}`, "-", again.ratio.toFixed(2), "-", "", ""];
    const change = again.ratio / once.ratio - 1;
    const steady = Math.abs(change) <= RERUN_TOLERANCE ? "steady" : "MOVED";
    const met = once.met && again.met ? "both" : once.met || again.met ? "one run" : "NEITHER";
    return [again.name, `≥ ${again.goal}`, once.ratio.toFixed(2), again.ratio.toFixed(2), signed(change), steady, met];
  });
  return aligned([header, ...lines]);
}

function aligned(all: string[][]): string {
  const widths = all[0].map((_, column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

function figure(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(2);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${(value * 100).toFixed(0)}%`;
}
