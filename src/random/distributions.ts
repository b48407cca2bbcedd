/**
 * Distributions as health analysts give them, their validation, and samplers.
 *
 * Three stages, kept apart: a `DistributionSpec` is plain data (what a model file holds);
 * `checkDistribution` turns a spec into issues, never throwing; `createSampler` turns a valid spec
 * into a `Sampler` whose `sample` is the hot path and trusts its input.
 *
 * Sampling is by inversion wherever the inverse CDF is cheap (every family except gamma and
 * large-k Erlang): one uniform per draw, and the draw increases with the uniform. That keeps
 * common random numbers synchronised across scenarios, and a sampler keeps no state between draws,
 * so one sampler may serve many streams and each stream's sequence is unaffected by the others.
 */
import { PathflowInputError } from "../errors.js";
import type { Issue, IssuePath } from "../errors.js";
import type { RandomStream } from "./streams.js";
import { logGamma, normalCdf, normalDensity, normalQuantile } from "../math/special.js";

// ---------------------------------------------------------------------------------------------
// Specs
// ---------------------------------------------------------------------------------------------

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

/** The parameters each family accepts; any other key is an error. */
const PARAMETERS: { readonly [T in DistributionType]: readonly string[] } = {
  exponential: ["mean"],
  lognormal: ["mean", "sd"],
  gamma: ["mean", "sd", "shape", "scale"],
  erlang: ["k", "mean"],
  weibull: ["shape", "scale"],
  triangular: ["min", "mode", "max"],
  uniform: ["min", "max"],
  normal: ["mean", "sd", "truncateAtZero"],
  deterministic: ["value"],
  empiricalDiscrete: ["values", "probabilities"],
  empirical: ["observations"],
  bernoulli: ["p"],
  categorical: ["probabilities"],
};

export const DISTRIBUTION_TYPES: readonly DistributionType[] = Object.keys(PARAMETERS) as DistributionType[];

/** Tolerance on the sum of a probability vector. */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/** A truncated normal needs mean ≥ −this × sd; beyond it P(X ≥ 0) is below 1e-197. */
const TRUNCATED_NORMAL_MIN_Z = -30;

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

export interface CheckDistributionOptions {
  /**
   * Whether the quantity may never be negative, as for durations. Default true. When true, the
   * lower ends of triangular and uniform, empirical observations, empiricalDiscrete values and a
   * deterministic value must be ≥ 0. (Normal is governed by its own `truncateAtZero`.)
   */
  readonly nonNegative?: boolean;
}

/**
 * Every problem with a distribution spec, as issues whose path ends at the offending parameter.
 * Accepts anything (it is the boundary check); returns `[]` exactly when `createSampler` would
 * accept the spec.
 */
