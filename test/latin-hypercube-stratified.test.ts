import { describe, expect, it } from "vitest";
import { latinColumn } from "../src/random/latin-hypercube.js";
import { uncertainQuantile } from "../src/random/quantiles.js";
import { createStream } from "../src/random/streams.js";

/**
 * A Latin hypercube column of n points puts exactly one point in each of the n equal strata of
 * [0, 1); the same stream gives the same column; another parameter's stream another permutation.
 * Mapped through a quantile function, each stratum of probability becomes one of the parameter.
 */
describe("Latin hypercube: one point per stratum, reproducible", () => {
  it.each([1, 2, 7, 50, 333])("n = %i: every stratum exactly once", (n) => {
    const column = latinColumn(n, createStream(20261122, 0, "uncertainty/x"));
    expect(column).toHaveLength(n);
    const strata = column.map((u) => Math.floor(u * n)).sort((a, b) => a - b);
    expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    for (const u of column) expect(u >= 0 && u < 1).toBe(true);
  });

  it("the same seed and parameter give the same column; another parameter a different one", () => {
    const a = latinColumn(40, createStream(7, 0, "uncertainty/a"));
    expect(latinColumn(40, createStream(7, 0, "uncertainty/a"))).toEqual(a);
    const b = latinColumn(40, createStream(7, 0, "uncertainty/b"));
    expect(b).not.toEqual(a);
    // Not the identity order: the strata are shuffled.
    expect(a.map((u) => Math.floor(u * 40))).not.toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("through a quantile function, each probability stratum maps into its stratum of the parameter", () => {
    const n = 20;
    const d = { type: "triangular", min: 0.5, mode: 1, max: 1.2 } as const;
    const column = latinColumn(n, createStream(3, 0, "uncertainty/t"));
    for (const u of column) {
      const k = Math.floor(u * n);
      const x = uncertainQuantile(d, u);
      expect(x).toBeGreaterThanOrEqual(uncertainQuantile(d, k / n) - 1e-12);
      expect(x).toBeLessThanOrEqual(uncertainQuantile(d, (k + 1) / n) + 1e-12);
    }
    // The triangular's median: F(mode) = 0.5/0.7 > 1/2, so it lies below the mode, where
    // F(m) = (m − min)²/((max − min)(mode − min)) = 1/2.
    expect(uncertainQuantile(d, 0.5)).toBeCloseTo(0.5 + Math.sqrt(0.5 * 0.7 * 0.5), 12);
  });

  it("a truncated normal stays within its bounds; a discrete takes only its values", () => {
    const normal = { type: "normal", mean: 0, sd: 1, min: -0.5, max: 2 } as const;
    for (const u of [0, 1e-9, 0.3, 0.999999, 1 - 2 ** -53]) {
      const x = uncertainQuantile(normal, u);
      expect(x).toBeGreaterThanOrEqual(-0.5);
      expect(x).toBeLessThanOrEqual(2);
    }
    expect(uncertainQuantile({ type: "normal", mean: 10, sd: 2 }, 0.975)).toBeCloseTo(10 + 2 * 1.959964, 5);
    const discrete = { type: "discrete", values: [11, 12, 14], probabilities: [0.5, 0.25, 0.25] } as const;
    expect([0, 0.49, 0.5, 0.74, 0.75, 0.99].map((u) => uncertainQuantile(discrete, u))).toEqual([11, 11, 12, 12, 14, 14]);
    expect(uncertainQuantile({ type: "uniform", min: -0.03, max: 0 }, 0.25)).toBeCloseTo(-0.0225, 12);
  });
});
