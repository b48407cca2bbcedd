/**
 * Remaining durations given the time already spent: for a duration X with distribution F and an
 * elapsed time a, the remainder X − a drawn from X conditioned on X > a. A warm start from a census
 * (pathway/census.ts) draws each patient's remaining stay, assessment, package phase or placement
 * delay this way, so a patient who has already been in a bed for three weeks is not given a fresh
 * five-day stay.
 *
 * Every family is drawn by inversion of its survival function S = 1 − F with one uniform u:
 * X = S⁻¹(S(a)·(1 − u)), so the draw rises with u (common random numbers stay synchronised):
 * - exponential: memoryless, the remainder is a fresh draw whatever a is;
 * - lognormal, normal: S and S⁻¹ through Φ and Φ⁻¹, taken on the upper tail so that a far in the
 *   tail keeps its precision;
 * - weibull: closed form, X = scale·((a/scale)^shape − ln(1 − u))^(1/shape);
 * - triangular, uniform, empirical (piecewise-linear CDF): closed-form CDF and quantile;
 * - empiricalDiscrete: one of the values above a, in proportion to their probabilities;
 * - deterministic: value − a;
 * - gamma and erlang (no closed-form quantile): S = Q(shape, x/scale), the regularized upper
 *   incomplete gamma, inverted numerically by bisection (to a relative width of 1e-12) on
 *   [a, upper], the upper bound doubled until S(upper) is below the target. This is the fallback
 *   for any family without a closed-form inverse: exact up to the bisection's tolerance, one
 *   uniform per draw, no rejection loop whose cost would grow as S(a) falls.
 * When a is at or beyond the end of the support (S(a) = 0: the patient has already been there
 * longer than the distribution allows), the remainder is 0: the patient moves on at once.
 *
 * Census loading only — never the hot loop — so clarity wins over speed here.
 */
import { gammaQ, normalCdf, normalQuantile } from "../math/special.js";
import type { DistributionSpec } from "./distribution-spec.js";
import type { RandomStream } from "./streams.js";

/** P(X > x) and draws of X − a given X > a, for one distribution. */
export interface Residual {
  /** P(X > x). */
  survival(x: number): number;
  /** A draw of X − a given X > a, from one uniform u in [0, 1); 0 when P(X > a) = 0. */
  remainder(a: number, u: number): number;
}

/** A draw of X − a given X > a, using one uniform of `rng`. */
export function drawRemainder(residual: Residual, a: number, rng: RandomStream): number {
  return residual.remainder(a, rng.double());
}

