/**
 * What a benchmark case is: a name, a unit, the baseline it is measured
 * against, the goal its ratio must reach, and a `measure` function that
 * returns paired samples of both sides. The driver turns the pairs into the
 * median pair ratio and its spread; a case never formats anything itself.
 */

/** Settings every case is measured under (from the command line). */
export interface BenchEnv {
  /** Length of one measured window. */
  windowMs: number;
  /** Windows per side, one pair per round. */
  rounds: number;
  /** Unmeasured run-in before the first windows of each side. */
  warmupMs: number;
  /** What a window's rate is per: seconds of this process's CPU time (robust on a shared machine) or of wall time. */
  clock: "cpu" | "wall";
}

/**
 * Paired samples of both sides, in the case's unit: `tickwire[i]` and
 * `baseline[i]` were measured back to back in round i, so their ratio sees
 * the same state of the machine.
 */
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
  /** Measures both sides, in the same process run, as pairs of samples. */
  measure(env: BenchEnv): Promise<Samples>;
}

/** The figures the driver derives from a case's samples; one element of `bench/results.json`. */
export interface BenchResult {
  name: string;
  unit: string;
  /** Median of the tickwire side's samples. */
  tickwire: number;
  /** Median of the baseline side's samples. */
  baseline: number;
  baselineName: string;
  /** Median of the pair ratios (higher is better). */
  ratio: number;
  /** (max - min) / median of the pair ratios. */
  spread: number;
  goal: number;
  met: boolean;
  /** The ratio of each pair, in round order. */
  pairRatios: number[];
  samples: { tickwire: number[]; baseline: number[] };
  note?: string;
}
