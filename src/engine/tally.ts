/**
 * A tally of observations (waits, lengths of stay) for the event loop: count, mean and variance,
 * extremes, threshold exceedances and P² quantiles, without storing the observations and without
 * allocating per record. See stats.ts for the conventions every statistic follows (reset at the
 * end of a warm-up, plain-object snapshots, never NaN).
 */
import type { TallySnapshot, TallyThresholdSnapshot } from "./stats.js";

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


/** Index of the first element exactly equal to `x`, or -1. */
function indexOf(values: Float64Array, x: number): number {
  for (let i = 0; i < values.length; i++) if (values[i] === x) return i;
  return -1;
}
