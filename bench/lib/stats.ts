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

/** What a result row says of its case, whatever its figures. */
type CaseFacts = Pick<BenchResult, "name" | "unit" | "baselineName" | "goal">;

/** Turns a case's samples into its result row. */
export function summarize(benchCase: BenchCase, samples: Samples): BenchResult {
  return resultRow(benchCase, pairRatios(benchCase, samples), samples, samples.note);
}

/** One row from the results of one case measured in several processes: their pairs taken together. */
export function pooled(results: BenchResult[]): BenchResult {
  const ratios = results.flatMap((result) => result.pairRatios);
  const samples = { tickwire: results.flatMap((r) => r.samples.tickwire), baseline: results.flatMap((r) => r.samples.baseline) };
  return resultRow(results[0], ratios, samples, results[0].note);
}

function resultRow(facts: CaseFacts, ratios: number[], samples: Samples, note: string | undefined): BenchResult {
  const ratio = median(ratios);
  return {
    name: facts.name,
    unit: facts.unit,
    tickwire: round(median(samples.tickwire)),
    baseline: round(median(samples.baseline)),
    baselineName: facts.baselineName,
    ratio: Number(ratio.toFixed(3)),
    spread: Number(spread(ratios).toFixed(3)),
    goal: facts.goal,
    met: ratio >= facts.goal,
    pairRatios: ratios.map((r) => Number(r.toFixed(3))),
    samples: { tickwire: samples.tickwire.map(round), baseline: samples.baseline.map(round) },
    note,
  };
}

function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toFixed(2));
}
