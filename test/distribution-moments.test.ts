import { draw, sampleMoments, type SampleMoments } from "./helpers/moments.js";
import { describe, it, expect } from "vitest";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import { createStream } from "../src/random/streams.js";

/**
 * Every family's draws have the theoretical mean and variance.
 *
 * Tolerances come from standard errors, not guesses: the sample mean must be within 5 SE
 * (SE = σ/√n, σ theoretical) and the sample variance within 5 SE of the variance, where
 * SE(s²) = √((m₄ − s⁴)/n) by the delta method (m₄ the sample fourth central moment). Each test
 * also asserts that tolerance is a small fraction of the target, so it could fail.
 */

const N = 200_000;

type Moments = SampleMoments;

const moments = (xs: Float64Array): Moments => sampleMoments(xs);

/** ∫ f over [a, b] by composite Simpson with `steps` (even) intervals. */
function simpson(f: (x: number) => number, a: number, b: number, steps = 20_000): number {
  const h = (b - a) / steps;
  let s = f(a) + f(b);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** Moments of N(mu, sd²) conditioned on X ≥ 0, by numerical integration of the density. */
function truncatedNormalMoments(mu: number, sd: number): { mean: number; variance: number } {
  const density = (x: number) => Math.exp(-0.5 * ((x - mu) / sd) ** 2);
  const upper = Math.max(mu, 0) + 12 * sd;
  const mass = simpson(density, 0, upper);
  const mean = simpson((x) => x * density(x), 0, upper) / mass;
  const second = simpson((x) => x * x * density(x), 0, upper) / mass;
  return { mean, variance: second - mean * mean };
}

/** Moments of the inverse piecewise-linear empirical CDF, by integrating F⁻¹(u) over u. */
function empiricalMoments(observations: number[]): { mean: number; variance: number } {
  const sorted = [...observations].sort((a, b) => a - b);
  const inverse = (u: number) => {
    const x = u * (sorted.length - 1);
    const i = Math.min(Math.floor(x), sorted.length - 2);
    return sorted[i]! + (x - i) * (sorted[i + 1]! - sorted[i]!);
  };
  const mean = simpson(inverse, 0, 1, 70_000);
  const second = simpson((u) => inverse(u) ** 2, 0, 1, 70_000);
  return { mean, variance: second - mean * mean };
}

interface Case {
  name: string;
  spec: DistributionSpec;
  /** Theoretical moments, from the textbook formula for the family (not from the sampler). */
  mean: number;
  variance: number;
}

const SQRT_PI = Math.sqrt(Math.PI);
const lognormalCv = 8.61 / 7.4;
const truncatedNear = truncatedNormalMoments(10, 2);
const truncatedHeavy = truncatedNormalMoments(1, 2);
const observations = [3, 1, 4, 1, 5, 9, 2, 6, 5.5, 3.2];
const empirical = empiricalMoments(observations);

const cases: Case[] = [
  { name: "exponential", spec: { type: "exponential", mean: 4 }, mean: 4, variance: 16 },
  { name: "lognormal (mean 7.4, sd 8.61)", spec: { type: "lognormal", mean: 7.4, sd: 8.61 }, mean: 7.4, variance: 8.61 ** 2 },
  { name: "lognormal (mean 2, sd 0.5)", spec: { type: "lognormal", mean: 2, sd: 0.5 }, mean: 2, variance: 0.25 },
  { name: "gamma (mean 5, sd 2)", spec: { type: "gamma", mean: 5, sd: 2 }, mean: 5, variance: 4 },
  { name: "gamma (shape 2.5, scale 1.2)", spec: { type: "gamma", shape: 2.5, scale: 1.2 }, mean: 3, variance: 2.5 * 1.44 },
  { name: "gamma (shape 0.5 < 1, scale 3)", spec: { type: "gamma", shape: 0.5, scale: 3 }, mean: 1.5, variance: 4.5 },
  { name: "erlang (k 2, by product)", spec: { type: "erlang", k: 2, mean: 6 }, mean: 6, variance: 18 },
  { name: "erlang (k 5, by Marsaglia–Tsang)", spec: { type: "erlang", k: 5, mean: 10 }, mean: 10, variance: 20 },
  // Γ(1.5) = √π/2, Γ(2) = 1: mean 3·√π/2, variance 9·(1 − π/4).
  { name: "weibull (shape 2)", spec: { type: "weibull", shape: 2, scale: 3 }, mean: (3 * SQRT_PI) / 2, variance: 9 * (1 - Math.PI / 4) },
  // Γ(3) = 2, Γ(5) = 24: mean 2·2, variance 4·(24 − 4).
  { name: "weibull (shape 0.5)", spec: { type: "weibull", shape: 0.5, scale: 2 }, mean: 4, variance: 80 },
  {
    name: "triangular",
    spec: { type: "triangular", min: 1, mode: 2, max: 6 },
    mean: 3,
    variance: (1 + 4 + 36 - 2 - 6 - 12) / 18,
  },
  { name: "uniform", spec: { type: "uniform", min: 2, max: 5 }, mean: 3.5, variance: 9 / 12 },
  { name: "normal (untruncated)", spec: { type: "normal", mean: 10, sd: 2, truncateAtZero: false }, mean: 10, variance: 4 },
  { name: "normal (mean 0 sd 3 truncated: half-normal)", spec: { type: "normal", mean: 0, sd: 3 }, mean: 3 * Math.sqrt(2 / Math.PI), variance: 9 * (1 - 2 / Math.PI) },
  { name: "normal (mean 10 sd 2 truncated, barely)", spec: { type: "normal", mean: 10, sd: 2 }, ...truncatedNear },
  { name: "normal (mean 1 sd 2 truncated, heavily)", spec: { type: "normal", mean: 1, sd: 2, truncateAtZero: true }, ...truncatedHeavy },
  {
    name: "empiricalDiscrete",
    spec: { type: "empiricalDiscrete", values: [1, 2, 5], probabilities: [0.2, 0.5, 0.3] },
    mean: 0.2 + 1 + 1.5,
    variance: 0.2 * 1 + 0.5 * 4 + 0.3 * 25 - 2.7 ** 2,
  },
  { name: "empirical", spec: { type: "empirical", observations }, ...empirical },
  { name: "bernoulli", spec: { type: "bernoulli", p: 0.3 }, mean: 0.3, variance: 0.21 },
  { name: "categorical", spec: { type: "categorical", probabilities: [0.1, 0.2, 0.3, 0.4] }, mean: 2, variance: 1 },
];

describe("sample mean and variance match the theory for every family", () => {
  it.each(cases)("$name", ({ name, spec, mean, variance }) => {
    const sampler = createSampler(spec);
    expect(sampler.mean).toBeCloseTo(mean, 6);
    expect(sampler.variance).toBeCloseTo(variance, 6);

    const m = moments(draw(sampler, createStream(2024, 0, `moments/${name}`), N));
    const meanTolerance = 5 * Math.sqrt(variance / N);
    expect(meanTolerance / mean).toBeLessThan(0.03);
    expect(Math.abs(m.mean - mean)).toBeLessThan(meanTolerance);

    const varianceTolerance = 5 * Math.sqrt((m.fourth - m.variance ** 2) / N);
    expect(varianceTolerance / variance).toBeLessThan(0.12);
    expect(Math.abs(m.variance - variance)).toBeLessThan(varianceTolerance);
  });

  it("the lognormal case is as heavy-tailed as intended (cv 1.16)", () => {
    expect(lognormalCv).toBeCloseTo(1.1635, 3);
  });
});
