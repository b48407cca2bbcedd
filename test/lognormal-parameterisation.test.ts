import { sampleMoments } from "./helpers/moments.js";
import { describe, it, expect } from "vitest";
import { createSampler, describeDistribution } from "../src/random/families.js";
import { createStream } from "../src/random/streams.js";

/**
 * A lognormal's `mean` and `sd` are those of the variable itself (as a length of stay is
 * reported), not of its logarithm: mean 7.4 and sd 8.61 give draws with mean 7.4 and sd 8.61,
 * whose logs have sd σ = √ln(1 + sd²/mean²) and mean μ = ln(mean) − σ²/2.
 */

const N = 200_000;
const MEAN = 7.4;
const SD = 8.61;
const SIGMA = Math.sqrt(Math.log(1 + (SD / MEAN) ** 2));
const MU = Math.log(MEAN) - SIGMA ** 2 / 2;

function summarise(xs: Float64Array): { mean: number; sd: number; fourth: number } {
  const m = sampleMoments(xs);
  return { mean: m.mean, sd: Math.sqrt(m.variance), fourth: m.fourth };
}

const sampler = createSampler({ type: "lognormal", mean: MEAN, sd: SD });
const rng = createStream(7, 0, "lognormal-parameterisation");
const draws = new Float64Array(N);
for (let i = 0; i < N; i++) draws[i] = sampler.sample(rng);

describe("lognormal mean and sd are of the variable, not its log", () => {
  it("reports mean 7.4 and variance 8.61²", () => {
    expect(sampler.mean).toBeCloseTo(MEAN, 12);
    expect(sampler.variance).toBeCloseTo(SD * SD, 10);
  });

  it("draws have mean ≈ 7.4 (within 5 SE = 0.096)", () => {
    const { mean } = summarise(draws);
    expect(Math.abs(mean - MEAN)).toBeLessThan(5 * (SD / Math.sqrt(N)));
  });

  it("draws have sd ≈ 8.61 (within 5 SE, about 0.5)", () => {
    const { sd, fourth } = summarise(draws);
    // SE(s) ≈ SE(s²)/(2s), with SE(s²) = √((m₄ − s⁴)/n). For this heavy tail (kurtosis ≈ 73) that is
    // about 1% of sd per SE; a sampler that confused the parameterisation would be off by far more.
    const tolerance = (5 * Math.sqrt((fourth - sd ** 4) / N)) / (2 * sd);
    expect(tolerance).toBeLessThan(0.1 * SD);
    expect(Math.abs(sd - SD)).toBeLessThan(tolerance);
  });

  it("the logs of the draws are normal with mean μ = ln(7.4) − σ²/2 and sd σ = √ln(1 + (8.61/7.4)²)", () => {
    expect(SIGMA).toBeCloseTo(0.9252, 4);
    expect(MU).toBeCloseTo(1.5735, 4);
    const logs = draws.map(Math.log);
    const { mean, sd } = summarise(logs);
    expect(Math.abs(mean - MU)).toBeLessThan(5 * (SIGMA / Math.sqrt(N)));
    expect(Math.abs(sd - SIGMA)).toBeLessThan(5 * (SIGMA / Math.sqrt(2 * N)));
  });

  it("the median is e^μ = mean/√(1 + cv²), well below the mean", () => {
    const sorted = Float64Array.from(draws).sort();
    const median = (sorted[N / 2 - 1]! + sorted[N / 2]!) / 2;
    const expected = Math.exp(MU);
    expect(expected).toBeCloseTo(MEAN / Math.sqrt(1 + (SD / MEAN) ** 2), 10);
    // SE of a sample median: 1/(2 f(m) √n), with the lognormal density at its median f(m) = 1/(m σ √(2π)).
    const se = (expected * SIGMA * Math.sqrt(2 * Math.PI)) / (2 * Math.sqrt(N));
    expect(Math.abs(median - expected)).toBeLessThan(5 * se);
  });

  it("is described for reports by the variable's mean and sd", () => {
    expect(describeDistribution({ type: "lognormal", mean: MEAN, sd: SD })).toBe("lognormal(mean 7.4, sd 8.61)");
  });
});
