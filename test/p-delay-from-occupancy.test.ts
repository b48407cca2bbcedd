import { describe, expect, it } from "vitest";
import { erlangLossPDelay, pDelayFromOccupancy } from "../src/analytic/p-delay.js";
import { erlangB } from "../src/analytic/queueing.js";
import { poisson } from "./helpers/poisson.js";

/**
 * Monks' p(delay) = P(N = n) / P(N ≤ n) from an occupancy distribution measured with unlimited
 * beds. For a Poisson(a) occupancy (M/G/∞) the truncated ratio is Erlang's loss formula B(n, a)
 * exactly: (aⁿ/n!) / Σ_{k≤n} aᵏ/k!.
 */

describe("p(delay) from an occupancy distribution", () => {
  describe("equals Erlang B for a Poisson occupancy", () => {
    const loads = [0.5, 3, 8.15, 9.72, 25, 60];
    const beds = [0, 1, 2, 5, 9, 10, 14, 20, 30, 50, 70];
    for (const a of loads) {
      it(`offered load ${a}`, () => {
        const dist = poisson(a, Math.max(...beds) + 1);
        for (const n of beds) {
          expect(n).toBeLessThan(dist.length);
          const b = erlangB(n, a);
          expect(Math.abs(pDelayFromOccupancy(dist, n) - b)).toBeLessThanOrEqual(1e-12);
          // Relative too, for the far tail where B is tiny (down to 1e-120 here).
          expect(Math.abs(pDelayFromOccupancy(dist, n) / b - 1)).toBeLessThanOrEqual(1e-12);
          expect(Math.abs(erlangLossPDelay(a, n) - erlangB(n, a))).toBe(0);
        }
      });
    }
  });

  it("does not depend on the total of the weights (fractions of time or raw times)", () => {
    const dist = poisson(8.15);
    const hours = dist.map((p) => p * 43_800);
    for (const n of [6, 9, 12]) expect(pDelayFromOccupancy(hours, n)).toBeCloseTo(pDelayFromOccupancy(dist, n), 14);
  });

  it("is 1 with no beds when the unit is sometimes empty", () => {
    expect(pDelayFromOccupancy([0.2, 0.5, 0.3], 0)).toBe(1);
  });

  it("is the truncated ratio on a small hand-worked distribution", () => {
    // P = 0.2, 0.5, 0.3: one bed → 0.5 / 0.7; two beds → 0.3 / 1.
    expect(pDelayFromOccupancy([0.2, 0.5, 0.3], 1)).toBeCloseTo(5 / 7, 15);
    expect(pDelayFromOccupancy([0.2, 0.5, 0.3], 2)).toBeCloseTo(0.3, 15);
  });

  it("is 0 for bed counts beyond the distribution's support", () => {
    const dist = [0.2, 0.5, 0.3];
    expect(pDelayFromOccupancy(dist, 3)).toBe(0);
    expect(pDelayFromOccupancy(dist, 100)).toBe(0);
    // Trailing zeros: a support that ends before the list does.
    expect(pDelayFromOccupancy([0.2, 0.8, 0, 0], 2)).toBe(0);
  });

  it("is 1 when the unit was never at or below that many occupied", () => {
    expect(pDelayFromOccupancy([0, 0, 0.4, 0.6], 1)).toBe(1);
  });

  it("rejects an empty distribution, one without mass, bad weights and bad bed counts", () => {
    expect(() => pDelayFromOccupancy([], 0)).toThrow(RangeError);
    expect(() => pDelayFromOccupancy([], 0)).toThrow(/empty/);
    expect(() => pDelayFromOccupancy([0, 0], 1)).toThrow(/no mass/);
    expect(() => pDelayFromOccupancy([0.5, -0.1, 0.6], 1)).toThrow(/P\(N = 1\)/);
    expect(() => pDelayFromOccupancy([0.5, Number.NaN], 1)).toThrow(RangeError);
    expect(() => pDelayFromOccupancy([0.5, 0.5], 1.5)).toThrow(/whole number/);
    expect(() => pDelayFromOccupancy([0.5, 0.5], -1)).toThrow(/whole number/);
  });
});
