import { describe, expect, it } from "vitest";
import { partialCorrelations, pearson, ranks } from "../src/experiment/uncertainty-tables.js";

/**
 * The drivers of an uncertainty run: Spearman's rank correlation (Pearson's of the ranks, ties
 * averaged) and the partial rank correlation coefficient, checked on cases whose answer is known.
 */
describe("rank correlations for the drivers", () => {
  it("ranks average their ties", () => {
    expect(ranks([10, 30, 20, 30])).toEqual([1, 3.5, 2, 3.5]);
  });

  it("a monotone but curved response has Spearman 1 and PRCC 1; a dummy parameter's PRCC is near 0", () => {
    const n = 40;
    const x1 = Array.from({ length: n }, (_, i) => (i * 7919) % n); // a permutation of 0..n-1
    const x2 = Array.from({ length: n }, (_, i) => (i * 104729 + 13) % n);
    const y = x1.map((x) => Math.exp(x / 5)); // monotone in x1 only
    expect(pearson(ranks(x1), ranks(y))).toBeCloseTo(1, 12);
    const exact = partialCorrelations([ranks(x1), ranks(x2), ranks(y)])!;
    expect(exact[0]).toBeCloseTo(1, 9);
    // Nothing is left for x2 to explain once x1 is known: no partial correlation, not a made-up one.
    expect(exact[1]).toBeNaN();
    // With noise (as a simulation has), the dummy's partial correlation is small and x1's large.
    const noisy = x1.map((x, i) => Math.exp(x / 5) * (1 + 0.3 * Math.sin(i * 12.9898)));
    const p = partialCorrelations([ranks(x1), ranks(x2), ranks(noisy)])!;
    expect(p[0]).toBeGreaterThan(0.9);
    expect(Math.abs(p[1]!)).toBeLessThan(0.35);
  });

  it("partial correlation takes out a correlated other input (known answer)", () => {
    // y = x1 + x2 with x2 strongly correlated with x1 by construction: the partial correlations
    // given the other are both 1 (y is exactly determined), while the marginal ones are below 1.
    const x1 = [1, 2, 3, 4, 5, 6, 7, 8];
    const x2 = [2, 1, 4, 3, 6, 5, 8, 7];
    const y = x1.map((x, i) => x + 3 * x2[i]!);
    const p = partialCorrelations([x1, x2, y])!;
    expect(p[0]).toBeCloseTo(1, 9);
    expect(p[1]).toBeCloseTo(1, 9);
    expect(pearson(x1, y)).toBeLessThan(1);
  });

  it("too few sets or a constant parameter give no PRCC (null)", () => {
    expect(partialCorrelations([[1, 2, 3], [3, 1, 2], [2, 3, 1]])).toBeNull();
    expect(partialCorrelations([[1, 2, 3, 4, 5], [1, 1, 1, 1, 1], [2, 1, 4, 3, 5]])).toBeNull();
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
});
