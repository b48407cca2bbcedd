import { describe, it, expect } from "vitest";
import { PiecewiseRateArrivals, constantRate, type ArrivalProcess } from "../src/random/arrivals.js";
import { createStream, type RandomStream } from "../src/random/streams.js";

/** At a constant rate, interarrival times are exponential — also across hour boundaries of a flat weekly profile. */

/** Kolmogorov–Smirnov distance between a sample and the Exp(mean) CDF. */
function ksExponential(sample: number[], mean: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = 1 - Math.exp(-x / mean);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return d;
}

describe("interarrival times at a constant rate are exponential", () => {
  const n = 100_000;

  function gaps(process: ArrivalProcess, rng: RandomStream): number[] {
    const out: number[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      const next = process.next(t, rng);
      out.push(next - t);
      t = next;
    }
    return out;
  }

  function expectExponential(sample: number[], mean: number): void {
    const m = sample.reduce((a, b) => a + b, 0) / n;
    const v = sample.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - mean)).toBeLessThan(5 * (mean / Math.sqrt(n)));
    // Exponential kurtosis is 9, so SE(s²) = σ²·√(8/n).
    expect(Math.abs(v - mean * mean)).toBeLessThan(5 * mean * mean * Math.sqrt(8 / n));
    // KS critical value at α ≈ 0.001 is 1.95/√n.
    expect(ksExponential(sample, mean)).toBeLessThan(1.95 / Math.sqrt(n));
  }

  it("constantRate(0.25) gives Exp(mean 4)", () => {
    expectExponential(gaps(constantRate(0.25), createStream(11, 0, "arrivals/constant")), 4);
  });

  it("a flat weekly profile gives the same, across hour boundaries and in other time units", () => {
    // 0.5 per hour with the model in days: 12 per day, mean gap 1/12 day, most gaps span hours.
    const flat = new PiecewiseRateArrivals({ ratePerHour: new Float64Array(168).fill(0.5), hourLength: 1 / 24 });
    expectExponential(gaps(flat, createStream(11, 0, "arrivals/flat")), 1 / 12);
  });
});
