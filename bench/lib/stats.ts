/**
 * The statistics the table reports: the ratio of each pair of windows
 * (oriented so that higher is always better), the median of those ratios,
 * and their relative spread.
 */
import type { BenchCase, BenchResult, Samples } from "./case.js";

/** The median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** (max - min) / median: 0.1 means the values lay within 10 % of their median. */
export function spread(values: number[]): number {
  const mid = median(values);
  return mid === 0 ? 0 : (Math.max(...values) - Math.min(...values)) / mid;
}

/** The ratio of each pair of samples, higher is better. */
export function pairRatios(benchCase: BenchCase, samples: Samples): number[] {
  const pairs = Math.min(samples.tickwire.length, samples.baseline.length);
  if (pairs === 0) throw new Error(`bench: case ${benchCase.name} returned no pair of samples`);
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const [tickwire, baseline] = [samples.tickwire[i], samples.baseline[i]];
    ratios.push(benchCase.lowerIsBetter ? baseline / tickwire : tickwire / baseline);
  }
  return ratios;
}

/** Turns a case's samples into its result row. */
export function summarize(benchCase: BenchCase, samples: Samples): BenchResult {
  const ratios = pairRatios(benchCase, samples);
  const ratio = median(ratios);
  return {
    name: benchCase.name,
    unit: benchCase.unit,
    tickwire: round(median(samples.tickwire)),
    baseline: round(median(samples.baseline)),
    baselineName: benchCase.baselineName,
    ratio: Number(ratio.toFixed(3)),
    spread: Number(spread(ratios).toFixed(3)),
    goal: benchCase.goal,
    met: ratio >= benchCase.goal,
    pairRatios: ratios.map((r) => Number(r.toFixed(3))),
    samples: { tickwire: samples.tickwire.map(round), baseline: samples.baseline.map(round) },
    note: samples.note,
  };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(2));
}
