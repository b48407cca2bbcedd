import { describe, expect, it } from "vitest";
import { confidenceInterval, pairedDifference } from "../src/experiment/statistics.js";

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