export function checkDistribution(spec: unknown, path: IssuePath = [], options: CheckDistributionOptions = {}): Issue[] {
  const issues: Issue[] = [];
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    issues.push({
      code: "invalid_type",
      path,
      message: `a distribution must be an object with a type, got ${describeValue(spec)}`,
    });
    return issues;
  }
  const record = spec as Record<string, unknown>;
  const type = record["type"];
  if (type === undefined) {
    issues.push({ code: "missing", path: [...path, "type"], message: `distribution type is required: one of ${DISTRIBUTION_TYPES.join(", ")}` });
    return issues;
  }
  if (typeof type !== "string" || !Object.hasOwn(PARAMETERS, type)) {
    issues.push({
      code: "invalid_value",
      path: [...path, "type"],
      message: `distribution type must be one of ${DISTRIBUTION_TYPES.join(", ")}, got ${describeValue(type)}`,
    });
    return issues;
  }
  const family = type as DistributionType;
  const allowed = PARAMETERS[family];
  for (const key of Object.keys(record)) {
    if (key === "type" || allowed.includes(key)) continue;
    issues.push({
      code: "unknown_key",
      path: [...path, key],
      message: `${family} has no parameter "${key}"; its parameters are ${allowed.join(", ")}`,
    });
  }
  const c = new Checker(family, record, path, issues);
  const nonNegative = options.nonNegative ?? true;

  switch (family) {
    case "exponential":
      c.positive("mean");
      break;
    case "lognormal":
      c.positive("mean");
      c.positive("sd");
      break;
    case "gamma": {
      const meanSd = ["mean", "sd"].filter((k) => record[k] !== undefined);
      const shapeScale = ["shape", "scale"].filter((k) => record[k] !== undefined);
      if (meanSd.length > 0 && shapeScale.length > 0) {
        issues.push({
          code: "invalid_value",
          path,
          message: `gamma takes either mean and sd or shape and scale, not both; got ${[...meanSd, ...shapeScale].join(", ")}`,
        });
      } else if (shapeScale.length > 0) {
        c.positive("shape");
        c.positive("scale");
      } else {
        c.positive("mean");
        c.positive("sd");
      }
      break;
    }
    case "erlang": {
      const k = c.finite("k", "a whole number ≥ 1");
      if (k !== undefined && !(Number.isInteger(k) && k >= 1)) c.range("k", "a whole number ≥ 1", k);
      c.positive("mean");
      break;
    }
    case "weibull":
      c.positive("shape");
      c.positive("scale");
      break;
    case "triangular": {
      const min = c.finite("min", nonNegative ? "a number ≥ 0" : "a number");
      if (nonNegative && min !== undefined && min < 0) c.range("min", "≥ 0", min);
      const mode = c.finite("mode", "a number between min and max");
      const max = c.finite("max", "a number > min");
      if (min !== undefined && max !== undefined && !(max > min)) c.range("max", `> min (${min})`, max);
      if (min !== undefined && max !== undefined && mode !== undefined && !(mode >= min && mode <= max)) {
        c.range("mode", `between min (${min}) and max (${max})`, mode);
      }
      break;
    }
    case "uniform": {
      const min = c.finite("min", nonNegative ? "a number ≥ 0" : "a number");
      if (nonNegative && min !== undefined && min < 0) c.range("min", "≥ 0", min);
      const max = c.finite("max", "a number > min");
      if (min !== undefined && max !== undefined && !(max > min)) c.range("max", `> min (${min})`, max);
      break;
    }
    case "normal": {
      const mean = c.finite("mean", "a number");
      const sd = c.positive("sd");
      const truncate = record["truncateAtZero"];
      if (truncate !== undefined && typeof truncate !== "boolean") {
        issues.push({
          code: "invalid_type",
          path: [...path, "truncateAtZero"],
          message: `normal truncateAtZero must be true or false, got ${describeValue(truncate)}`,
        });
      } else if (truncate !== false && mean !== undefined && sd !== undefined && mean < TRUNCATED_NORMAL_MIN_Z * sd) {
        c.range(
          "mean",
          `≥ ${TRUNCATED_NORMAL_MIN_Z} × sd (${TRUNCATED_NORMAL_MIN_Z * sd}) when truncateAtZero is true, or values above zero are too rare to sample`,
          mean,
        );
      }
      break;
    }
    case "deterministic":
      if (nonNegative) c.nonNegative("value");
      else c.finite("value", "a number");
      break;
    case "empiricalDiscrete": {
      const values = c.numbers("values", nonNegative);
      const probabilities = c.probabilities("probabilities");
      if (values !== undefined && probabilities !== undefined && values.length !== probabilities.length) {
        issues.push({
          code: "invalid_value",
          path: [...path, "probabilities"],
          message: `empiricalDiscrete probabilities must have one entry per value (${values.length}), got ${probabilities.length}`,
        });
      }
      break;
    }
    case "empirical":
      c.numbers("observations", nonNegative);
      break;
    case "bernoulli": {
      const p = c.finite("p", "a probability in [0, 1]");
      if (p !== undefined && !(p >= 0 && p <= 1)) c.range("p", "in [0, 1]", p);
      break;
    }
    case "categorical":
      c.probabilities("probabilities");
      break;
  }
  return issues;
}

/** Gathers issues for one spec; each method returns the value when it is usable, else undefined. */
class Checker {
  constructor(
    private readonly family: DistributionType,
    private readonly record: Record<string, unknown>,
    private readonly path: IssuePath,
    private readonly issues: Issue[],
  ) {}

