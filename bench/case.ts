/**
 * The shape of one benchmark case. A suite is a module in bench/ that exports
 * `cases: readonly BenchCase[]`; bench/run.ts imports each suite's `cases` into its SUITES list.
 */

/** What one timed call of `run` did. */
export interface BenchOutcome {
  /** Events processed in this call; the harness divides by time to get events per second. */
  readonly events: number;
  /**
   * Further figures for the JSON line (e.g. `pending`). Values from the last timed call are
   * reported. Names must not clash with the harness's own fields (see bench/run.ts).
   */
  readonly extra?: Readonly<Record<string, number | string>>;
}

export interface BenchCase {
  /** Unique across all suites, e.g. `hold-1k`. Used as the filter on the command line. */
  readonly name: string;
  /**
   * Untimed: builds the state `run` works on. Called once per case, before warm-up, so the
   * warm-up calls also bring the state to its steady state.
   */
  setup?(): void;
  /** Untimed: drops the state after the case has been measured, so the next case has the memory. */
  teardown?(): void;
  /**
   * Timed: one iteration. Should do about the same work each call; the harness reports the mean
   * events per call and total events over total time.
   */
  run(): BenchOutcome;
}
