/**
 * Tail probabilities the estimator's tests need: chi-square (likelihood-ratio tests, the profile
 * likelihood's cut-off) and the normal (Wald and DeLong intervals), both from the regularized
 * incomplete gamma function (Numerical Recipes §6.2: series below a + 1, Lentz's continued
 * fraction above; relative accuracy ≈ 1e-14 over the range used here).
 */
import { logGamma, normalQuantile } from "../experiment/statistics.js";

/** z with P(Z ≤ z) = 0.975: the 95% two-sided normal quantile. */
export const Z_975 = normalQuantile(0.975);
/** The 95% quantile of chi-square with 1 degree of freedom (= Z_975²): the profile likelihood's cut-off. */
export const CHI2_1_95 = Z_975 * Z_975;

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 10_000;

/** Q(a, x) = Γ(a, x) / Γ(a), the regularized upper incomplete gamma function, for a > 0, x ≥ 0. */
export function gammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`gammaQ needs a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    // Series for P(a, x); Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logFront));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.min(1, Math.exp(logFront) * h);
}

/** P(X > x) for X chi-square with `df` degrees of freedom. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  return gammaQ(df / 2, x / 2);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  const half = 0.5 * gammaQ(0.5, (z * z) / 2);
  return z >= 0 ? half : 1 - half;
}
