/**
 * Cheap running statistics for the event loop: a time-weighted level (`TimeWeighted`), a tally of
 * observations (`Tally`, with P² quantiles and threshold exceedances) and a `Counter`.
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
// Tally
// ---------------------------------------------------------------------------------------------

export interface TallyOptions {
  /**
   * Thresholds for exceedance counts, in the observations' unit (e.g. `[15, 60]` minutes of
   * ambulance handover). For each, the tally counts observations strictly above it and sums the
   * excess max(0, x − threshold). Default: none.
   */
  readonly thresholds?: readonly number[];
}

/** Markers per tracked probability in the P² algorithm. */
const P2_MARKERS = 5;

/**
 * Observations — waits, lengths of stay — summarised without storing them: count, sum, mean and
 * sample variance (Welford's update), extremes, exceedances of fixed thresholds and quantiles for
 * a fixed set of probabilities by the P² algorithm (Jain & Chlamtac, "The P² algorithm for dynamic
 * calculation of quantiles and histograms without storing observations", CACM 28(10), 1985).
 *
 * With no observations every statistic is 0; check `count`.
 *
 * P² assumes the stream is not ordered: fed sorted (or long monotone runs of) observations it can
 * be far off — 100k exponential quantiles in ascending order give p90 ≈ 7.0 instead of 2.3, as does
 * a literal transcription of the paper. Waits from a steadily growing queue are such a run; for
 * those, read the quantiles over replications rather than within one.
 */
export class Tally {
  /** Probabilities whose quantiles are tracked, in construction order. */
  readonly probabilities: readonly number[];
  /** Thresholds whose exceedances are tracked, in construction order. */
  readonly thresholds: readonly number[];

  private n = 0;
  private meanValue = 0;
  /** Σ (x − mean)² (Welford's M2). */
  private m2 = 0;
  private sumValue = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;

  // P² state, 5 markers per probability at offset 5·j. Desired marker positions are not stored:
  // after n observations they are 1 + (n − 1)·{0, p/2, p, (1 + p)/2, 1}, computed exactly.
  private readonly probs: Float64Array;
  /** Marker heights; during the first five observations, the observations themselves, sorted. */
  private readonly heights: Float64Array;
  /** Marker positions (1-based ranks, integral values). */
  private readonly positions: Float64Array;

  private readonly limits: Float64Array;
  private readonly countAboveLimit: Float64Array;
  private readonly excessAboveLimit: Float64Array;

  /**
   * @param probabilities quantiles to track, each in (0, 1), e.g. `[0.5, 0.9, 0.95]`. Default none.
   * @throws RangeError for a probability outside (0, 1) or a non-finite threshold.
   */
  constructor(probabilities: readonly number[] = [], options: TallyOptions = {}) {
    for (const p of probabilities) {
      if (!(p > 0 && p < 1)) throw new RangeError(`Tally: quantile probability ${p} is not in (0, 1)`);
    }
    const thresholds = options.thresholds ?? [];
    for (const t of thresholds) {
      if (!Number.isFinite(t)) throw new RangeError(`Tally: threshold ${t} is not a finite number`);
    }
    this.probabilities = Object.freeze(probabilities.slice());
    this.thresholds = Object.freeze(thresholds.slice());
    this.probs = Float64Array.from(probabilities);
    this.heights = new Float64Array(P2_MARKERS * probabilities.length);
    this.positions = new Float64Array(P2_MARKERS * probabilities.length);
    this.limits = Float64Array.from(thresholds);
    this.countAboveLimit = new Float64Array(thresholds.length);
    this.excessAboveLimit = new Float64Array(thresholds.length);
  }

  /** Adds one observation. */
  record(x: number): void {
    // Hot path: no allocation; loops run over the (few) tracked probabilities and thresholds.
    const n = ++this.n;
    const d = x - this.meanValue;
    this.meanValue += d / n;
    this.m2 += d * (x - this.meanValue);
    this.sumValue += x;
    if (x < this.minValue) this.minValue = x;
    if (x > this.maxValue) this.maxValue = x;

