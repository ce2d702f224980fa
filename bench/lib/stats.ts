/**
 * The statistics the table reports: the median of repeated windows, their
 * relative spread, and the ratio oriented so that higher is always better.
 */
import type { BenchCase, BenchResult, Samples } from "./case.js";

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** (max - min) / median: 0.1 means the windows lay within 10 % of the median. */
export function spread(values: number[]): number {
  const mid = median(values);
  return mid === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mid;
}

/** Turns a case's samples into its result row. */
export function summarize(benchCase: BenchCase, samples: Samples): BenchResult {
  const tickwire = median(samples.tickwire);
  const baseline = median(samples.baseline);
  const ratio = benchCase.lowerIsBetter ? baseline / tickwire : tickwire / baseline;
  return {
    name: benchCase.name,
    unit: benchCase.unit,
    tickwire: round(tickwire),
    baseline: round(baseline),
    baselineName: benchCase.baselineName,
    ratio: Number(ratio.toFixed(3)),
    goal: benchCase.goal,
    met: ratio >= benchCase.goal,
    spread: { tickwire: Number(spread(samples.tickwire).toFixed(3)), baseline: Number(spread(samples.baseline).toFixed(3)) },
    samples: { tickwire: samples.tickwire.map(round), baseline: samples.baseline.map(round) },
    note: samples.note,
  };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(2));
}
