/** The random layer: seeded streams, distributions and their samplers, arrival processes. */
export { createStream, streamSeed, GENERATOR_NAME, STREAM_ALLOCATION } from "./streams.js";
export type { RandomStream } from "./streams.js";

export {
  checkDistribution,
  createSampler,
  describeDistribution,
  DISTRIBUTION_TYPES,
  PROBABILITY_SUM_TOLERANCE,
} from "./distributions.js";
export type {
  BernoulliSpec,
  CategoricalSpec,
  CheckDistributionOptions,
  DeterministicSpec,
  DistributionSpec,
  DistributionType,
  EmpiricalDiscreteSpec,
  EmpiricalSpec,
  ErlangSpec,
  ExponentialSpec,
  GammaMeanSdSpec,
  GammaShapeScaleSpec,
  GammaSpec,
  LognormalSpec,
  NormalSpec,
  Sampler,
  TriangularSpec,
  UniformSpec,
  WeibullSpec,
} from "./distributions.js";

export {
  checkArrivalProfile,
  constantRate,
  ConstantRateArrivals,
  DAYS_PER_MONTH,
  HOURS_PER_WEEK,
  PiecewiseRateArrivals,
} from "./arrivals.js";
export type { ArrivalProcess, ArrivalProfile } from "./arrivals.js";
