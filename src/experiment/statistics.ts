/**
 * Summaries across replications, from plain arrays of per-replication results: means, sample
 * standard deviations, type 7 quantiles, Student t confidence intervals (also for paired
 * differences under common random numbers), MSER-5 warm-up detection and the
 * confidence-interval precision check for the number of replications.
 *
 * Pure computation: no I/O, no clock, no randomness.
 *
 * References:
 * - Hyndman & Fan (1996), "Sample quantiles in statistical packages" (type 7 = R/NumPy default).
 * - Hill (1970), CACM Algorithm 396 — the Student t quantile's starting value and its
 *   Cornish–Fisher correction; refined here by safeguarded Newton steps on the exact t tail.
 * - Wichura (1988), Algorithm AS 241 — the normal quantile.
 * - White (1997), "An effective truncation heuristic for bias reduction in simulation output";
 *   Hoad, Robinson & Davies (2010), "Automating warm-up length estimation" (MSER-5), and
 *   Hoad, Robinson & Davies (2010), "Automated selection of the number of replications for a
 *   discrete-event simulation" (confidence-interval method).
 */

// ---------------------------------------------------------------------------------------------
// Basic summaries
// ---------------------------------------------------------------------------------------------

function requireFinite(values: readonly number[], what: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) throw new RangeError(`${what}: value at index ${i} is ${v}; all values must be finite`);
  }
}

function requireLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** Arithmetic mean (compensated summation). Throws RangeError for an empty array. */
export function mean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) throw new RangeError("mean of an empty array");
  // Neumaier summation: exact to the last bits even for long series of mixed magnitudes.
  let sum = 0;
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    const t = sum + v;
    carry += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + carry) / n;
}

/** Sample standard deviation, divisor n − 1 (two-pass). Throws RangeError when n < 2. */
export function sampleSd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) throw new RangeError(`sample standard deviation needs at least 2 values, got ${n}`);
  const m = mean(values);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m;
    ss += d * d;
    s += d;
  }
  // Corrected two-pass (Chan, Golub & LeVeque): removes the rounding error left in `m`.
  return Math.sqrt(Math.max(0, (ss - (s * s) / n) / (n - 1)));
}

/**
 * Quantile of an ascending-sorted array by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R's `quantile` and NumPy's `percentile`):
 * h = (n − 1)p, Q = x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
 * The array is trusted to be sorted (not checked). Throws RangeError if it is empty or p ∉ [0, 1].
 */
export function quantile(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantile of an empty array");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const x0 = sorted[lo] as number;
  if (lo >= n - 1) return x0;
  const x1 = sorted[lo + 1] as number;
  const frac = h - lo;
  return frac === 0 ? x0 : x0 + frac * (x1 - x0);
}

// ---------------------------------------------------------------------------------------------
// Special functions: log-gamma, regularized incomplete beta, Student t, normal quantile
// ---------------------------------------------------------------------------------------------

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const EPS = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b). `y` = 1 − x is passed separately so that callers can
 * supply it without cancellation (x near 1).
 */
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
}

/** Upper tail P(T > t) of Student's t with `df` degrees of freedom, for t ≥ 0. */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  // x = df / (df + t²) and 1 − x = t² / (df + t²), each without cancellation.
  return 0.5 * incompleteBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
}

