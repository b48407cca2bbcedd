import { describe, expect, it } from "vitest";
import {
  confidenceInterval,
  mean,
  pairedDifference,
  quantile,
  replicationsForPrecision,
  sampleSd,
  studentTQuantile,
  summarise,
} from "../src/experiment/statistics.js";
import { normalQuantile } from "../src/math/special.js";

describe("Student t quantiles are computed to 1e-6 of published values", () => {
  // Reference values: R qt() / SciPy stats.t.ppf.
  const cases: Array<[p: number, df: number, t: number]> = [
    [0.975, 1, 12.7062047362],
    [0.975, 2, 4.3026527297],
    [0.975, 3, 3.1824463053],
    [0.975, 4, 2.7764451052],
    [0.975, 9, 2.2621571628],
    [0.975, 29, 2.0452296421],
    [0.975, 1000, 1.9623390808],
    [0.995, 9, 3.2498355416],
    [0.9, 2.5, 1.7302509288],
    [0.6, 7, 0.2631668614],
    [0.999999, 3, 103.2994677794],
  ];
  for (const [p, df, t] of cases) {
    it(`t(${p}, ${df}) = ${t}`, () => {
      expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-6);
      expect(Math.abs(studentTQuantile(1 - p, df) + t)).toBeLessThan(1e-6);
    });
  }

  it("t(0.5, df) = 0 and t(p, ∞) is the normal quantile", () => {
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963985, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 9);
    expect(normalQuantile(0.1)).toBeCloseTo(-1.281551566, 9);
  });

  it("rejects df ≤ 0 and p outside [0, 1]", () => {
    expect(() => studentTQuantile(0.975, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.2, 5)).toThrow(RangeError);
  });
});

describe("confidence interval arithmetic against a hand-computed case", () => {
  it("[1, 2, 3, 4, 5]: mean 3, sd √2.5, half-width 2.7764451 × 1.5811388 / √5", () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5]);
    expect(ci.n).toBe(5);
    expect(ci.mean).toBe(3);
    expect(ci.sd).toBeCloseTo(1.5811388, 7);
    // 2.7764451 × 1.5811388 / 2.2360680 = 1.9632432
    expect(ci.halfWidth).toBeCloseTo(1.9632432, 6);
    expect(ci.low).toBeCloseTo(3 - 1.9632432, 6);
    expect(ci.high).toBeCloseTo(3 + 1.9632432, 6);
  });

  it("99% interval uses t(0.995, 4) = 4.6040949", () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5], 0.99);
    expect(ci.halfWidth).toBeCloseTo((4.6040949 * 1.5811388) / Math.sqrt(5), 6); // 3.2555897
  });

  it("paired differences: [12.1, 9.8, 11.4, 10.6, 13.0] − [10.0, 9.1, 10.9, 9.0, 11.2]", () => {
    // d = [2.1, 0.7, 0.5, 1.6, 1.8]; mean 1.34; Σ(d − 1.34)² = 1.972; sd = √0.493 = 0.7021396
    // half-width = 2.7764451 × 0.7021396 / √5 = 0.8718214
    const ci = pairedDifference([12.1, 9.8, 11.4, 10.6, 13.0], [10.0, 9.1, 10.9, 9.0, 11.2]);
    expect(ci.mean).toBeCloseTo(1.34, 12);
    expect(ci.sd).toBeCloseTo(0.7021396, 7);
    expect(ci.halfWidth).toBeCloseTo(0.8718214, 6);
    expect(ci.low).toBeCloseTo(1.34 - 0.8718214, 6);
    expect(ci.high).toBeCloseTo(1.34 + 0.8718214, 6);
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });

  it("n = 1 gives null spread and bounds, never NaN; n = 0 throws", () => {
    const ci = confidenceInterval([7.5]);
    expect(ci).toEqual({ mean: 7.5, sd: null, low: null, high: null, halfWidth: null, n: 1 });
    expect(() => confidenceInterval([])).toThrow(RangeError);
    expect(() => confidenceInterval([1, Number.NaN])).toThrow(RangeError);
  });

  it("identical values give a zero-width interval", () => {
    const ci = confidenceInterval([4, 4, 4]);
    expect(ci.sd).toBe(0);
    expect(ci.halfWidth).toBe(0);
    expect(ci.low).toBe(4);
    expect(ci.high).toBe(4);
  });
});

describe("mean, sd, type 7 quantiles and summaries", () => {
  it("mean and sd", () => {
    expect(mean([0.1, 0.2, 0.3])).toBeCloseTo(0.2, 15);
    expect(sampleSd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.1380899, 7);
    expect(() => sampleSd([1])).toThrow(RangeError);
    expect(() => mean([])).toThrow(RangeError);
  });

  it("type 7 quantiles match R's quantile(c(1, 2, 4, 8, 16), …)", () => {
    const xs = [1, 2, 4, 8, 16];
    expect(quantile(xs, 0)).toBe(1);
    expect(quantile(xs, 0.1)).toBeCloseTo(1.4, 12); // h = 0.4
    expect(quantile(xs, 0.5)).toBe(4);
    expect(quantile(xs, 0.9)).toBeCloseTo(12.8, 12); // h = 3.6 → 8 + 0.6 × 8
    expect(quantile(xs, 1)).toBe(16);
    expect(quantile([3], 0.9)).toBe(3);
  });

  it("summarise", () => {
    const s = summarise([5, 1, 4, 2, 3]);
    expect(s.mean).toBe(3);
    expect(s.sd).toBeCloseTo(1.5811388, 7);
    expect(s.ciLow).toBeCloseTo(1.0367568, 6);
    expect(s.ciHigh).toBeCloseTo(4.9632432, 6);
    expect(s.p10).toBeCloseTo(1.4, 12);
    expect(s.p50).toBe(3);
    expect(s.p90).toBeCloseTo(4.6, 12);
    expect(s.n).toBe(5);
  });
});

describe("replications for precision (confidence-interval method)", () => {
  it("relative half-width = half-width / |mean|", () => {
    // [1..5]: 1.9632432 / 3 = 0.6544144
    const r = replicationsForPrecision([1, 2, 3, 4, 5], 0.5);
    expect(r.relativeHalfWidth).toBeCloseTo(0.6544144, 6);
    expect(r.achieved).toBe(false);
    expect(replicationsForPrecision([1, 2, 3, 4, 5], 0.66).achieved).toBe(true);
    expect(replicationsForPrecision([100, 101, 99, 100], 0.05).achieved).toBe(true);
  });

  it("undefined cases are null, not NaN", () => {
    expect(replicationsForPrecision([3], 0.05)).toEqual({ achieved: false, relativeHalfWidth: null });
    expect(replicationsForPrecision([-1, 1], 0.05)).toEqual({ achieved: false, relativeHalfWidth: null });
    expect(replicationsForPrecision([2, 2], 0.05)).toEqual({ achieved: true, relativeHalfWidth: 0 });
  });
});
