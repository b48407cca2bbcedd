/**
 * Cheap running statistics for the event loop: a time-weighted level (`TimeWeighted`), a tally of
 * observations (`Tally`, in tally.ts, with P² quantiles and threshold exceedances) and a `Counter`.
 *
 * Each is called on every event, so none stores its observations and none allocates per update or
 * per record; state lives in fields and, for the per-quantile and per-threshold parts, in typed
 * arrays sized at construction. Times and values are in whatever unit the model chose (the caller
 * names them: `occupancyBeds`, `waitMin` …). The hot paths trust their input — times never go
 * backwards, values are finite — as the kernel validates at the boundary.
 *
 * Every class has `reset(...)`, called at the end of a warm-up to forget history while keeping the
 * current state, and `snapshot(now)`, which returns a plain object (`StatisticSnapshot`) that
 * survives `postMessage` to and from worker threads.
 *
 * No member ever returns NaN: with no observations (or an empty time window) means, variances,
 * extremes, quantiles and fractions are 0 and `count` says there was nothing to summarise — except
 * `TimeWeighted`, which always has a current level and returns it over an empty window.
 */

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

/** Summary of a `TimeWeighted` level over its window [last reset, now]. */
export interface TimeWeightedSnapshot {
  readonly kind: "timeWeighted";
  /** Time-weighted mean level over the window; the current level if the window is empty. */
  readonly mean: number;
  /** Highest level held in the window (including the level at the reset). */
  readonly max: number;
  /** Lowest level held in the window (including the level at the reset). */
  readonly min: number;
  /** Level at the snapshot time. */
  readonly value: number;
  /** Present only when a threshold was configured: fraction of the window with level ≥ threshold. */
  readonly fractionAtOrAbove?: number;
}

/** Counts and excess above one threshold of a `Tally`. */
export interface TallyThresholdSnapshot {
  /** Observations strictly greater than the threshold. */
  readonly count: number;
  /** `count` divided by all observations; 0 with no observations. */
  readonly fraction: number;
  /** Sum over observations of max(0, x − threshold), in the observations' unit. */
  readonly sumExcess: number;
}

/** Summary of a `Tally`. With `count` 0 every number is 0. */
export interface TallySnapshot {
  readonly kind: "tally";
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1 divisor); 0 with fewer than two observations. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  readonly sum: number;
  /** Estimated quantiles keyed by `String(p)`, e.g. `{ "0.5": 4.1, "0.9": 12.7 }`. */
  readonly quantiles: Readonly<Record<string, number>>;
  /** Exceedances keyed by `String(threshold)`, e.g. `{ "15": {...}, "60": {...} }`. */
  readonly above: Readonly<Record<string, TallyThresholdSnapshot>>;
}

/** Summary of a `Counter` over its window [last reset, now]. */
export interface CounterSnapshot {
  readonly kind: "counter";
  /** Count since the last reset. */
  readonly count: number;
  /** `count` per time unit of the window; 0 for an empty window. */
  readonly ratePerUnit: number;
}

/** What any statistic's `snapshot(now)` returns: a plain object, discriminated on `kind`. */
export type StatisticSnapshot = TimeWeightedSnapshot | TallySnapshot | CounterSnapshot;

// ---------------------------------------------------------------------------------------------
// TimeWeighted
// ---------------------------------------------------------------------------------------------

export interface TimeWeightedOptions {
  /**
   * When given, the statistic also accumulates the time the level was ≥ this value, read with
   * `fractionAtOrAbove(now)` (e.g. the share of time a ward sat at or above 92% occupancy).
   * Default: none.
   */
  readonly threshold?: number;
}

/**
 * A level that changes at event times — occupancy, queue length, staff on shift — averaged over
 * time. The level is piecewise constant: each value holds from the time it was set until the next
 * `update`.
 */
export class TimeWeighted {
  /** Threshold for `fractionAtOrAbove`, or undefined when none was configured. */
  readonly threshold: number | undefined;
  /** Comparison value in the hot path: the threshold, or +Infinity so no time is ever counted. */
  private readonly thresholdOrInf: number;
  private current: number;
  /** Time of the last `update` (or reset / construction): `current` has held since then. */
  private lastTime: number;
  /** Start of the accumulation window. */
  private startTime: number;
  /** ∫ level dt over [startTime, lastTime). */
  private area = 0;
  /** Time in [startTime, lastTime) with level ≥ threshold. */
  private timeAbove = 0;
  private maxValue: number;
  private minValue: number;

