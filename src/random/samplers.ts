/**
 * Samplers: the hot path of every duration and decision a replication draws. Each trusts its
 * parameters (model input is checked at the boundary, model/distribution-check.ts) and is built by
 * `createSampler` (families.ts), which also hands it the family's mean and variance.
 *
 * Sampling is by inversion wherever the inverse CDF is cheap (every family except gamma and
 * large-k Erlang): one uniform per draw, and the draw increases with the uniform. That keeps
 * common random numbers synchronised across scenarios, and a sampler keeps no state between draws,
 * so one sampler may serve many streams and each stream's sequence is unaffected by the others.
 *
 * Hot path: every sampler is a monomorphic class with number fields and a `sample` that allocates
 * nothing and draws only from the stream passed in. The `sample` methods were tuned to V8's
 * inlining budget (bench/RESULTS.md): measure before changing one.
 */
import { normalCdf, normalQuantile } from "../math/special.js";
import type { RandomStream } from "./streams.js";

/** The theoretical mean and variance of a distribution, in the unit of the quantity (squared). */
export interface Moments {
  readonly mean: number;
  readonly variance: number;
}

/** Draws from one distribution. `mean` and `variance` are the theoretical moments of what it draws. */
export interface Sampler extends Moments {
  /** One draw, using only `rng`. Allocates nothing. */
  sample(rng: RandomStream): number;
}

/** The mean and variance every sampler carries, as its family gives them (families.ts). */
class WithMoments implements Moments {
  readonly mean: number;
  readonly variance: number;
  constructor(moments: Moments) {
    this.mean = moments.mean;
    this.variance = moments.variance;
  }
}

/** 2⁻⁵³: stands in for a uniform of exactly 0 where 0 would give an infinite draw. */
const SMALLEST_UNIFORM = 1.1102230246251565e-16;
/** 1 − 2⁻⁵³, the largest double below 1. */
const ONE_MINUS_EPSILON = 1 - SMALLEST_UNIFORM;

/** Exponential by inversion; its one parameter is its mean. */
export class ExponentialSampler extends WithMoments implements Sampler {
  sample(rng: RandomStream): number {
    return this.mean * (0 - Math.log(1 - rng.double())); // 0 − x: a uniform of 0 gives +0, not −0
  }
}

/** exp(μ + σ·Φ⁻¹(u)) with σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2. */
export class LognormalSampler extends WithMoments implements Sampler {
  private readonly mu: number;
  private readonly sigma: number;
  constructor(mean: number, sd: number, moments: Moments) {
    super(moments);
    const sigma2 = Math.log1p((sd * sd) / (mean * mean));
    this.sigma = Math.sqrt(sigma2);
    this.mu = Math.log(mean) - sigma2 / 2;
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    return Math.exp(this.mu + this.sigma * normalQuantile(u > 0 ? u : SMALLEST_UNIFORM));
  }
}

/** Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
export class GammaSampler extends WithMoments implements Sampler {
  private readonly d: number;
  private readonly c: number;
  private readonly scale: number;
  /** 1/shape when shape < 1 (the boost exponent), else 0 (no boost). */
  private readonly boostExponent: number;
  constructor(shape: number, scale: number, moments: Moments) {
    super(moments);
    this.scale = scale;
    const a = shape < 1 ? shape + 1 : shape;
    this.boostExponent = shape < 1 ? 1 / shape : 0;
    this.d = a - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }
  sample(rng: RandomStream): number {
    const d = this.d;
    const c = this.c;
    for (;;) {
      let z: number;
      let v: number;
      do {
        const u0 = rng.double();
        z = normalQuantile(u0 > 0 ? u0 : SMALLEST_UNIFORM);
        v = 1 + c * z;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - rng.double(); // (0, 1]
      const z2 = z * z;
      if (u < 1 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) {
        const x = d * v * this.scale;
        return this.boostExponent === 0 ? x : x * Math.pow(1 - rng.double(), this.boostExponent);
      }
    }
  }
}

/** Erlang by the product of k uniforms: −(mean/k)·ln ∏(1 − uᵢ). For small k only. */
export class ErlangSampler extends WithMoments implements Sampler {
  private readonly k: number;
  private readonly phaseMean: number;
  constructor(k: number, mean: number, moments: Moments) {
    super(moments);
    this.k = k;
    this.phaseMean = mean / k;
  }
  sample(rng: RandomStream): number {
    let product = 1 - rng.double();
    for (let i = 1; i < this.k; i++) product *= 1 - rng.double();
    return this.phaseMean * (0 - Math.log(product));
  }
}

/** scale · (−ln(1 − u))^(1/shape). */
export class WeibullSampler extends WithMoments implements Sampler {
  private readonly inverseShape: number;
  private readonly scale: number;
  constructor(shape: number, scale: number, moments: Moments) {
    super(moments);
    this.inverseShape = 1 / shape;
    this.scale = scale;
  }
  sample(rng: RandomStream): number {
    return this.scale * Math.pow(0 - Math.log(1 - rng.double()), this.inverseShape);
  }
}