    const limits = this.limits;
    for (let i = 0; i < limits.length; i++) {
      const excess = x - limits[i]!;
      if (excess > 0) {
        this.countAboveLimit[i]! += 1;
        this.excessAboveLimit[i]! += excess;
      }
    }

    if (this.probs.length > 0) this.recordQuantiles(x, n);
  }

  /** The P² part of `record` (kept apart so the common case, no quantiles, stays small enough to inline). */
  private recordQuantiles(x: number, n: number): void {
    const k = this.probs.length;
    if (n <= P2_MARKERS) {
      for (let j = 0; j < k; j++) this.insertSorted(j * P2_MARKERS, n - 1, x);
      if (n === P2_MARKERS) {
        for (let j = 0; j < k; j++) {
          for (let i = 0; i < P2_MARKERS; i++) this.positions[j * P2_MARKERS + i] = i + 1;
        }
      }
      return;
    }
    for (let j = 0; j < k; j++) this.p2Update(j, x, n);
  }

  /** Inserts `x` into the sorted run heights[base .. base+len) (insertion step; len < 5). */
  private insertSorted(base: number, len: number, x: number): void {
    const q = this.heights;
    let i = base + len;
    while (i > base && q[i - 1]! > x) {
      q[i] = q[i - 1]!;
      i--;
    }
    q[i] = x;
  }

  /** One P² step for probability index `j` after the n-th observation `x` (n > 5). */
  private p2Update(j: number, x: number, n: number): void {
    const q = this.heights;
    const pos = this.positions;
    const b = j * P2_MARKERS;
    const p = this.probs[j]!;

    // Find the cell k such that q[k] ≤ x < q[k+1], extending the extremes if needed.
    let k: number;
    if (x < q[b]!) {
      q[b] = x;
      k = 0;
    } else if (x >= q[b + 4]!) {
      q[b + 4] = x;
      k = 3;
    } else {
      k = 0;
      while (x >= q[b + k + 1]!) k++;
    }
    for (let i = k + 1; i < P2_MARKERS; i++) pos[b + i]! += 1;

    // Adjust the three middle markers towards their desired positions 1 + (n − 1)·f_i.
    const m = n - 1;
    for (let i = 1; i <= 3; i++) {
      const f = i === 1 ? p / 2 : i === 2 ? p : (1 + p) / 2;
      const at = b + i;
      const ni = pos[at]!;
      const d = 1 + m * f - ni;
      const gapUp = pos[at + 1]! - ni;
      const gapDown = pos[at - 1]! - ni;
      if ((d >= 1 && gapUp > 1) || (d <= -1 && gapDown < -1)) {
        const s = d >= 1 ? 1 : -1;
        const qi = q[at]!;
        const qUp = q[at + 1]!;
        const qDown = q[at - 1]!;
        // Piecewise-parabolic (P²) prediction.
        const parabolic =
          qi +
          (s / (gapUp - gapDown)) *
            ((-gapDown + s) * ((qUp - qi) / gapUp) + (gapUp - s) * ((qi - qDown) / -gapDown));
        if (qDown < parabolic && parabolic < qUp) {
          q[at] = parabolic;
        } else {
          // Linear fallback keeps the heights monotone.
          q[at] = s === 1 ? qi + (qUp - qi) / gapUp : qi - (qDown - qi) / gapDown;
        }
        pos[at] = ni + s;
      }
    }
  }

  /** Number of observations since the last reset. */
  get count(): number {
    return this.n;
  }

  /** Sum of observations; 0 with none. */
  get sum(): number {
    return this.sumValue;
  }

  /** Arithmetic mean; 0 with no observations. */
  get mean(): number {
    return this.meanValue;
  }

  /** Sample variance (n − 1 divisor, Welford's method); 0 with fewer than two observations. */
  get variance(): number {
    return this.n > 1 ? this.m2 / (this.n - 1) : 0;
  }