/** Density of Student's t with `df` degrees of freedom. */
function tDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Standard normal quantile (Wichura 1988, AS 241 PPND16; relative accuracy ≈ 1e-16). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normal quantile probability must be in [0, 1], got ${p}`);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}

/** Hill (1970) Algorithm 396 starting value for the upper-tail t quantile, P(T > t) = q. */
function hillStart(q: number, df: number): number {
  const p2 = 2 * q; // two-sided tail probability
  if (df === 2) return Math.sqrt(2 / (p2 * (2 - p2)) - 2);
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = (((20700 * a) / b - 98) * a - 16) * a + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  let y = (d * p2) ** (2 / df);
  if (y > 0.05 + a) {
    // Asymptotic inverse expansion about the normal (x is the lower-tail normal quantile, < 0).
    const x = normalQuantile(q);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = Math.expm1(a * y * y);
  } else {
    y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) * (df + 1) / (df + 2) + 1 / y;
  }
  return Math.sqrt(df * y);
}

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p for `df` degrees of freedom
 * (df > 0, need not be an integer; df = Infinity gives the normal quantile).
 *
 * Computed, not tabulated: Hill's (1970) approximation as the starting value, then Newton steps on
 * the exact upper tail ½·I_{df/(df+t²)}(df/2, ½), safeguarded by bisection, to ~1e-12 relative.
 * df = 1 (Cauchy) and df = 2 use their closed forms. Examples: t(0.975, 1) = 12.7062047,
 * t(0.975, 4) = 2.7764451, t(0.975, 9) = 2.2621572, t(0.995, 9) = 3.2498355.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be > 0, got ${df}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`t quantile probability must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const sign = p < 0.5 ? -1 : 1;
  const q = p < 0.5 ? p : 1 - p; // upper-tail probability of |t|, in (0, 0.5)
  if (df === 1) return sign / Math.tan(Math.PI * q); // Cauchy
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));

  // Bracket [lo, hi] with tail(lo) ≥ q ≥ tail(hi); tail is decreasing in t.
  let t = hillStart(q, df);
  if (!(t > 0 && Number.isFinite(t))) t = Math.max(1, -normalQuantile(q));
  let lo = 0;
  let hi = t;
  while (tUpperTail(hi, df) > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return sign * Infinity;
  }
  for (let iter = 0; iter < 200; iter++) {
    const f = tUpperTail(t, df) - q;
    if (f === 0) break;
    if (f > 0) lo = Math.max(lo, t);
    else hi = Math.min(hi, t);
    // Newton: d tail / dt = −density.
    let next = t + f / tDensity(t, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - t);
    t = next;
    if (step <= 1e-13 * t || hi - lo <= 1e-15 * hi) break;
  }
  return sign * t;
}

// ---------------------------------------------------------------------------------------------
// Confidence intervals across replications
// ---------------------------------------------------------------------------------------------

/**
 * Student t confidence interval for the mean of independent replications:
 * mean ± t(1 − (1 − level)/2, n − 1) · sd / √n.
 *
 * With n = 1 the spread is unknown: `sd`, `low`, `high` and `halfWidth` are null (never NaN),
 * `mean` is the single value. With identical values `halfWidth` is 0.
 */
export interface ConfidenceInterval {
  /** Mean of the values, in their unit. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); null when n = 1. */
  readonly sd: number | null;
  /** Lower bound; null when n = 1. */
  readonly low: number | null;
  /** Upper bound; null when n = 1. */
  readonly high: number | null;
  /** t · sd / √n; null when n = 1. */
  readonly halfWidth: number | null;
  /** Number of replications. */
  readonly n: number;
}

/**
 * t-interval over replications at `level` (default 0.95). Throws RangeError for an empty array,
 * a non-finite value or a level outside (0, 1). See `ConfidenceInterval` for n = 1.
 */