/** The residual distribution of a valid spec (checked at the model boundary). */
export function residualOf(spec: DistributionSpec): Residual {
  switch (spec.type) {
    case "exponential": {
      const m = spec.mean;
      return { survival: (x) => (x <= 0 ? 1 : Math.exp(-x / m)), remainder: (_a, u) => m * (0 - Math.log(1 - u)) };
    }
    case "lognormal": {
      const sigma2 = Math.log1p((spec.sd * spec.sd) / (spec.mean * spec.mean));
      const sigma = Math.sqrt(sigma2);
      const mu = Math.log(spec.mean) - sigma2 / 2;
      const survival = (x: number): number => (x <= 0 ? 1 : normalCdf(-(Math.log(x) - mu) / sigma));
      return byTail(survival, (s) => Math.exp(mu - sigma * normalQuantile(s)));
    }
    case "normal": {
      const { mean, sd } = spec;
      const floor = spec.truncateAtZero === false ? -Infinity : 0;
      // Truncation at 0 rescales S by a constant, which cancels in S(x)/S(a) for a ≥ 0.
      const survival = (x: number): number => (x < floor ? 1 : normalCdf(-(x - mean) / sd));
      return byTail(survival, (s) => mean - sd * normalQuantile(s), floor);
    }
    case "weibull": {
      const { shape, scale } = spec;
      return {
        survival: (x) => (x <= 0 ? 1 : Math.exp(-Math.pow(x / scale, shape))),
        remainder: (a, u) => {
          const h = a > 0 ? Math.pow(a / scale, shape) : 0;
          return Math.max(0, scale * Math.pow(h - Math.log(1 - u), 1 / shape) - Math.max(a, 0));
        },
      };
    }
    case "gamma":
    case "erlang": {
      const [shape, scale] =
        spec.type === "erlang" ? [spec.k, spec.mean / spec.k] : spec.shape !== undefined ? [spec.shape, spec.scale] : [(spec.mean / spec.sd) ** 2, (spec.sd * spec.sd) / spec.mean];
      const survival = (x: number): number => (x <= 0 ? 1 : gammaQ(shape, x / scale));
      return byBisection(survival, shape * scale);
    }
    case "uniform":
      return byQuantile(
        (x) => (x <= spec.min ? 0 : x >= spec.max ? 1 : (x - spec.min) / (spec.max - spec.min)),
        (q) => spec.min + q * (spec.max - spec.min),
      );
    case "triangular": {
      const { min, mode, max } = spec;
      const width = max - min;
      const modeCdf = (mode - min) / width;
      return byQuantile(
        (x) => (x <= min ? 0 : x >= max ? 1 : x <= mode ? ((x - min) * (x - min)) / (width * (mode - min)) : 1 - ((max - x) * (max - x)) / (width * (max - mode))),
        (q) => (q < modeCdf ? min + Math.sqrt(q * width * (mode - min)) : max - Math.sqrt((1 - q) * width * (max - mode))),
      );
    }
    case "deterministic":
      return { survival: (x) => (x < spec.value ? 1 : 0), remainder: (a) => Math.max(0, spec.value - Math.max(a, 0)) };
    case "empirical": {
      const sorted = Float64Array.from(spec.observations).sort();
      const n = sorted.length - 1;
      if (n === 0) return { survival: (x) => (x < sorted[0]! ? 1 : 0), remainder: (a) => Math.max(0, sorted[0]! - Math.max(a, 0)) };
      const cdf = (x: number): number => {
        if (x <= sorted[0]!) return 0;
        if (x >= sorted[n]!) return 1;
        let i = 0;
        while (i < n - 1 && x >= sorted[i + 1]!) i++;
        const gap = sorted[i + 1]! - sorted[i]!;
        return (i + (gap > 0 ? (x - sorted[i]!) / gap : 1)) / n;
      };
      const quantile = (q: number): number => {
        const x = q * n;
        const i = Math.min(n - 1, Math.floor(x));
        return sorted[i]! + (x - i) * (sorted[i + 1]! - sorted[i]!);
      };
      return byQuantile(cdf, quantile);
    }
    case "empiricalDiscrete":
    case "categorical": {
      const values = spec.type === "categorical" ? spec.probabilities.map((_, i) => i) : spec.values;
      const probabilities = spec.probabilities;
      const mass = (a: number): number => values.reduce((s, v, i) => (v > a ? s + (probabilities[i] ?? 0) : s), 0);
      const total = mass(-Infinity);
      return {
        survival: (x) => mass(x) / total,
        remainder: (a, u) => {
          const above = mass(a);
          if (!(above > 0)) return 0;
          let target = u * above;
          for (let i = 0; i < values.length; i++) {
            if (!(values[i]! > a)) continue;
            target -= probabilities[i] ?? 0;
            if (target < 0) return values[i]! - Math.max(a, 0);
          }
          // Rounding left the target a hair above zero: the last value above a.
          for (let i = values.length - 1; i >= 0; i--) if (values[i]! > a) return values[i]! - Math.max(a, 0);
          return 0;
        },
      };
    }
    case "bernoulli":
      return residualOf({ type: "empiricalDiscrete", values: [0, 1], probabilities: [1 - spec.p, spec.p] });
  }
}

/** Inversion on the upper tail: X = S⁻¹(S(a)·(1 − u)) with an inverse survival that is accurate for small s. */
function byTail(survival: (x: number) => number, inverseSurvival: (s: number) => number, floor = 0): Residual {
  return {
    survival,
    remainder: (a, u) => {
      const from = Math.max(a, floor);
      const s = survival(from) * (1 - u);
      if (!(s > 0)) return 0;
      return Math.max(0, inverseSurvival(s) - Math.max(a, 0));
    },
  };
}

/** Inversion through the CDF and the quantile: X = F⁻¹(F(a) + u·(1 − F(a))). */
function byQuantile(cdf: (x: number) => number, quantile: (q: number) => number): Residual {
  return {
    survival: (x) => 1 - cdf(x),
    remainder: (a, u) => {
      const fa = cdf(a);
      if (!(fa < 1)) return 0;
      return Math.max(0, quantile(fa + u * (1 - fa)) - Math.max(a, 0));
    },
  };
}

/** Bisection steps: enough to narrow any bracket of doubles to a relative width of 1e-12. */
const BISECTION_STEPS = 200;
const BISECTION_TOLERANCE = 1e-12;

/** Numerical inversion of the survival function by bisection (families without a closed-form quantile). */
function byBisection(survival: (x: number) => number, mean: number): Residual {
  return {
    survival,
    remainder: (a, u) => {
      const from = Math.max(a, 0);
      const target = survival(from) * (1 - u);
      if (!(target > 0)) return 0;
      let lo = from;
      let hi = Math.max(from, mean) * 2 + mean;
      while (survival(hi) > target && hi < Number.MAX_VALUE / 4) {
        lo = hi;
        hi *= 2;
      }
      for (let i = 0; i < BISECTION_STEPS && hi - lo > BISECTION_TOLERANCE * hi; i++) {
        const mid = (lo + hi) / 2;
        if (survival(mid) > target) lo = mid;
        else hi = mid;
      }
      return (lo + hi) / 2 - from;
    },
  };
}
