import { describe, expect, it } from "vitest";
import { studentTQuantile } from "../src/experiment/statistics.js";
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