  /**
   * @param startTime time at which observation starts (the window opens here). Default 0.
   * @param initialValue level at `startTime`. Default 0.
   */
  constructor(startTime = 0, initialValue = 0, options: TimeWeightedOptions = {}) {
    this.threshold = options.threshold;
    this.thresholdOrInf = options.threshold ?? Infinity;
    this.current = initialValue;
    this.lastTime = startTime;
    this.startTime = startTime;
    this.maxValue = initialValue;
    this.minValue = initialValue;
  }

  /**
   * Sets the level to `newValue` at time `now` (≥ the previous update), recording the previous
   * level as held over [last update, now).
   */
  update(now: number, newValue: number): void {
    // Hot path: called on every state change; one ternary, two compares, no allocation.
    const dt = now - this.lastTime;
    const v = this.current;
    this.area += v * dt;
    this.timeAbove += v >= this.thresholdOrInf ? dt : 0;
    this.lastTime = now;
    this.current = newValue;
    if (newValue > this.maxValue) this.maxValue = newValue;
    if (newValue < this.minValue) this.minValue = newValue;
  }

  /** Changes the level by `delta` at time `now`: `update(now, value + delta)`. */
  add(now: number, delta: number): void {
    this.update(now, this.current + delta);
  }

  /** The current level. */
  get value(): number {
    return this.current;
  }

  /** Start of the accumulation window: construction time or the last `reset`. */
  get windowStart(): number {
    return this.startTime;
  }

  /** Highest level held since the last reset (the level at the reset counts). */
  get max(): number {
    return this.maxValue;
  }

  /** Lowest level held since the last reset (the level at the reset counts). */
  get min(): number {
    return this.minValue;
  }

  /** Area under the level over [window start, now], counting the current level up to `now`. */
  integral(now: number): number {
    return this.area + this.current * (now - this.lastTime);
  }

  /**
   * Time-weighted mean level over [window start, now], counting the current level up to `now`.
   * An empty window (now = window start) returns the current level.
   */
  mean(now: number): number {
    const window = now - this.startTime;
    return window > 0 ? this.integral(now) / window : this.current;
  }

  /**
   * Fraction of [window start, now] during which the level was ≥ the threshold given at
   * construction, counting the current level up to `now`. An empty window returns 1 if the current
   * level is at or above the threshold, else 0. Throws RangeError if no threshold was configured.
   */
  fractionAtOrAbove(now: number): number {
    if (this.threshold === undefined) {
      throw new RangeError("fractionAtOrAbove: this TimeWeighted was built without a threshold");
    }
    const atOrAbove = this.current >= this.threshold;
    const window = now - this.startTime;
    if (!(window > 0)) return atOrAbove ? 1 : 0;
    return (this.timeAbove + (atOrAbove ? now - this.lastTime : 0)) / window;
  }

  /**
   * Restarts accumulation at `now` (e.g. the end of a warm-up), keeping the current level: the
   * mean, integral, extremes and threshold time then cover [now, …) only.
   */
  reset(now: number): void {
    this.startTime = now;
    this.lastTime = now;
    this.area = 0;
    this.timeAbove = 0;
    this.maxValue = this.current;
    this.minValue = this.current;
  }

  /** Plain-object summary over [window start, now]. */
  snapshot(now: number): TimeWeightedSnapshot {
    const base = {
      kind: "timeWeighted" as const,
      mean: this.mean(now),
      max: this.maxValue,
      min: this.minValue,
      value: this.current,
    };
    return this.threshold === undefined ? base : { ...base, fractionAtOrAbove: this.fractionAtOrAbove(now) };
  }
}

// ---------------------------------------------------------------------------------------------
// Counter
// ---------------------------------------------------------------------------------------------

/** Counts events (arrivals, discharges, diversions) and their rate per time unit since a reset. */
export class Counter {
  private n = 0;
  private startTime: number;

  /** @param startTime time at which counting starts (the rate's window opens here). Default 0. */
  constructor(startTime = 0) {
    this.startTime = startTime;
  }

  /** Adds `by` (default 1) to the count. */
  inc(by = 1): void {
    this.n += by;
  }

  /** Count since construction or the last reset. */
  get value(): number {
    return this.n;
  }

  /** Start of the counting window: construction time or the last `reset`. */
  get windowStart(): number {
    return this.startTime;
  }

  /** Count per time unit over [window start, now]; 0 for an empty window. */
  rate(now: number): number {
    const window = now - this.startTime;
    return window > 0 ? this.n / window : 0;
  }

  /** Sets the count to 0 and opens a new window at `now` (e.g. the end of a warm-up). */
  reset(now: number): void {
    this.n = 0;
    this.startTime = now;
  }

  /** Plain-object summary over [window start, now]. */
  snapshot(now: number): CounterSnapshot {
    return { kind: "counter", count: this.n, ratePerUnit: this.rate(now) };
  }
}
