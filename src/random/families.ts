/**
 * The distribution families pathflow knows, described once: for each family its parameters and
 * what each must be, the rules between parameters, its mean and variance, how reports describe it
 * and which sampler draws from it. Everything else reads this table: the model file's schema and
 * its checks (model/schema.ts, model/distribution-check.ts), the samplers (`createSampler`) and
 * the descriptions (`describeDistribution`).
 *
 * A `DistributionSpec` (distribution-spec.ts) is plain data, as a model file holds it.
 * `createSampler` trusts its spec: model files are checked at the boundary
 * (model/distribution-check.ts) before any sampler is built.
 */
import { logGamma, normalCdf, normalDensity } from "../math/special.js";
import {
  BernoulliSampler,
  DeterministicSampler,
  DiscreteSampler,
  EmpiricalSampler,
  ErlangSampler,
  ExponentialSampler,
  GammaSampler,
  LognormalSampler,
  NormalSampler,
  TriangularSampler,
  TruncatedNormalSampler,
  UniformSampler,
  WeibullSampler,
  type Moments,
  type Sampler,
} from "./samplers.js";
import type { DistributionSpec, DistributionType } from "./distribution-spec.js";

// ---------------------------------------------------------------------------------------------
// The table's vocabulary
// ---------------------------------------------------------------------------------------------

/**
 * What a parameter must be:
 * - `positive`: a finite number > 0;  `real`: any finite number;
 * - `quantity`: a finite number, ≥ 0 when the quantity may not be negative (durations);
 * - `count`: a whole number ≥ 1;  `probability`: a number in [0, 1];
 * - `flag`: true or false, and may be left out;
 * - `quantities`: a nonempty list of quantities;  `probabilities`: a nonempty list of
 *   probabilities summing to 1 (within `PROBABILITY_SUM_TOLERANCE`).
 */
export type ParameterKind = "positive" | "real" | "quantity" | "count" | "probability" | "flag" | "quantities" | "probabilities";

export interface Parameter {
  readonly name: string;
  readonly kind: ParameterKind;
  /**
   * Whether it is in the unit of the quantity (a location or scale: mean, sd, min, scale, values …)
   * rather than dimensionless (shape, k, probabilities). Scaling the quantity scales exactly these.
   */
  readonly inUnit: boolean;
  /** What is expected, in words, where a rule narrows the kind (e.g. "a number > min"). */
  readonly expected?: string;
}

/** A broken rule: "<family> <key> must <must>, got <got>". */
export interface Breach {
  readonly key: string;
  readonly code: "out_of_range" | "invalid_value";
  readonly must: string;
  readonly got: number;
}

/**
 * A rule between parameters. It is applied only when each parameter it uses passed its own check
 * far enough to be read: a finite number (a positive one for `positive`), a nonempty list, or a
 * flag that is true, false or left out.
 */
export interface Rule {
  readonly uses: readonly string[];
  readonly broken: (values: Readonly<Record<string, unknown>>) => Breach | undefined;
}

export interface Family<S extends DistributionSpec = DistributionSpec> {
  /**
   * The parameters, as alternative forms: gamma takes `mean, sd` or `shape, scale`; every other
   * family has one form. The first form is the default when none of its parameters is given.
   */
  readonly forms: readonly (readonly Parameter[])[];
  readonly rules: readonly Rule[];
  /** Whether model files may use it (bernoulli and categorical are decisions and indices, for code). */
  readonly inModelFiles: boolean;
  /** One sentence for the JSON Schema, where the family needs one. */
  readonly summary?: string;
  /** Short text for reports, e.g. "lognormal(mean 7.4, sd 8.61)". */
  readonly describe: (spec: S) => string;
  /** The theoretical mean and variance of what the family's sampler draws. */
  readonly moments: (spec: S) => Moments;
  /** The sampler (samplers.ts) for a valid spec. */
  readonly sampler: (spec: S, moments: Moments) => Sampler;
}

/** Tolerance on the sum of a probability vector. */
export const PROBABILITY_SUM_TOLERANCE = 1e-9;

/** A truncated normal needs mean ≥ −this × sd; beyond it P(X ≥ 0) is below 1e-197. */
export const TRUNCATED_NORMAL_MIN_Z = -30;

/** Above this k an Erlang is drawn by Marsaglia–Tsang (about two uniforms per draw whatever k is). */
const ERLANG_PRODUCT_MAX_K = 3;

