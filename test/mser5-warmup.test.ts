import { describe, expect, it } from "vitest";
import { mser5 } from "../src/experiment/statistics.js";
import { lcg } from "./helpers/stats.js";

/** Noise around 0: uniform on (−1, 1). */
function noise(n: number, seed: number): number[] {
  const u = lcg(seed);
  return Array.from({ length: n }, () => 2 * u() - 1);
}

describe("MSER-5 warm-up detection", () => {
  it("an obvious initial transient (50 points at 10, then noise around 0) is cut at 50", () => {
    const series = [...new Array<number>(50).fill(10), ...noise(500, 2024)];
    const r = mser5(series);
    expect(r.truncateBatches).toBe(10);
    expect(r.truncatePoints).toBe(50);
    expect(r.statistic).toHaveLength(Math.floor(110 / 2) + 1);
    // Truncating the transient cuts the statistic by orders of magnitude.
    expect(r.statistic[10]! * 100).toBeLessThan(r.statistic[0]!);
  });

  it("a transient that decays (10·0.95^t + noise) is cut after it has faded", () => {
    const e = noise(600, 77);
    const series = e.map((x, t) => 10 * 0.95 ** t + x);
    const r = mser5(series);
    // 10·0.95^t falls below the noise's batch-mean sd (≈0.26) near t = 70.
    expect(r.truncatePoints).toBeGreaterThanOrEqual(40);
    expect(r.truncatePoints).toBeLessThanOrEqual(120);
  });

  it("a stationary series is truncated at or near 0", () => {
    const r = mser5(noise(1000, 99));
    expect(r.truncatePoints).toBeLessThanOrEqual(25);
  });

  it("statistic matches the definition Σ(Z_j − Z̄_d)² / (k − d)² on a small case", () => {
    // Batch means: 5, 1, 2, 3 (k = 4, d ≤ 2).
    const series = [5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 99];
    const r = mser5(series);
    // d=0: mean 2.75, SS = 5.0625+3.0625+0.5625+0.0625 = 8.75 → 8.75/16
    // d=1: mean 2, SS = 2 → 2/9;  d=2: mean 2.5, SS = 0.5 → 0.5/4
    expect(r.statistic[0]).toBeCloseTo(8.75 / 16, 14);
    expect(r.statistic[1]).toBeCloseTo(2 / 9, 14);
    expect(r.statistic[2]).toBeCloseTo(0.125, 14);
    expect(r.truncateBatches).toBe(2);
    expect(r.truncatePoints).toBe(10);
  });

  it("needs two full batches and finite values", () => {
    expect(() => mser5([1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(RangeError);
    expect(() => mser5([1, 2, 3, 4, 5, 6, 7, 8, 9, Number.NaN])).toThrow(RangeError);
  });
});
