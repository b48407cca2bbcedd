import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/tally.js";
import { lcg } from "./helpers/stats.js";

function twoPass(xs: readonly number[]): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

/**
 * A Tally's count, sum, mean, sample variance, sd and extremes are those of the observations, computed
 * in one pass (Welford), accurate even far from zero.
 */

describe("Tally: count, mean, variance and extremes", () => {
  it("mean and sample variance match a two-pass computation on seeded data", () => {
    const u = lcg(12345);
    const xs: number[] = [];
    const tally = new Tally();
    for (let i = 0; i < 10_000; i++) {
      const x = -Math.log(u()) * 30; // exponential waits, mean 30
      xs.push(x);
      tally.record(x);
    }
    const ref = twoPass(xs);
    expect(tally.count).toBe(10_000);
    expect(tally.mean).toBeCloseTo(ref.mean, 9);
    expect(tally.variance).toBeCloseTo(ref.variance, 6);
    expect(tally.sd).toBeCloseTo(Math.sqrt(ref.variance), 8);
    expect(tally.sum).toBeCloseTo(ref.mean * 10_000, 6);
    expect(tally.min).toBe(Math.min(...xs));
    expect(tally.max).toBe(Math.max(...xs));
  });

  it("variance stays accurate with a large offset (Welford, not sum of squares)", () => {
    const u = lcg(7);
    const xs: number[] = [];
    const tally = new Tally();
    for (let i = 0; i < 1000; i++) {
      const x = 1e9 + u();
      xs.push(x);
      tally.record(x);
    }
    const ref = twoPass(xs);
    // uniform(0,1) variance is 1/12 ≈ 0.0833; a naive Σx² − n·mean² would lose it entirely
    expect(Math.abs(tally.variance - ref.variance) / ref.variance).toBeLessThan(1e-6);
    expect(tally.variance).toBeGreaterThan(0.07);
    expect(tally.variance).toBeLessThan(0.095);
  });

  it("a small hand-computed case", () => {
    const tally = new Tally();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) tally.record(x);
    expect(tally.count).toBe(8);
    expect(tally.mean).toBe(5);
    expect(tally.sum).toBe(40);
    expect(tally.variance).toBeCloseTo(32 / 7, 12);
    expect(tally.min).toBe(2);
    expect(tally.max).toBe(9);
  });
});
