import { describe, expect, it } from "vitest";
import { gammaQ, normalCdf } from "../src/math/special.js";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import { drawRemainder, residualOf } from "../src/random/residual.js";
import { createStream } from "../src/random/streams.js";

/**
 * A warm start draws each remaining duration X − a from X conditioned on X > a
 * (random/residual.ts). The draws' mean must be the theoretical mean residual life
 * m(a) = ∫ₐ^∞ S(x) dx / S(a) — in closed form where one exists (lognormal, gamma, exponential,
 * deterministic), by numerical integration of the family's own survival function otherwise —
 * within 5 standard errors (SE from the draws' own sd), and the tolerance must be a small
 * fraction of m(a), so the test could fail. The conditional survival P(X − a > t | X > a) =
 * S(a + t)/S(a) is checked at the median of the draws too.
 */

const N = 100_000;

/** ∫ f over [a, b] by composite Simpson. */
function simpson(f: (x: number) => number, a: number, b: number, steps = 20_000): number {
  const h = (b - a) / steps;
  let s = f(a) + f(b);
  for (let i = 1; i < steps; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

function remainders(spec: DistributionSpec, a: number, name: string): Float64Array {
  const residual = residualOf(spec);
  const rng = createStream(20261201, 0, `residual-test/${name}/${a}`);
  return Float64Array.from({ length: N }, () => drawRemainder(residual, a, rng));
}

function meanSd(xs: Float64Array): { mean: number; sd: number } {
  let m = 0;
  for (const x of xs) m += x;
  m /= xs.length;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return { mean: m, sd: Math.sqrt(v / (xs.length - 1)) };
}

function expectMeanResidual(xs: Float64Array, theory: number): void {
  const { mean, sd } = meanSd(xs);
  const tolerance = (5 * sd) / Math.sqrt(xs.length);
  expect(tolerance).toBeLessThan(0.05 * theory);
  expect(Math.abs(mean - theory)).toBeLessThan(tolerance);
  expect(xs.every((x) => x >= 0)).toBe(true);
}

/** P(X − a > t | X > a) at t = the draws' median must be ½ (within 5 binomial SE). */
function expectConditionalSurvival(xs: Float64Array, survival: (x: number) => number, a: number): void {
  const sorted = Float64Array.from(xs).sort();
  const t = sorted[Math.floor(N / 2)]!;
  const p = survival(a + t) / survival(a);
  expect(Math.abs(p - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
}

describe("remaining duration given the time already spent", () => {
  const lognormal = { type: "lognormal", mean: 6, sd: 7 } as const;
  const sigma2 = Math.log1p((7 * 7) / (6 * 6));
  const mu = Math.log(6) - sigma2 / 2;
  const sigma = Math.sqrt(sigma2);
  for (const a of [0, 3, 12, 40]) {
    it(`lognormal(6, 7) after ${a}: mean residual life in closed form`, () => {
      const S = (x: number) => normalCdf(-(Math.log(x) - mu) / sigma);
      const tail = Math.exp(mu + sigma2 / 2) * (a === 0 ? 1 : normalCdf((mu + sigma2 - Math.log(a)) / sigma));
      const theory = tail / (a === 0 ? 1 : S(a)) - a;
      const xs = remainders(lognormal, a, "lognormal");
      expectMeanResidual(xs, theory);
      if (a > 0) expectConditionalSurvival(xs, S, a);
    });
  }

  for (const a of [0, 4, 9]) {
    it(`gamma(mean 6, sd 1.5) after ${a} weeks: E[X | X > a] = kθ·Q(k+1, a/θ)/Q(k, a/θ)`, () => {
      const k = 16;
      const theta = 0.375;
      const theory = (k * theta * gammaQ(k + 1, a / theta)) / gammaQ(k, a / theta) - a;
      const xs = remainders({ type: "gamma", mean: 6, sd: 1.5 }, a, "gamma");
      expectMeanResidual(xs, theory);
      if (a > 0) expectConditionalSurvival(xs, (x) => gammaQ(k, x / theta), a);
    });
  }

  it("erlang(k 3, mean 9) after 20 (far in the tail, P(X > a) ≈ 0.06): numerical inversion, no rejection", () => {
    const k = 3;
    const theta = 3;
    const a = 20;
    const theory = (k * theta * gammaQ(k + 1, a / theta)) / gammaQ(k, a / theta) - a;
    expectMeanResidual(remainders({ type: "erlang", k, mean: 9 }, a, "erlang"), theory);
  });

  for (const a of [0, 5, 25]) {
    it(`weibull(shape 1.5, scale 10) after ${a}: ∫ₐ S / S(a)`, () => {
      const S = (x: number) => Math.exp(-Math.pow(x / 10, 1.5));
      const theory = simpson(S, a, a + 200) / S(a);
      const xs = remainders({ type: "weibull", shape: 1.5, scale: 10 }, a, "weibull");
      expectMeanResidual(xs, theory);
      expectConditionalSurvival(xs, S, a);
    });
  }

  it("exponential: memoryless, the remainder has the full mean whatever the elapsed time", () => {
    expectMeanResidual(remainders({ type: "exponential", mean: 2 }, 7, "exponential"), 2);
  });

  it("triangular and uniform: mean residual life by integrating their survival", () => {
    const tri = { type: "triangular", min: 1, mode: 3, max: 10 } as const;
    const triS = residualOf(tri).survival;
    expectMeanResidual(remainders(tri, 4, "triangular"), simpson(triS, 4, 10) / triS(4));
    const uni = { type: "uniform", min: 2, max: 8 } as const;
    expectMeanResidual(remainders(uni, 5, "uniform"), 1.5);
  });

  it("normal truncated at 0 and empirical: mean residual life by integrating their survival", () => {
    const normal = { type: "normal", mean: 10, sd: 4 } as const;
    const nS = residualOf(normal).survival;
    expectMeanResidual(remainders(normal, 12, "normal"), simpson(nS, 12, 60) / nS(12));
    const empirical = { type: "empirical", observations: [1, 2, 2.5, 4, 7, 15] } as const;
    const eS = residualOf(empirical).survival;
    expectMeanResidual(remainders(empirical, 3, "empirical"), simpson(eS, 3, 15) / eS(3));
  });

  it("discrete values and a fixed value: only values above the elapsed time, in proportion", () => {
    const xs = remainders({ type: "empiricalDiscrete", values: [1, 5, 10], probabilities: [0.5, 0.3, 0.2] }, 3, "discrete");
    const fiveLeft = xs.filter((x) => x === 2).length / N;
    expect(Math.abs(fiveLeft - 0.6)).toBeLessThan(5 * Math.sqrt(0.24 / N));
    expect(xs.every((x) => x === 2 || x === 7)).toBe(true);
    expect(residualOf({ type: "deterministic", value: 6 }).remainder(4, 0.3)).toBe(2);
  });

  it("past the end of the support the remainder is 0; a long elapsed time far in a lognormal's tail stays finite", () => {
    expect(residualOf({ type: "uniform", min: 2, max: 8 }).remainder(9, 0.5)).toBe(0);
    expect(residualOf({ type: "deterministic", value: 6 }).remainder(6.5, 0.5)).toBe(0);
    const far = residualOf(lognormal).remainder(400, 0.5);
    expect(Number.isFinite(far) && far > 0).toBe(true);
  });

  it("with no time spent, the remainder is the distribution itself (the same mean as a fresh draw)", () => {
    const spec = { type: "gamma", mean: 16, sd: 8 } as const;
    expectMeanResidual(remainders(spec, 0, "fresh"), createSampler(spec).mean);
  });
});
