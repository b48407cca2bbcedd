/**
 * Special functions, in one place for the whole package: the standard normal density, CDF Φ and
 * quantile Φ⁻¹, ln Γ, the regularized incomplete beta and gamma functions and the chi-square tail.
 * The samplers (random/), the statistics across replications (experiment/statistics.ts) and the
 * drift estimator (estimate/) all use these; there is no other copy.
 *
 * Pure computation: no I/O, no clock, no randomness. No argument checks: each function states its
 * domain and its callers keep to it (Φ⁻¹ is on the hot path of every normal, lognormal and gamma
 * draw).
 *
 * References:
 * - Wichura (1988), Algorithm AS 241, Applied Statistics 37(3) — Φ⁻¹ (PPND16).
 * - Hart (1968), Computer Approximations, as given by West (2005), "Better approximations to
 *   cumulative normal functions", Wilmott Magazine — Φ.
 * - Lanczos (1964); coefficients for g = 7, n = 9 as in Numerical Recipes / Godfrey — ln Γ.
 * - Press et al., Numerical Recipes, §6.4 — the incomplete beta by Lentz's continued fraction.
 */

const INV_SQRT_2PI = 0.3989422804014327;

/** The standard normal density φ(x). */
export function normalDensity(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Φ(x), the standard normal CDF: Hart (1968) as given by West (2005). Absolute error about 1e-15;
 * relative error in the far tail (|x| > 5) up to about 1e-8, which only nudges the moments of a
 * normal truncated far out in its tail.
 */
export function normalCdf(x: number): number {
  const z = Math.abs(x);
  let tail: number;
  if (z > 37) {
    tail = 0;
  } else {
    const e = Math.exp(-0.5 * z * z);
    if (z < 7.07106781186547) {
      let n = 3.52624965998911e-2 * z + 0.700383064443688;
      n = n * z + 6.37396220353165;
      n = n * z + 33.912866078383;
      n = n * z + 112.079291497871;
      n = n * z + 221.213596169931;
      n = n * z + 220.206867912376;
      let d = 8.83883476483184e-2 * z + 1.75566716318264;
      d = d * z + 16.064177579207;
      d = d * z + 86.7807322029461;
      d = d * z + 296.564248779674;
      d = d * z + 637.333633378831;
      d = d * z + 793.826512519948;
      d = d * z + 440.413735824752;
      tail = (e * n) / d;
    } else {
      let b = z + 0.65;
      b = z + 4 / b;
      b = z + 3 / b;
      b = z + 2 / b;
      b = z + 1 / b;
      tail = e / (b * 2.506628274631);
    }
  }
  return x > 0 ? 1 - tail : tail;
}

/**
 * Φ⁻¹(p) for 0 < p < 1: Wichura's AS 241 (PPND16), about 1e-16 relative accuracy. Outside (0, 1)
 * the result is meaningless (NaN at 0): callers keep p inside. Written out with Horner's rule and
 * literal coefficients because it is on the hot path of every normal, lognormal and gamma draw.
 */
export function normalQuantile(p: number): number {
  const q = p - 0.5;
  let n: number;
  let d: number;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    n = 2509.0809287301226727 * r + 33430.575583588128105;
    n = n * r + 67265.770927008700853;
    n = n * r + 45921.953931549871457;
    n = n * r + 13731.693765509461125;
    n = n * r + 1971.5909503065514427;
    n = n * r + 133.14166789178437745;
    n = n * r + 3.387132872796366608;
    d = 5226.495278852545925 * r + 28729.085735721942674;
    d = d * r + 39307.89580009271061;
    d = d * r + 21213.794301586595867;
    d = d * r + 5394.1960214247511077;
    d = d * r + 687.1870074920579083;
    d = d * r + 42.313330701600911252;
    d = d * r + 1;
    return (q * n) / d;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  if (r <= 5) {
    r -= 1.6;
    n = 7.7454501427834140764e-4 * r + 0.0227238449892691845833;
    n = n * r + 0.24178072517745061177;
    n = n * r + 1.27045825245236838258;
    n = n * r + 3.64784832476320460504;
    n = n * r + 5.7694972214606914055;
    n = n * r + 4.6303378461565452959;
    n = n * r + 1.42343711074968357734;
    d = 1.05075007164441684324e-9 * r + 5.475938084995344946e-4;
    d = d * r + 0.0151986665636164571966;
    d = d * r + 0.14810397642748007459;
    d = d * r + 0.68976733498510000455;
    d = d * r + 1.6763848301838038494;
    d = d * r + 2.05319162663775882187;
    d = d * r + 1;
  } else {
    r -= 5;
    n = 2.01033439929228813265e-7 * r + 2.71155556874348757815e-5;
    n = n * r + 0.0012426609473880784386;
    n = n * r + 0.026532189526576123093;
    n = n * r + 0.29656057182850489123;
    n = n * r + 1.7848265399172913358;
    n = n * r + 5.4637849111641143699;
    n = n * r + 6.6579046435011037772;
    d = 2.04426310338993978564e-15 * r + 1.4215117583164458887e-7;
    d = d * r + 1.8463183175100546818e-5;
    d = d * r + 7.868691311456132591e-4;
    d = d * r + 0.0148753612908506148525;
    d = d * r + 0.13692988092273580531;
    d = d * r + 0.59983220655588793769;
    d = d * r + 1;
  }
  return q < 0 ? -n / d : n / d;
}

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln |Γ(x)| for x > 0 (Lanczos, g = 7, n = 9; relative error ≈ 1e-15). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a: number = LANCZOS[0];
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
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
 * Regularized incomplete beta I_x(a, b) for a, b > 0. `y` = 1 − x is passed separately so that
 * callers can supply it without cancellation (x near 1).
 */
export function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
}

// ---------------------------------------------------------------------------------------------
// Incomplete gamma and chi-square (likelihood-ratio tests and profile likelihoods)
// ---------------------------------------------------------------------------------------------

const GAMMA_EPS = 1e-16;
const GAMMA_TINY = 1e-300;
const GAMMA_MAX_TERMS = 10_000;

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
    for (let n = 1; n < GAMMA_MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * GAMMA_EPS) break;
    }
    return Math.max(0, 1 - sum * Math.exp(logFront));
  }
  // Continued fraction for Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / GAMMA_TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < GAMMA_MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < GAMMA_TINY) d = GAMMA_TINY;
    c = b + an / c;
    if (Math.abs(c) < GAMMA_TINY) c = GAMMA_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < GAMMA_EPS) break;
  }
  return Math.min(1, Math.exp(logFront) * h);
}

/** P(X > x) for X chi-square with `df` degrees of freedom. */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  return gammaQ(df / 2, x / 2);
}