  /** A finite number; `expected` says what was wanted, for the message. */
  finite(key: string, expected: string): number | undefined {
    const value = this.record[key];
    const at = [...this.path, key];
    if (value === undefined) {
      this.issues.push({ code: "missing", path: at, message: `${this.family} ${key} is required: ${expected}` });
      return undefined;
    }
    if (typeof value !== "number") {
      this.issues.push({
        code: "invalid_type",
        path: at,
        message: `${this.family} ${key} must be ${expected}, got ${describeValue(value)}`,
      });
      return undefined;
    }
    if (!Number.isFinite(value)) {
      this.issues.push({
        code: "invalid_value",
        path: at,
        message: `${this.family} ${key} must be a finite number (${expected}), got ${value}`,
      });
      return undefined;
    }
    return value;
  }

  positive(key: string): number | undefined {
    const value = this.finite(key, "a number > 0");
    if (value !== undefined && !(value > 0)) return this.range(key, "> 0", value);
    return value;
  }

  nonNegative(key: string): number | undefined {
    const value = this.finite(key, "a number ≥ 0");
    if (value !== undefined && !(value >= 0)) return this.range(key, "≥ 0", value);
    return value;
  }

  /** Records "<family> <key> must be <rule>, got <value>" and returns undefined. */
  range(key: string, rule: string, got: number): undefined {
    this.issues.push({
      code: "out_of_range",
      path: [...this.path, key],
      message: `${this.family} ${key} must be ${rule}, got ${got}`,
    });
    return undefined;
  }

  /** A nonempty array of finite numbers (≥ 0 if asked); undefined if the array itself is unusable. */
  numbers(key: string, nonNegative: boolean): unknown[] | undefined {
    const list = this.list(key, nonNegative ? "numbers ≥ 0" : "numbers");
    if (list === undefined) return undefined;
    list.forEach((value, i) => {
      const at = [...this.path, key, i];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        this.issues.push({
          code: typeof value === "number" ? "invalid_value" : "invalid_type",
          path: at,
          message: `${this.family} ${key}[${i}] must be a finite number, got ${describeValue(value)}`,
        });
      } else if (nonNegative && value < 0) {
        this.issues.push({ code: "out_of_range", path: at, message: `${this.family} ${key}[${i}] must be ≥ 0, got ${value}` });
      }
    });
    return list;
  }

  /** A nonempty array of probabilities in [0, 1] summing to 1. Returns the array if it was an array. */
  probabilities(key: string): unknown[] | undefined {
    const list = this.list(key, "probabilities");
    if (list === undefined) return undefined;
    let allFinite = true;
    let sum = 0;
    list.forEach((value, i) => {
      const at = [...this.path, key, i];
      if (typeof value !== "number" || !Number.isFinite(value)) {
        allFinite = false;
        this.issues.push({
          code: typeof value === "number" ? "invalid_value" : "invalid_type",
          path: at,
          message: `${this.family} ${key}[${i}] must be a finite number in [0, 1], got ${describeValue(value)}`,
        });
        return;
      }
      sum += value;
      if (!(value >= 0 && value <= 1)) {
        this.issues.push({ code: "out_of_range", path: at, message: `${this.family} ${key}[${i}] must be in [0, 1], got ${value}` });
      }
    });
    if (allFinite && !(Math.abs(sum - 1) <= PROBABILITY_SUM_TOLERANCE)) {
      this.issues.push({
        code: "does_not_sum",
        path: [...this.path, key],
        message: `${this.family} ${key} must sum to 1 (within ${PROBABILITY_SUM_TOLERANCE}), got a sum of ${sum}`,
      });
    }
    return list;
  }

  private list(key: string, what: string): unknown[] | undefined {
    const value = this.record[key];
    const at = [...this.path, key];
    if (value === undefined) {
      this.issues.push({ code: "missing", path: at, message: `${this.family} ${key} is required: a nonempty array of ${what}` });
      return undefined;
    }
    if (!Array.isArray(value)) {
      this.issues.push({
        code: "invalid_type",
        path: at,
        message: `${this.family} ${key} must be an array of ${what}, got ${describeValue(value)}`,
      });
      return undefined;
    }
    if (value.length === 0) {
      this.issues.push({ code: "invalid_value", path: at, message: `${this.family} ${key} must be a nonempty array of ${what}, got []` });
      return undefined;
    }
    return value as unknown[];
  }
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `a ${typeof value}`;
}

// ---------------------------------------------------------------------------------------------
// Samplers
// ---------------------------------------------------------------------------------------------