/** Lists longer than this are summarised rather than spelled out in descriptions. */
const DESCRIBE_MAX_ITEMS = 6;

/** A parameter in the unit of the quantity. */
const u = (name: string, kind: ParameterKind, expected?: string): Parameter => (expected === undefined ? { name, kind, inUnit: true } : { name, kind, inUnit: true, expected });
/** A dimensionless parameter. */
const d = (name: string, kind: ParameterKind): Parameter => ({ name, kind, inUnit: false });

/** `key` > `than`. */
function above(key: string, than: string): Rule {
  return {
    uses: [key, than],
    broken: (v) => (Number(v[key]) > Number(v[than]) ? undefined : { key, code: "out_of_range", must: `be > ${than} (${v[than]})`, got: Number(v[key]) }),
  };
}

/** `low` ≤ `key` ≤ `high`. */
function between(key: string, low: string, high: string): Rule {
  return {
    uses: [key, low, high],
    broken: (v) => {
      const x = Number(v[key]);
      if (x >= Number(v[low]) && x <= Number(v[high])) return undefined;
      return { key, code: "out_of_range", must: `be between ${low} (${v[low]}) and ${high} (${v[high]})`, got: x };
    },
  };
}

/** A truncated normal must keep enough mass above zero to be sampled. */
const truncationReachable: Rule = {
  uses: ["mean", "sd", "truncateAtZero"],
  broken: (v) => {
    const mean = Number(v["mean"]);
    const floor = TRUNCATED_NORMAL_MIN_Z * Number(v["sd"]);
    if (v["truncateAtZero"] === false || !(mean < floor)) return undefined;
    const must = `be ≥ ${TRUNCATED_NORMAL_MIN_Z} × sd (${floor}) when truncateAtZero is true, or values above zero are too rare to sample`;
    return { key: "mean", code: "out_of_range", must, got: mean };
  },
};

/** One probability per value. */
const oneProbabilityPerValue: Rule = {
  uses: ["values", "probabilities"],
  broken: (v) => {
    const values = v["values"] as readonly unknown[];
    const probabilities = v["probabilities"] as readonly unknown[];
    if (values.length === probabilities.length) return undefined;
    return { key: "probabilities", code: "invalid_value", must: `have one entry per value (${values.length})`, got: probabilities.length };
  },
};

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

