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

/** What a case measured once (`once: true`) reports; see OnceBenchCase. */
export interface OnceOutcome extends BenchOutcome {
  /**
   * The seconds to report, when the case timed its own measurement (e.g. the 2-worker half of a
   * scaling run). Absent: the harness's time of the whole `run` call.
   */
  readonly seconds?: number;
}

interface BenchCaseBase {
  /** Unique across all suites, e.g. `hold-1k`. Used as the filter on the command line. */
  readonly name: string;
  /**
   * Untimed: builds the state `run` works on. Called once per case, before warm-up, so the
   * warm-up calls also bring the state to its steady state. May be async (e.g. loading a model file).
   */
  setup?(): void | Promise<void>;
  /** Untimed: drops the state after the case has been measured, so the next case has the memory. */
  teardown?(): void;
}

/** A case tinybench repeats: warm-up, then at least `--iterations` timed calls. */
export interface RepeatedBenchCase extends BenchCaseBase {
  readonly once?: false;
  /**
   * Timed: one iteration. Should do about the same work each call; the harness reports the mean
   * events per call and total events over total time.
   */
  run(): BenchOutcome;
}

/**
 * A long case whose single `run` call is the whole measurement (e.g. 64 replications with 1 and
 * with 2 workers). The harness calls it exactly once, without warm-up and whatever `--iterations`
 * says, and times that call. It may be async; `signal` aborts on Ctrl-C.
 */
export interface OnceBenchCase extends BenchCaseBase {
  readonly once: true;
  run(signal: AbortSignal): OnceOutcome | Promise<OnceOutcome>;
}

export type BenchCase = RepeatedBenchCase | OnceBenchCase;