/** Draws from one distribution. `mean` and `variance` are the theoretical moments of what it draws. */
export interface Sampler {
  /** One draw, using only `rng`. Allocates nothing. */
  sample(rng: RandomStream): number;
  readonly mean: number;
  readonly variance: number;
}

/**
 * The sampler for a spec. Validates first and throws one `PathflowInputError` carrying every
 * issue; `path` locates the spec in the model for those messages.
 */
export function createSampler(spec: DistributionSpec, path: IssuePath = [], options: CheckDistributionOptions = {}): Sampler {
  const issues = checkDistribution(spec, path, options);
  if (issues.length > 0) throw new PathflowInputError(issues, `invalid ${describeType(spec)} distribution`);
  switch (spec.type) {
    case "exponential":
      return new ExponentialSampler(spec.mean);
    case "lognormal":
      return new LognormalSampler(spec.mean, spec.sd);
    case "gamma":
      return spec.shape !== undefined
        ? new GammaSampler(spec.shape, spec.scale)
        : new GammaSampler((spec.mean / spec.sd) ** 2, (spec.sd * spec.sd) / spec.mean);
    case "erlang":
      // A product of k uniforms is exact and cheap for small k; past that Marsaglia–Tsang needs
      // about two uniforms per draw whatever k is.
      return spec.k <= ERLANG_PRODUCT_MAX_K ? new ErlangSampler(spec.k, spec.mean) : new GammaSampler(spec.k, spec.mean / spec.k);
    case "weibull":
      return new WeibullSampler(spec.shape, spec.scale);
    case "triangular":
      return new TriangularSampler(spec.min, spec.mode, spec.max);
    case "uniform":
      return new UniformSampler(spec.min, spec.max);
    case "normal":
      return spec.truncateAtZero === false ? new NormalSampler(spec.mean, spec.sd) : new TruncatedNormalSampler(spec.mean, spec.sd);
    case "deterministic":
      return new DeterministicSampler(spec.value);
    case "empiricalDiscrete":
      return new DiscreteSampler(spec.values, spec.probabilities);
    case "empirical":
      return new EmpiricalSampler(spec.observations);
    case "bernoulli":
      return new BernoulliSampler(spec.p);
    case "categorical":
      return new DiscreteSampler(
        spec.probabilities.map((_, i) => i),
        spec.probabilities,
      );
  }
}

function describeType(spec: unknown): string {
  const type = typeof spec === "object" && spec !== null ? (spec as { type?: unknown }).type : undefined;
  return typeof type === "string" ? type : "unknown";
}

const ERLANG_PRODUCT_MAX_K = 3;

/** 2⁻⁵³: stands in for a uniform of exactly 0 where 0 would give an infinite draw. */
const SMALLEST_UNIFORM = 1.1102230246251565e-16;
/** 1 − 2⁻⁵³, the largest double below 1. */
const ONE_MINUS_EPSILON = 1 - SMALLEST_UNIFORM;

// Hot path: every sampler below is a monomorphic class with number fields and a `sample` that
// allocates nothing and draws only from the stream passed in.

class ExponentialSampler implements Sampler {
  readonly variance: number;
  constructor(readonly mean: number) {
    this.variance = mean * mean;
  }
  sample(rng: RandomStream): number {
    return this.mean * (0 - Math.log(1 - rng.double())); // 0 − x: a uniform of 0 gives +0, not −0
  }
}

class LognormalSampler implements Sampler {
  readonly variance: number;
  private readonly mu: number;
  private readonly sigma: number;
  constructor(
    readonly mean: number,
    sd: number,
  ) {
    const sigma2 = Math.log1p((sd * sd) / (mean * mean));
    this.sigma = Math.sqrt(sigma2);
    this.mu = Math.log(mean) - sigma2 / 2;
    this.variance = sd * sd;
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    return Math.exp(this.mu + this.sigma * normalQuantile(u > 0 ? u : SMALLEST_UNIFORM));
  }
}

