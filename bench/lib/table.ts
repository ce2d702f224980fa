/**
 * Formats results: an aligned table for the terminal and a Markdown table
 * for docs/benchmarks.md, both with medians, spreads, ratio and goal.
 */
import type { BenchResult } from "./case.js";

const HEADER = ["case", "unit", "tickwire", "±", "baseline", "±", "ratio", "goal", "", "baseline is"];

/** One row of cells per result. */
function rows(results: BenchResult[]): string[][] {
  return results.map((r) => [
    r.name,
    r.unit,
    figure(r.tickwire),
    percent(r.spread.tickwire),
    figure(r.baseline),
    percent(r.spread.baseline),
    r.ratio.toFixed(2),
    `≥ ${r.goal}`,
    r.met ? "met" : "MISSED",
    r.baselineName,
  ]);
}

/** An aligned plain-text table. */
export function textTable(results: BenchResult[]): string {
  const all = [HEADER, ...rows(results)];
  const widths = HEADER.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()).join("\n");
}

/** A Markdown table. */
export function markdownTable(results: BenchResult[]): string {
  const header = ["case", "unit", "tickwire (median)", "spread", "baseline (median)", "spread", "ratio", "goal", "baseline"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
  for (const row of rows(results)) {
    const [name, unit, tw, tws, base, bases, ratio, goal, met, baseName] = row;
    lines.push(`| \`${name}\` | ${unit} | ${tw} | ${tws} | ${base} | ${bases} | **${ratio}** | ${goal} ${met} | ${baseName} |`);
  }
  return lines.join("\n");
}

function figure(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(2);
}

function percent(value: number): string {
  return `${(value * 100).toFixed(0)}%`;
}
