import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/tally.js";
import { lcg } from "./helpers/stats.js";

const N = 100_000;

describe("Tally: P² quantile estimates", () => {
  it("uniform(0,1): median and p90 within 0.01 of the true quantiles", () => {
    const u = lcg(42);
    const tally = new Tally([0.5, 0.9, 0.99]);
    for (let i = 0; i < N; i++) tally.record(u());
    expect(Math.abs(tally.quantile(0.5) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(tally.quantile(0.9) - 0.9)).toBeLessThan(0.01);
    expect(Math.abs(tally.quantile(0.99) - 0.99)).toBeLessThan(0.005);
  });

  it("exponential(1): p90 = ln 10 and median = ln 2 within 2%", () => {
    const u = lcg(9001);
    const tally = new Tally([0.5, 0.9]);
    for (let i = 0; i < N; i++) tally.record(-Math.log(u()));
    expect(Math.abs(tally.quantile(0.9) / Math.log(10) - 1)).toBeLessThan(0.02);
    expect(Math.abs(tally.quantile(0.5) / Math.log(2) - 1)).toBeLessThan(0.02);
  });

  it("exponential(1): p95 = ln 20 and p99 = ln 100 within 2%, tracked alongside others", () => {
    const u = lcg(31337);
    const tally = new Tally([0.5, 0.95, 0.99]);
    for (let i = 0; i < N; i++) tally.record(-Math.log(u()));
    expect(Math.abs(tally.quantile(0.95) / Math.log(20) - 1)).toBeLessThan(0.02);
    expect(Math.abs(tally.quantile(0.99) / Math.log(100) - 1)).toBeLessThan(0.02);
  });

  it("is exact for five or fewer observations (linear interpolation, type 7)", () => {
    const tally = new Tally([0.25, 0.5, 0.9]);
    tally.record(10);
    expect([tally.quantile(0.25), tally.quantile(0.5), tally.quantile(0.9)]).toEqual([10, 10, 10]);
    tally.record(2);
    // sorted [2, 10]: rank (n−1)p
    expect(tally.quantile(0.5)).toBe(6);
    expect(tally.quantile(0.25)).toBe(4);
    expect(tally.quantile(0.9)).toBeCloseTo(9.2, 12);
    tally.record(6);
    // sorted [2, 6, 10]
    expect(tally.quantile(0.5)).toBe(6);
    expect(tally.quantile(0.25)).toBe(4);
    expect(tally.quantile(0.9)).toBeCloseTo(9.2, 12);
    tally.record(4);
    // sorted [2, 4, 6, 10]: p = 0.9 → rank 2.7 → 6 + 0.7·4
    expect(tally.quantile(0.5)).toBe(5);
    expect(tally.quantile(0.25)).toBeCloseTo(3.5, 12);
    expect(tally.quantile(0.9)).toBeCloseTo(8.8, 12);
    tally.record(0);
    // sorted [0, 2, 4, 6, 10]: p = 0.9 → rank 3.6 → 6 + 0.6·4
    expect(tally.quantile(0.5)).toBe(4);
    expect(tally.quantile(0.25)).toBe(2);
    expect(tally.quantile(0.9)).toBeCloseTo(8.4, 12);
  });

  it("switches to P² on the sixth observation with monotone markers", () => {
    const tally = new Tally([0.5]);
    for (const x of [0, 2, 4, 6, 10, 8]) tally.record(x);
    // sample of 6 has median 5; the P² middle marker sits between 4 and 6
    const q = tally.quantile(0.5);
    expect(q).toBeGreaterThanOrEqual(4);
    expect(q).toBeLessThanOrEqual(6);
  });

  it("a constant stream returns the constant", () => {
    const tally = new Tally([0.5, 0.95]);
    for (let i = 0; i < 1000; i++) tally.record(3);
    expect(tally.quantile(0.5)).toBe(3);
    expect(tally.quantile(0.95)).toBe(3);
  });

  it("untracked p and p outside (0, 1) are RangeErrors", () => {
    const tally = new Tally([0.5]);
    expect(() => tally.quantile(0.9)).toThrow(RangeError);
    expect(() => new Tally().quantile(0.5)).toThrow(RangeError);
    expect(() => new Tally([0])).toThrow(RangeError);
    expect(() => new Tally([1])).toThrow(RangeError);
    expect(() => new Tally([Number.NaN])).toThrow(RangeError);
  });
});
