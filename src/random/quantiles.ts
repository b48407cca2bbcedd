/**
 * Quantiles of the distributions an uncertain parameter may have (the model's `uncertainty`
 * section): the value whose cumulative probability is `u`. A Latin hypercube draws `u` in strata
 * and maps it through here, so each stratum of probability becomes a stratum of the parameter.
 *
 * Uniform, triangular, lognormal and discrete reuse the simulation's own samplers, which draw by
 * inversion (one uniform, increasing in it): given a "stream" that returns `u`, they return its
 * quantile. The normal is truncated to [min, max] here (the simulation's normal truncates at zero
 * only).
 */
import { normalCdf, normalQuantile } from "../math/special.js";
import { createSampler } from "./families.js";
import type { DistributionSpec } from "./distribution-spec.js";
import type { RandomStream } from "./streams.js";

/** What an uncertain parameter is believed to be (model/schema.ts validates it). */
export type UncertainDistribution =
  | { readonly type: "uniform"; readonly min: number; readonly max: number }
  | { readonly type: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | { readonly type: "normal"; readonly mean: number; readonly sd: number; readonly min?: number | undefined; readonly max?: number | undefined }
  | { readonly type: "lognormal"; readonly mean: number; readonly sd: number }
  | { readonly type: "discrete"; readonly values: readonly number[]; readonly probabilities: readonly number[] };

/** Keeps Φ⁻¹ finite at the ends of (0, 1). */
const EDGE = 1e-12;

/** The value with cumulative probability `u` (in [0, 1)) under `d`. */
export function uncertainQuantile(d: UncertainDistribution, given: number): number {
  // (s + v)/n can round to 1 for the top stratum: keep every family's inverse finite.
  const u = Math.min(1 - EDGE, Math.max(0, given));
  if (d.type === "normal") {
    const low = d.min === undefined ? 0 : normalCdf((d.min - d.mean) / d.sd);
    const high = d.max === undefined ? 1 : normalCdf((d.max - d.mean) / d.sd);
    const p = Math.min(1 - EDGE, Math.max(EDGE, low + u * (high - low)));
    const x = d.mean + d.sd * normalQuantile(p);
    return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
  }
  const fixed: RandomStream = { double: () => u };
  return createSampler(asSpec(d)).sample(fixed);
}

/** The median: the value a parameter takes in words ("about …"). */
export function uncertainMedian(d: UncertainDistribution): number {
  return uncertainQuantile(d, 0.5);
}

function asSpec(d: Exclude<UncertainDistribution, { type: "normal" }>): DistributionSpec {
  switch (d.type) {
    case "discrete":
      return { type: "empiricalDiscrete", values: d.values, probabilities: d.probabilities };
    default:
      return d;
  }
}

/** The distribution in words, e.g. `triangular(0.8, 1, 1.2)`. */
export function describeUncertain(d: UncertainDistribution): string {
  const n = (x: number) => String(Number(x.toPrecision(6)));
  switch (d.type) {
    case "uniform":
      return `uniform(${n(d.min)} to ${n(d.max)})`;
    case "triangular":
      return `triangular(${n(d.min)}, most likely ${n(d.mode)}, ${n(d.max)})`;
    case "normal":
      return `normal(mean ${n(d.mean)}, sd ${n(d.sd)}${d.min !== undefined || d.max !== undefined ? `, within ${d.min === undefined ? "−∞" : n(d.min)} to ${d.max === undefined ? "∞" : n(d.max)}` : ""})`;
    case "lognormal":
      return `lognormal(mean ${n(d.mean)}, sd ${n(d.sd)})`;
    case "discrete":
      return `discrete(${d.values.map((v, i) => `${n(v)} p ${n(d.probabilities[i] ?? NaN)}`).join(", ")})`;
  }
}
