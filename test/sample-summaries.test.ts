import { describe, expect, it } from "vitest";
import { mean, quantile, sampleSd, summarise } from "../src/experiment/statistics.js";

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