/** Triangular by inversion on either side of the mode. */
export class TriangularSampler extends WithMoments implements Sampler {
  private readonly min: number;
  private readonly max: number;
  /** F(mode). */
  private readonly modeCdf: number;
  private readonly lowerFactor: number;
  private readonly upperFactor: number;
  constructor(min: number, mode: number, max: number, moments: Moments) {
    super(moments);
    this.min = min;
    this.max = max;
    const width = max - min;
    this.modeCdf = (mode - min) / width;
    this.lowerFactor = width * (mode - min);
    this.upperFactor = width * (max - mode);
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    return u < this.modeCdf ? this.min + Math.sqrt(u * this.lowerFactor) : this.max - Math.sqrt((1 - u) * this.upperFactor);
  }
}

export class UniformSampler extends WithMoments implements Sampler {
  private readonly min: number;
  private readonly width: number;
  constructor(min: number, max: number, moments: Moments) {
    super(moments);
    this.min = min;
    this.width = max - min;
  }
  sample(rng: RandomStream): number {
    return this.min + this.width * rng.double();
  }
}

/** Untruncated normal by inversion; `mean` is its own. */
export class NormalSampler extends WithMoments implements Sampler {
  private readonly sd: number;
  constructor(sd: number, moments: Moments) {
    super(moments);
    this.sd = sd;
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    return this.mean + this.sd * normalQuantile(u > 0 ? u : SMALLEST_UNIFORM);
  }
}

/**
 * Normal conditioned on X ≥ 0, by inversion over the allowed range (one uniform, no rejection loop,
 * accurate however much of the normal is cut off). With W = (μ − X)/σ, W is a standard normal
 * restricted to W ≤ μ/σ, so W = Φ⁻¹(v·Φ(μ/σ)) for v uniform on (0, 1].
 */
export class TruncatedNormalSampler extends WithMoments implements Sampler {
  private readonly mu: number;
  private readonly sd: number;
  /** P(X ≥ 0) for the untruncated normal: Φ(μ/σ). */
  private readonly keptMass: number;
  constructor(mu: number, sd: number, moments: Moments) {
    super(moments);
    this.mu = mu;
    this.sd = sd;
    // Capped below 1 so that a uniform of exactly 0 (allowed by RandomStream) maps to a finite
    // quantile even when Φ(μ/σ) rounds to 1.
    this.keptMass = Math.min(normalCdf(mu / sd), ONE_MINUS_EPSILON);
  }
  sample(rng: RandomStream): number {
    const w = normalQuantile((1 - rng.double()) * this.keptMass);
    const x = this.mu - this.sd * w;
    return x > 0 ? x : 0; // rounding can put the cut itself a hair below zero
  }
}

/** Always `mean`; draws nothing. */
export class DeterministicSampler extends WithMoments implements Sampler {
  sample(_rng: RandomStream): number {
    return this.mean;
  }
}

/**
 * Finitely many values by a cumulative table and binary search. Chosen over the alias method
 * because it is monotone in the uniform (better for common random numbers) and, for the handful
 * of categories models have, as fast.
 */
export class DiscreteSampler extends WithMoments implements Sampler {
  private readonly values: Float64Array;
  /** cumulative[i] = P(index ≤ i), normalised; 1 from the last positive probability on. */
  private readonly cumulative: Float64Array;
  constructor(values: readonly number[], probabilities: readonly number[], moments: Moments) {
    super(moments);
    const n = values.length;
    this.values = Float64Array.from(values);
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (const p of probabilities) total += p;
    let running = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const p = (probabilities[i] ?? 0) / total;
      running += p;
      this.cumulative[i] = running;
      if (p > 0) last = i;
    }
    this.cumulative.fill(1, last);
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    const cumulative = this.cumulative;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]!) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo]!;
  }
}

/** Inverse of the piecewise-linear empirical CDF: each gap between neighbours holds 1/(n − 1). */
export class EmpiricalSampler extends WithMoments implements Sampler {
  private readonly sorted: Float64Array;
  private readonly segments: number;
  constructor(observations: readonly number[], moments: Moments) {
    super(moments);
    this.sorted = Float64Array.from(observations).sort();
    this.segments = this.sorted.length - 1;
  }
  sample(rng: RandomStream): number {
    const sorted = this.sorted;
    if (this.segments === 0) return sorted[0]!;
    const x = rng.double() * this.segments;
    const i = Math.floor(x);
    const lo = sorted[i]!;
    return lo + (x - i) * (sorted[i + 1]! - lo);
  }
}

/** 1 with probability p. */
export class BernoulliSampler extends WithMoments implements Sampler {
  private readonly p: number;
  constructor(p: number, moments: Moments) {
    super(moments);
    this.p = p;
  }
  sample(rng: RandomStream): number {
    return rng.double() < this.p ? 1 : 0;
  }
}
