/**
 * Distribution specs: the plain data a model file holds for a duration or a quantity, one
 * interface per family, discriminated on `type`. What each parameter must be, how each family is
 * sampled and described, is in the families table (families.ts).
 *
 * "In the unit of the quantity" is the model's time unit for durations: minutes, hours, days or
 * weeks, as the name of the field holding the spec says (`durationMin`, `losDays`, …).
 */

/** Exponential: memoryless waiting times. */
export interface ExponentialSpec {
  readonly type: "exponential";
  /** Mean, in the unit of the quantity (the model's time unit for durations). > 0. */
  readonly mean: number;
}

/**
 * Lognormal, given by the mean and standard deviation of the variable itself (not of its log),
 * as lengths of stay are usually reported. Internally sigma² = ln(1 + sd²/mean²) and
 * mu = ln(mean) − sigma²/2.
 */
export interface LognormalSpec {
  readonly type: "lognormal";
  /** Mean of the variable, in the unit of the quantity (the model's time unit for durations). > 0. */
  readonly mean: number;
  /** Standard deviation of the variable, same unit as `mean`. > 0. */
  readonly sd: number;
}

/** Gamma given by its mean and standard deviation: shape = mean²/sd², scale = sd²/mean. */
export interface GammaMeanSdSpec {
  readonly type: "gamma";
  /** Mean, in the unit of the quantity (the model's time unit for durations). > 0. */
  readonly mean: number;
  /** Standard deviation, same unit as `mean`. > 0. */
  readonly sd: number;
  readonly shape?: never;
  readonly scale?: never;
}

/** Gamma given by shape and scale: mean = shape × scale, variance = shape × scale². */
export interface GammaShapeScaleSpec {
  readonly type: "gamma";
  /** Shape (k, dimensionless). > 0. */
  readonly shape: number;
  /** Scale (θ), in the unit of the quantity (the model's time unit for durations). > 0. */
  readonly scale: number;
  readonly mean?: never;
  readonly sd?: never;
}

/** Gamma: either `{ mean, sd }` or `{ shape, scale }`, never a mixture of the two. */
export type GammaSpec = GammaMeanSdSpec | GammaShapeScaleSpec;

/** Erlang: the sum of `k` exponential phases, each of mean `mean / k`. */
export interface ErlangSpec {
  readonly type: "erlang";
  /** Number of phases. A whole number ≥ 1. */
  readonly k: number;
  /** Mean of the total (not of one phase), in the model's time unit for durations. > 0. */
  readonly mean: number;
}

/** Weibull: P(X > x) = exp(−(x/scale)^shape). */
export interface WeibullSpec {
  readonly type: "weibull";
  /** Shape (dimensionless). > 0; < 1 means a falling hazard, > 1 a rising one. */
  readonly shape: number;
  /** Scale, in the unit of the quantity (the model's time unit for durations). > 0. */
  readonly scale: number;
}

/** Triangular: the "minimum, most likely, maximum" of expert elicitation. */
export interface TriangularSpec {
  readonly type: "triangular";
  /** Smallest value, in the unit of the quantity (the model's time unit for durations). ≥ 0 by default. */
  readonly min: number;
  /** Most likely value, same unit. min ≤ mode ≤ max. */
  readonly mode: number;
  /** Largest value, same unit. > min. */
  readonly max: number;
}

/** Continuous uniform on [min, max). */
export interface UniformSpec {
  readonly type: "uniform";
  /** Smallest value, in the unit of the quantity (the model's time unit for durations). ≥ 0 by default. */
  readonly min: number;
  /** Upper end, same unit. > min. */
  readonly max: number;
}

/** Normal, by default truncated at zero (negative values are excluded) so it can model durations. */
export interface NormalSpec {
  readonly type: "normal";
  /**
   * Mean of the untruncated normal, in the unit of the quantity (the model's time unit for
   * durations). Any finite number; when truncated, ≥ −30 × sd so that values above zero are not
   * vanishingly rare.
   */
  readonly mean: number;
  /** Standard deviation of the untruncated normal, same unit as `mean`. > 0. */
  readonly sd: number;
  /**
   * Whether to exclude negative values: draws come from the normal conditioned on being ≥ 0 (the
   * same distribution as resampling negatives). Default true. The sampler's `mean` and `variance`
   * are then those of the truncated distribution, not `mean` and `sd²`.
   */
  readonly truncateAtZero?: boolean;
}

/** Always the same value. Uses no random numbers. */
export interface DeterministicSpec {
  readonly type: "deterministic";
  /** The value, in the unit of the quantity (the model's time unit for durations). Finite, ≥ 0 by default. */
  readonly value: number;
}

/** A discrete distribution over given values, e.g. a count or a duration in whole days. */
export interface EmpiricalDiscreteSpec {
  readonly type: "empiricalDiscrete";
  /** The possible values, in the unit of the quantity. Nonempty; finite; ≥ 0 by default. */
  readonly values: readonly number[];
  /** Probability of each value, same length as `values`; each in [0, 1], summing to 1 (within 1e-9). */
  readonly probabilities: readonly number[];
}

/**
 * A continuous distribution from observed data: the inverse of the piecewise-linear empirical CDF
 * through the sorted observations (F(x₍ᵢ₎) = (i − 1)/(n − 1)), so draws fall between the smallest
 * and largest observation.
 */
export interface EmpiricalSpec {
  readonly type: "empirical";
  /** Observed values, in any order, in the unit of the quantity. Nonempty; finite; ≥ 0 by default. */
  readonly observations: readonly number[];
}

/** 1 with probability `p`, otherwise 0. */
export interface BernoulliSpec {
  readonly type: "bernoulli";
  /** Probability of 1 (dimensionless). In [0, 1]. */
  readonly p: number;
}

/** An index 0 … n − 1 chosen with the given probabilities, e.g. a destination or a patient class. */
export interface CategoricalSpec {
  readonly type: "categorical";
  /** Probability of each index; each in [0, 1], summing to 1 (within 1e-9). Nonempty. */
  readonly probabilities: readonly number[];
}

/** Every distribution pathflow can sample, discriminated on `type`. */
export type DistributionSpec =
  | ExponentialSpec
  | LognormalSpec
  | GammaSpec
  | ErlangSpec
  | WeibullSpec
  | TriangularSpec
  | UniformSpec
  | NormalSpec
  | DeterministicSpec
  | EmpiricalDiscreteSpec
  | EmpiricalSpec
  | BernoulliSpec
  | CategoricalSpec;

export type DistributionType = DistributionSpec["type"];
