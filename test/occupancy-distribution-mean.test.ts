import { describe, expect, it } from "vitest";
import { meanOfDistribution } from "../src/analytic/p-delay.js";
import { poisson } from "./helpers/poisson.js";

/** The mean of an occupancy distribution (weights by number occupied) is the mean number occupied: the offered load for a Poisson one. */

describe("mean of an occupancy distribution", () => {
  it("is the offered load for a Poisson occupancy", () => {
    for (const a of [0.5, 8.15, 60]) expect(meanOfDistribution(poisson(a))).toBeCloseTo(a, 10);
  });

  it("normalises the weights", () => {
    expect(meanOfDistribution([1, 2, 1])).toBe(1);
    expect(meanOfDistribution([0, 0, 5])).toBe(2);
  });

  it("rejects an empty distribution", () => {
    expect(() => meanOfDistribution([])).toThrow(/empty/);
  });
});