  /** Sample standard deviation, √variance; 0 with fewer than two observations. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Smallest observation; 0 with none. */
  get min(): number {
    return this.n > 0 ? this.minValue : 0;
  }

  /** Largest observation; 0 with none. */
  get max(): number {
    return this.n > 0 ? this.maxValue : 0;
  }

  /**
   * Quantile estimate for `p`, one of the probabilities given at construction. With five or fewer
   * observations it is exact: linear interpolation between order statistics at rank (n − 1)·p
   * (the "type 7" definition, as R's and NumPy's default). Beyond that it is the P² estimate.
   * 0 with no observations.
   * @throws RangeError if `p` is not tracked.
   */
  quantile(p: number): number {
    const j = indexOf(this.probs, p);
    if (j < 0) {
      throw new RangeError(`Tally.quantile: p = ${p} is not tracked (tracked: ${this.probabilities.join(", ") || "none"})`);
    }
    const b = j * P2_MARKERS;
    const q = this.heights;
    const n = this.n;
    if (n === 0) return 0;
    if (n > P2_MARKERS) return q[b + 2]!;
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const below = q[b + lo]!;
    return lo + 1 < n ? below + (h - lo) * (q[b + lo + 1]! - below) : below;
  }

  /**
   * Number of observations strictly above `threshold`, one of those given at construction.
   * @throws RangeError if `threshold` is not tracked.
   */
  countAbove(threshold: number): number {
    return this.countAboveLimit[this.thresholdIndex(threshold, "countAbove")]!;
  }

  /**
   * Fraction of observations strictly above `threshold`; 0 with no observations.
   * @throws RangeError if `threshold` is not tracked.
   */
  fractionAbove(threshold: number): number {
    const i = this.thresholdIndex(threshold, "fractionAbove");
    return this.n > 0 ? this.countAboveLimit[i]! / this.n : 0;
  }

  /**
   * Σ max(0, x − threshold) over observations, in the observations' unit (e.g. handover minutes
   * lost beyond 15 minutes).
   * @throws RangeError if `threshold` is not tracked.
   */
  sumExcessAbove(threshold: number): number {
    return this.excessAboveLimit[this.thresholdIndex(threshold, "sumExcessAbove")]!;
  }

  private thresholdIndex(threshold: number, member: string): number {
    const i = indexOf(this.limits, threshold);
    if (i < 0) {
      throw new RangeError(
        `Tally.${member}: threshold ${threshold} is not tracked (tracked: ${this.thresholds.join(", ") || "none"})`,
      );
    }
    return i;
  }

  /** Forgets every observation (e.g. at the end of a warm-up); the tracked p and thresholds stay. */
  reset(): void {
    this.n = 0;
    this.meanValue = 0;
    this.m2 = 0;
    this.sumValue = 0;
    this.minValue = Infinity;
    this.maxValue = -Infinity;
    this.heights.fill(0);
    this.positions.fill(0);
    this.countAboveLimit.fill(0);
    this.excessAboveLimit.fill(0);
  }

  /** Plain-object summary. `now` is unused (a tally has no time window); kept for a uniform call. */
  snapshot(_now?: number): TallySnapshot {
    const quantiles: Record<string, number> = {};
    for (const p of this.probabilities) quantiles[String(p)] = this.quantile(p);
    const above: Record<string, TallyThresholdSnapshot> = {};
    for (const t of this.thresholds) {
      above[String(t)] = { count: this.countAbove(t), fraction: this.fractionAbove(t), sumExcess: this.sumExcessAbove(t) };
    }
    return {
      kind: "tally",
      count: this.n,
      mean: this.mean,
      sd: this.sd,
      min: this.min,
      max: this.max,
      sum: this.sumValue,
      quantiles,
      above,
    };
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

/** Index of the first element exactly equal to `x`, or -1. */
function indexOf(values: Float64Array, x: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] === x) return i;
  return -1;
}
