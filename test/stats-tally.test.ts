import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/stats.js";

/** 32-bit LCG (Numerical Recipes constants): uniform in (0, 1), deterministic. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
}

function twoPass(xs: readonly number[]): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return { mean, variance: ss / (xs.length - 1) };
}

describe("Tally: count, mean, variance, extremes and threshold exceedances", () => {
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

  it("with no observations every statistic is 0, never NaN; one observation has variance 0", () => {
    const tally = new Tally([0.5], { thresholds: [15] });
    expect([tally.count, tally.mean, tally.variance, tally.sd, tally.min, tally.max, tally.sum]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(tally.quantile(0.5)).toBe(0);
    expect(tally.fractionAbove(15)).toBe(0);
    expect(tally.sumExcessAbove(15)).toBe(0);
    tally.record(3);
    expect(tally.mean).toBe(3);
    expect(tally.variance).toBe(0);
    expect(tally.sd).toBe(0);
  });

  it("fractionAbove, countAbove and sumExcessAbove match direct computation", () => {
    const u = lcg(2024);
    const thresholds = [15, 60];
    const tally = new Tally([], { thresholds });
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = -Math.log(u()) * 25; // handover minutes, mean 25
      xs.push(x);
      tally.record(x);
    }
    for (const t of thresholds) {
      let count = 0;
      let excess = 0;
      for (const x of xs) {
        if (x > t) {
          count++;
          excess += x - t;
        }
      }
      expect(tally.countAbove(t)).toBe(count);
      expect(tally.fractionAbove(t)).toBeCloseTo(count / xs.length, 12);
      expect(tally.sumExcessAbove(t)).toBeCloseTo(excess, 6);
    }
    // sanity against theory: P(X > 15) = e^{-0.6} ≈ 0.549, P(X > 60) = e^{-2.4} ≈ 0.0907
    expect(tally.fractionAbove(15)).toBeCloseTo(Math.exp(-0.6), 2);
    expect(tally.fractionAbove(60)).toBeCloseTo(Math.exp(-2.4), 2);
  });

  it("'above' is strict: an observation equal to the threshold does not count", () => {
    const tally = new Tally([], { thresholds: [15] });
    for (const x of [10, 15, 20, 45]) tally.record(x);
    expect(tally.countAbove(15)).toBe(2);
    expect(tally.fractionAbove(15)).toBe(0.5);
    expect(tally.sumExcessAbove(15)).toBe(5 + 30);
  });

  it("untracked thresholds and bad thresholds are RangeErrors", () => {
    const tally = new Tally([], { thresholds: [15] });
    expect(() => tally.fractionAbove(60)).toThrow(RangeError);
    expect(() => tally.sumExcessAbove(60)).toThrow(RangeError);
    expect(() => tally.countAbove(60)).toThrow(RangeError);
    expect(() => new Tally([], { thresholds: [Number.NaN] })).toThrow(RangeError);
  });

  it("snapshot carries the numbers as a plain, cloneable object", () => {
    const tally = new Tally([0.5], { thresholds: [15, 60] });
    for (const x of [10, 20, 70]) tally.record(x);
    const snap = tally.snapshot();
    expect(snap).toEqual({
      kind: "tally",
      count: 3,
      mean: tally.mean,
      sd: tally.sd,
      min: 10,
      max: 70,
      sum: 100,
      quantiles: { "0.5": 20 },
      above: {
        "15": { count: 2, fraction: 2 / 3, sumExcess: 5 + 55 },
        "60": { count: 1, fraction: 1 / 3, sumExcess: 10 },
      },
    });
    expect(snap.mean).toBeCloseTo(100 / 3, 12);
    expect(snap.sd).toBeCloseTo(Math.sqrt(((10 - 100 / 3) ** 2 + (20 - 100 / 3) ** 2 + (70 - 100 / 3) ** 2) / 2), 12);
    expect(structuredClone(snap)).toEqual(snap);
  });
});