/** The families in the order messages and the JSON Schema list them. */
export const FAMILIES: { readonly [T in DistributionType]: Family<Extract<DistributionSpec, { type: T }>> } = {
  exponential: {
    forms: [[u("mean", "positive")]],
    rules: [],
    inModelFiles: true,
    summary: "Exponential with the given mean.",
    describe: (s) => `exponential(mean ${num(s.mean)})`,
    moments: (s) => ({ mean: s.mean, variance: s.mean * s.mean }),
    sampler: (_s, m) => new ExponentialSampler(m),
  },
  lognormal: {
    forms: [[u("mean", "positive"), u("sd", "positive")]],
    rules: [],
    inModelFiles: true,
    summary: "Lognormal: mean and sd of the variable itself, not of its log.",
    describe: (s) => `lognormal(mean ${num(s.mean)}, sd ${num(s.sd)})`,
    moments: (s) => ({ mean: s.mean, variance: s.sd * s.sd }),
    sampler: (s, m) => new LognormalSampler(s.mean, s.sd, m),
  },
  gamma: {
    forms: [
      [u("mean", "positive"), u("sd", "positive")],
      [d("shape", "positive"), u("scale", "positive")],
    ],
    rules: [],
    inModelFiles: true,
    summary: "Gamma: give either mean and sd, or shape and scale.",
    describe: (s) => (s.shape !== undefined ? `gamma(shape ${num(s.shape)}, scale ${num(s.scale)})` : `gamma(mean ${num(s.mean)}, sd ${num(s.sd)})`),
    moments: (s) => (s.shape !== undefined ? { mean: s.shape * s.scale, variance: s.shape * s.scale * s.scale } : { mean: s.mean, variance: s.sd * s.sd }),
    sampler: (s, m) => (s.shape !== undefined ? new GammaSampler(s.shape, s.scale, m) : new GammaSampler((s.mean / s.sd) ** 2, (s.sd * s.sd) / s.mean, m)),
  },
  erlang: {
    forms: [[d("k", "count"), u("mean", "positive")]],
    rules: [],
    inModelFiles: true,
    summary: "Erlang: k phases, total mean.",
    describe: (s) => `erlang(k ${num(s.k)}, mean ${num(s.mean)})`,
    moments: (s) => ({ mean: s.mean, variance: (s.mean * s.mean) / s.k }),
    // A product of k uniforms is exact and cheap for small k.
    sampler: (s, m) => (s.k <= ERLANG_PRODUCT_MAX_K ? new ErlangSampler(s.k, s.mean, m) : new GammaSampler(s.k, s.mean / s.k, m)),
  },
  weibull: {
    forms: [[d("shape", "positive"), u("scale", "positive")]],
    rules: [],
    inModelFiles: true,
    describe: (s) => `weibull(shape ${num(s.shape)}, scale ${num(s.scale)})`,
    moments: (s) => {
      const g1 = Math.exp(logGamma(1 + 1 / s.shape));
      const g2 = Math.exp(logGamma(1 + 2 / s.shape));
      return { mean: s.scale * g1, variance: s.scale * s.scale * (g2 - g1 * g1) };
    },
    sampler: (s, m) => new WeibullSampler(s.shape, s.scale, m),
  },
  triangular: {
    forms: [[u("min", "quantity"), u("mode", "real", "a number between min and max"), u("max", "real", "a number > min")]],
    rules: [above("max", "min"), between("mode", "min", "max")],
    inModelFiles: true,
    describe: (s) => `triangular(min ${num(s.min)}, mode ${num(s.mode)}, max ${num(s.max)})`,
    moments: ({ min, mode, max }) => ({
      mean: (min + mode + max) / 3,
      variance: (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18,
    }),
    sampler: (s, m) => new TriangularSampler(s.min, s.mode, s.max, m),
  },
  uniform: {
    forms: [[u("min", "quantity"), u("max", "real", "a number > min")]],
    rules: [above("max", "min")],
    inModelFiles: true,
    describe: (s) => `uniform(min ${num(s.min)}, max ${num(s.max)})`,
    moments: (s) => ({ mean: (s.min + s.max) / 2, variance: ((s.max - s.min) * (s.max - s.min)) / 12 }),
    sampler: (s, m) => new UniformSampler(s.min, s.max, m),
  },
  normal: {
    forms: [[u("mean", "real"), u("sd", "positive"), d("truncateAtZero", "flag")]],
    rules: [truncationReachable],
    inModelFiles: true,
    describe: (s) => `normal(mean ${num(s.mean)}, sd ${num(s.sd)}${s.truncateAtZero === false ? "" : ", truncated at 0"})`,
    moments: (s) => (s.truncateAtZero === false ? { mean: s.mean, variance: s.sd * s.sd } : truncatedNormalMoments(s.mean, s.sd)),
    sampler: (s, m) => (s.truncateAtZero === false ? new NormalSampler(s.sd, m) : new TruncatedNormalSampler(s.mean, s.sd, m)),
  },
  deterministic: {
    forms: [[u("value", "quantity")]],
    rules: [],
    inModelFiles: true,
    describe: (s) => `deterministic(${num(s.value)})`,
    moments: (s) => ({ mean: s.value, variance: 0 }),
    sampler: (_s, m) => new DeterministicSampler(m),
  },
  empiricalDiscrete: {
    forms: [[u("values", "quantities"), d("probabilities", "probabilities")]],
    rules: [oneProbabilityPerValue],
    inModelFiles: true,
    describe: (s) =>
      s.values.length <= DESCRIBE_MAX_ITEMS
        ? `empiricalDiscrete(${s.values.map((v, i) => `${num(v)} p ${num(s.probabilities[i] ?? NaN)}`).join(", ")})`
        : `empiricalDiscrete(${s.values.length} values, ${span(s.values)})`,
    moments: (s) => discreteMoments(s.values, s.probabilities),
    sampler: (s, m) => new DiscreteSampler(s.values, s.probabilities, m),
  },
  empirical: {
    forms: [[u("observations", "quantities")]],
    rules: [],
    inModelFiles: true,
    summary: "Continuous, from observations.",
    describe: (s) => `empirical(${s.observations.length} observations, ${span(s.observations)})`,
    moments: (s) => empiricalMoments(s.observations),
    sampler: (s, m) => new EmpiricalSampler(s.observations, m),
  },
  bernoulli: {
    forms: [[d("p", "probability")]],
    rules: [],
    inModelFiles: false,
    describe: (s) => `bernoulli(p ${num(s.p)})`,
    moments: (s) => ({ mean: s.p, variance: s.p * (1 - s.p) }),
    sampler: (s, m) => new BernoulliSampler(s.p, m),
  },
  categorical: {
    forms: [[d("probabilities", "probabilities")]],
    rules: [],
    inModelFiles: false,
    describe: (s) =>
      s.probabilities.length <= DESCRIBE_MAX_ITEMS
        ? `categorical(p ${s.probabilities.map(num).join(", ")})`
        : `categorical(${s.probabilities.length} categories)`,
    moments: (s) => discreteMoments(indices(s.probabilities), s.probabilities),
    sampler: (s, m) => new DiscreteSampler(indices(s.probabilities), s.probabilities, m),
  },
};

export const DISTRIBUTION_TYPES: readonly DistributionType[] = Object.keys(FAMILIES) as DistributionType[];

/** The table's row for a type, typed for a spec of any family. */
export function familyOf(type: DistributionType): Family {
  return FAMILIES[type] as unknown as Family;
}

/** The parameters in the unit of the quantity: those that scaling the quantity scales. */
export function scaledParameters(type: DistributionType): string[] {
  return parametersOf(familyOf(type))
    .filter((parameter) => parameter.inUnit)
    .map((parameter) => parameter.name);
}

/** Every parameter a family accepts, over all its forms, in order. */
export function parametersOf(family: Family): Parameter[] {
  return family.forms.flat();
}

/** The sampler for a valid spec. It trusts the spec: check model input first (model/distribution-check.ts). */
export function createSampler(spec: DistributionSpec): Sampler {
  const family = familyOf(spec.type);
  return family.sampler(spec, family.moments(spec));
}

/** The theoretical mean and variance of a valid spec. */
export function momentsOf(spec: DistributionSpec): Moments {
  return familyOf(spec.type).moments(spec);
}

/** A short human description for reports, e.g. "lognormal(mean 7.4, sd 8.61)". */
export function describeDistribution(spec: DistributionSpec): string {
  return familyOf(spec.type).describe(spec);
}

// ---------------------------------------------------------------------------------------------
// Moments and descriptions that take more than a line
// ---------------------------------------------------------------------------------------------

/** N(μ, σ²) conditioned on X ≥ 0: with α = −μ/σ and λ = φ(α)/Φ(μ/σ), mean μ + σλ, variance σ²(1 + αλ − λ²). */
function truncatedNormalMoments(mu: number, sd: number): Moments {
  const alpha = -mu / sd; // the cut, in standard units
  const lambda = normalDensity(alpha) / normalCdf(mu / sd); // inverse Mills ratio
  return { mean: mu + sd * lambda, variance: sd * sd * (1 + alpha * lambda - lambda * lambda) };
}

/** Values with probabilities (normalised by their sum). */
function discreteMoments(values: readonly number[], probabilities: readonly number[]): Moments {
  let total = 0;
  for (const q of probabilities) total += q;
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += ((probabilities[i] ?? 0) / total) * (values[i] ?? 0);
  let variance = 0;
  for (let i = 0; i < values.length; i++) variance += ((probabilities[i] ?? 0) / total) * ((values[i] ?? 0) - mean) ** 2;
  return { mean, variance };
}

/** The inverse piecewise-linear empirical CDF: each gap between neighbours is uniform with mass 1/(n − 1). */
function empiricalMoments(observations: readonly number[]): Moments {
  const sorted = Float64Array.from(observations).sort();
  const segments = sorted.length - 1;
  if (segments === 0) return { mean: sorted[0]!, variance: 0 };
  let mean = 0;
  for (let i = 0; i < segments; i++) mean += (sorted[i]! + sorted[i + 1]!) / 2;
  mean /= segments;
  let variance = 0;
  for (let i = 0; i < segments; i++) {
    const a = sorted[i]! - mean;
    const b = sorted[i + 1]! - mean;
    variance += (a * a + a * b + b * b) / 3;
  }
  return { mean, variance: variance / segments };
}

function indices(list: readonly unknown[]): number[] {
  return list.map((_, i) => i);
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