export function confidenceInterval(values: readonly number[], level = 0.95): ConfidenceInterval {
  requireLevel(level);
  const n = values.length;
  if (n === 0) throw new RangeError("confidence interval of an empty array");
  requireFinite(values, "confidence interval");
  const m = mean(values);
  if (n === 1) return { mean: m, sd: null, low: null, high: null, halfWidth: null, n };
  const sd = sampleSd(values);
  const halfWidth = (studentTQuantile(1 - (1 - level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { mean: m, sd, low: m - halfWidth, high: m + halfWidth, halfWidth, n };
}

/**
 * Paired comparison under common random numbers: the differences a[i] − b[i] replication by
 * replication, then their t-interval. `a[i]` and `b[i]` must come from the same replication
 * (same seeds). Throws RangeError if the lengths differ or are 0.
 */
export function pairedDifference(a: readonly number[], b: readonly number[], level = 0.95): ConfidenceInterval {
  if (a.length !== b.length) throw new RangeError(`paired difference needs equal lengths, got ${a.length} and ${b.length}`);
  const diffs = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) diffs[i] = (a[i] as number) - (b[i] as number);
  return confidenceInterval(diffs, level);
}

/** Summary of one output across replications: mean, sd, 95% t-interval and type 7 quantiles. */
export interface Summary {
  readonly mean: number;
  /** null when n = 1. */
  readonly sd: number | null;
  /** 95% (or `level`) t-interval bounds; null when n = 1. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** 10th, 50th and 90th percentiles across replications (type 7). */
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly n: number;
}

/** `Summary` of the values; throws RangeError for an empty array or a non-finite value. */
export function summarise(values: readonly number[], level = 0.95): Summary {
  const ci = confidenceInterval(values, level);
  const sorted = [...values].sort((x, y) => x - y);
  return {
    mean: ci.mean,
    sd: ci.sd,
    ciLow: ci.low,
    ciHigh: ci.high,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    n: ci.n,
  };
}

// ---------------------------------------------------------------------------------------------
// Warm-up and number of replications
// ---------------------------------------------------------------------------------------------

/** Result of MSER-5 warm-up detection. */
export interface Mser5Result {
  /** d: number of leading batches of 5 to delete. */
  readonly truncateBatches: number;
  /** 5 · d: number of leading observations to delete. */
  readonly truncatePoints: number;
  /** MSER(d) for d = 0 … ⌊k/2⌋, where k is the number of complete batches. */
  readonly statistic: number[];
}

/** Observations per batch in MSER-5. */
const MSER_BATCH = 5;

/**
 * MSER-5 warm-up detection (White 1997; Hoad, Robinson & Davies 2010).
 *
 * The series (e.g. daily mean occupancy from one replication, or the mean over replications) is
 * cut into k = ⌊n/5⌋ batch means Z₁…Z_k (a last incomplete batch is dropped). For each d the
 * statistic is MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (k − d)², with Z̄_d the mean of the batches after
 * d. The chosen d minimises MSER(d) over d ≤ ⌊k/2⌋ (the smallest d on ties). If the minimum falls
 * at or near ⌊k/2⌋ the run is probably too short to judge the warm-up: lengthen it.
 *
 * Throws RangeError for fewer than 10 observations (two batches) or a non-finite value.
 */
export function mser5(series: readonly number[]): Mser5Result {
  requireFinite(series, "MSER-5");
  const k = Math.floor(series.length / MSER_BATCH);
  if (k < 2) throw new RangeError(`MSER-5 needs at least ${2 * MSER_BATCH} observations, got ${series.length}`);
  const batch = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let i = 0; i < MSER_BATCH; i++) s += series[j * MSER_BATCH + i] as number;
    batch[j] = s / MSER_BATCH;
  }
  // Welford's update run backwards gives, for each d, the sum of squares of batches d…k−1.
  const dMax = Math.floor(k / 2);
  const statistic = new Array<number>(dMax + 1);
  let m = 0;
  let m2 = 0;
  for (let j = k - 1; j >= 0; j--) {
    const count = k - j;
    const z = batch[j] as number;
    const delta = z - m;
    m += delta / count;
    m2 += delta * (z - m);
    if (j <= dMax) statistic[j] = m2 / (count * count);
  }
  let best = 0;
  for (let d = 1; d <= dMax; d++) if ((statistic[d] as number) < (statistic[best] as number)) best = d;
  return { truncateBatches: best, truncatePoints: best * MSER_BATCH, statistic };
}

/** Result of the confidence-interval precision check. */
export interface PrecisionCheck {
  /** True when halfWidth / |mean| ≤ the target relative precision. */
  readonly achieved: boolean;
  /**
   * halfWidth / |mean|. null when it is undefined: fewer than 2 replications, or mean 0 with a
   * non-zero half-width. 0 when all values are equal.
   */
  readonly relativeHalfWidth: number | null;
}

/**
 * Confidence-interval method for the number of replications (Hoad, Robinson & Davies 2010):
 * enough replications have been run when the t-interval's half-width is within
 * `relativePrecision` (e.g. 0.05 for ±5%) of the mean's magnitude. Run more and call again until
 * `achieved` (the authors also advise checking that it stays achieved for a few more).
 */
export function replicationsForPrecision(values: readonly number[], relativePrecision: number, level = 0.95): PrecisionCheck {
  if (!(relativePrecision > 0)) throw new RangeError(`relative precision must be > 0, got ${relativePrecision}`);
  const ci = confidenceInterval(values, level);
  if (ci.halfWidth === null) return { achieved: false, relativeHalfWidth: null };
  if (ci.halfWidth === 0) return { achieved: true, relativeHalfWidth: 0 };
  if (ci.mean === 0) return { achieved: false, relativeHalfWidth: null };
  const relativeHalfWidth = ci.halfWidth / Math.abs(ci.mean);
  return { achieved: relativeHalfWidth <= relativePrecision, relativeHalfWidth };
}