/** Marsaglia & Tsang (2000), with the u^(1/shape) boost for shape < 1. */
class GammaSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly d: number;
  private readonly c: number;
  private readonly scale: number;
  /** 1/shape when shape < 1 (the boost exponent), else 0 (no boost). */
  private readonly boostExponent: number;
  constructor(shape: number, scale: number) {
    this.mean = shape * scale;
    this.variance = shape * scale * scale;
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
class ErlangSampler implements Sampler {
  readonly variance: number;
  private readonly phaseMean: number;
  constructor(
    private readonly k: number,
    readonly mean: number,
  ) {
    this.phaseMean = mean / k;
    this.variance = (mean * mean) / k;
  }
  sample(rng: RandomStream): number {
    let product = 1 - rng.double();
    for (let i = 1; i < this.k; i++) product *= 1 - rng.double();
    return this.phaseMean * (0 - Math.log(product));
  }
}

class WeibullSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly inverseShape: number;
  constructor(
    shape: number,
    private readonly scale: number,
  ) {
    this.inverseShape = 1 / shape;
    const g1 = Math.exp(logGamma(1 + 1 / shape));
    const g2 = Math.exp(logGamma(1 + 2 / shape));
    this.mean = scale * g1;
    this.variance = scale * scale * (g2 - g1 * g1);
  }
  sample(rng: RandomStream): number {
    return this.scale * Math.pow(0 - Math.log(1 - rng.double()), this.inverseShape);
  }
}

class TriangularSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  /** F(mode). */
  private readonly modeCdf: number;
  private readonly lowerFactor: number;
  private readonly upperFactor: number;
  constructor(
    private readonly min: number,
    mode: number,
    private readonly max: number,
  ) {
    const width = max - min;
    this.modeCdf = (mode - min) / width;
    this.lowerFactor = width * (mode - min);
    this.upperFactor = width * (max - mode);
    this.mean = (min + mode + max) / 3;
    this.variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
  }
  sample(rng: RandomStream): number {
    const u = rng.double();
    return u < this.modeCdf ? this.min + Math.sqrt(u * this.lowerFactor) : this.max - Math.sqrt((1 - u) * this.upperFactor);
  }
}

class UniformSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly width: number;
  constructor(
    private readonly min: number,
    max: number,
  ) {
    this.width = max - min;
    this.mean = (min + max) / 2;
    this.variance = (this.width * this.width) / 12;
  }
  sample(rng: RandomStream): number {
    return this.min + this.width * rng.double();
  }
}

