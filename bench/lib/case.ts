/**
 * What a benchmark case is: a name, a unit, the baseline it is measured
 * against, the goal its ratio must reach, and a `measure` function that
 * returns repeated samples of both sides. The driver turns the samples into
 * medians, spreads and the ratio; a case never formats anything itself.
 */

/** Settings every case is measured under (from the command line). */
export interface BenchEnv {
  /** Length of one measured window. */
  windowMs: number;
  /** Windows per side. */
  rounds: number;
  /** Unmeasured run-in before the first window of each side. */
  warmupMs: number;
}

/** Repeated samples of both sides, in the case's unit. */
export interface Samples {
  tickwire: number[];
  baseline: number[];
  /** Anything the reader should know about this measurement. */
  note?: string;
}

/** One row of the benchmark table. */
export interface BenchCase {
  /** Short stable name, as in the table. */
  name: string;
  /** What is measured, for the table's "what" column. */
  what: string;
  /** Unit of both sides' numbers. */
  unit: string;
  /** What tickwire is compared with. */
  baselineName: string;
  /** The ratio tickwire / baseline (inverted where lower is better) must reach at least this. */
  goal: number;
  /** True for units where less is better (memory): the ratio is then baseline / tickwire. */
  lowerIsBetter?: boolean;
  /** Measures both sides, in the same process run. */
  measure(env: BenchEnv): Promise<Samples>;
}

/** The figures the driver derives from a case's samples; one element of `bench/results.json`. */
export interface BenchResult {
  name: string;
  unit: string;
  tickwire: number;
  baseline: number;
  baselineName: string;
  ratio: number;
  goal: number;
  met: boolean;
  /** Relative spread of the windows, (max - min) / median, per side. */
  spread: { tickwire: number; baseline: number };
  samples: { tickwire: number[]; baseline: number[] };
  note?: string;
}