class NormalSampler implements Sampler {
  readonly variance: number;
  constructor(
    readonly mean: number,
    private readonly sd: number,
  ) {
    this.variance = sd * sd;
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
class TruncatedNormalSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  /** P(X ≥ 0) for the untruncated normal: Φ(μ/σ). */
  private readonly keptMass: number;
  constructor(
    private readonly mu: number,
    private readonly sd: number,
  ) {
    const alpha = -mu / sd; // the cut, in standard units
    const keptMass = normalCdf(mu / sd);
    // Capped below 1 so that a uniform of exactly 0 (allowed by RandomStream) maps to a finite
    // quantile even when Φ(μ/σ) rounds to 1.
    this.keptMass = Math.min(keptMass, ONE_MINUS_EPSILON);
    const lambda = normalDensity(alpha) / keptMass; // inverse Mills ratio
    this.mean = mu + sd * lambda;
    this.variance = sd * sd * (1 + alpha * lambda - lambda * lambda);
  }
  sample(rng: RandomStream): number {
    const w = normalQuantile((1 - rng.double()) * this.keptMass);
    const x = this.mu - this.sd * w;
    return x > 0 ? x : 0; // rounding can put the cut itself a hair below zero
  }
}

class DeterministicSampler implements Sampler {
  readonly variance = 0;
  constructor(readonly mean: number) {}
  sample(_rng: RandomStream): number {
    return this.mean;
  }
}

/**
 * Finitely many values by a cumulative table and binary search. Chosen over the alias method
 * because it is monotone in the uniform (better for common random numbers) and, for the handful
 * of categories models have, as fast.
 */
class DiscreteSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  /** cumulative[i] = P(index ≤ i), normalised; 1 from the last positive probability on. */
  private readonly cumulative: Float64Array;
  constructor(values: readonly number[], probabilities: readonly number[]) {
    const n = values.length;
    this.values = Float64Array.from(values);
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (const p of probabilities) total += p;
    let running = 0;
    let last = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const p = (probabilities[i] ?? 0) / total;
      running += p;
      this.cumulative[i] = running;
      if (p > 0) last = i;
      mean += p * (values[i] ?? 0);
    }
    this.cumulative.fill(1, last);
    let variance = 0;
    for (let i = 0; i < n; i++) variance += ((probabilities[i] ?? 0) / total) * ((values[i] ?? 0) - mean) ** 2;
    this.mean = mean;
    this.variance = variance;
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
class EmpiricalSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  private readonly sorted: Float64Array;
  private readonly segments: number;
  constructor(observations: readonly number[]) {
    this.sorted = Float64Array.from(observations).sort();
    const n = this.sorted.length;
    this.segments = n - 1;
    if (n === 1) {
      this.mean = this.sorted[0]!;
      this.variance = 0;
      return;
    }
    // Each segment [a, b] is uniform with mass 1/(n − 1).
    let mean = 0;
    for (let i = 0; i < this.segments; i++) mean += (this.sorted[i]! + this.sorted[i + 1]!) / 2;
    mean /= this.segments;
    let variance = 0;
    for (let i = 0; i < this.segments; i++) {
      const a = this.sorted[i]! - mean;
      const b = this.sorted[i + 1]! - mean;
      variance += (a * a + a * b + b * b) / 3;
    }
    this.mean = mean;
    this.variance = variance / this.segments;
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

class BernoulliSampler implements Sampler {
  readonly mean: number;
  readonly variance: number;
  constructor(private readonly p: number) {
    this.mean = p;
    this.variance = p * (1 - p);
  }
  sample(rng: RandomStream): number {
    return rng.double() < this.p ? 1 : 0;
  }
}

// ---------------------------------------------------------------------------------------------
// Description
// ---------------------------------------------------------------------------------------------

/** Lists longer than this are summarised rather than spelled out. */
const DESCRIBE_MAX_ITEMS = 6;

/** A short human description for reports, e.g. "lognormal(mean 7.4, sd 8.61)". */
export function describeDistribution(spec: DistributionSpec): string {
  switch (spec.type) {
    case "exponential":
      return `exponential(mean ${num(spec.mean)})`;
    case "lognormal":
      return `lognormal(mean ${num(spec.mean)}, sd ${num(spec.sd)})`;
    case "gamma":
      return spec.shape !== undefined
        ? `gamma(shape ${num(spec.shape)}, scale ${num(spec.scale)})`
        : `gamma(mean ${num(spec.mean)}, sd ${num(spec.sd)})`;
    case "erlang":
      return `erlang(k ${num(spec.k)}, mean ${num(spec.mean)})`;
    case "weibull":
      return `weibull(shape ${num(spec.shape)}, scale ${num(spec.scale)})`;
    case "triangular":
      return `triangular(min ${num(spec.min)}, mode ${num(spec.mode)}, max ${num(spec.max)})`;
    case "uniform":
      return `uniform(min ${num(spec.min)}, max ${num(spec.max)})`;
    case "normal":
      return `normal(mean ${num(spec.mean)}, sd ${num(spec.sd)}${spec.truncateAtZero === false ? "" : ", truncated at 0"})`;
    case "deterministic":
      return `deterministic(${num(spec.value)})`;
    case "empiricalDiscrete":
      if (spec.values.length <= DESCRIBE_MAX_ITEMS) {
        return `empiricalDiscrete(${spec.values.map((v, i) => `${num(v)} p ${num(spec.probabilities[i] ?? NaN)}`).join(", ")})`;
      }
      return `empiricalDiscrete(${spec.values.length} values, ${span(spec.values)})`;
    case "empirical":
      return `empirical(${spec.observations.length} observations, ${span(spec.observations)})`;
    case "bernoulli":
      return `bernoulli(p ${num(spec.p)})`;
    case "categorical":
      if (spec.probabilities.length <= DESCRIBE_MAX_ITEMS) return `categorical(p ${spec.probabilities.map(num).join(", ")})`;
      return `categorical(${spec.probabilities.length} categories)`;
  }
}

/** "min to max" of a list (a loop: spreading a long list into Math.min can overflow the stack). */
function span(values: readonly number[]): string {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return `${num(lo)} to ${num(hi)}`;
}

/** Six significant figures, without trailing zeros. */
function num(x: number): string {
  return String(Number(x.toPrecision(6)));
}
