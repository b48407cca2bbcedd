import { describe, expect, it } from "vitest";
import { replicationsForPrecision } from "../src/experiment/statistics.js";

describe("replications for precision (confidence-interval method)", () => {
  it("relative half-width = half-width / |mean|", () => {
    // [1..5]: 1.9632432 / 3 = 0.6544144
    const r = replicationsForPrecision([1, 2, 3, 4, 5], 0.5);
    expect(r.relativeHalfWidth).toBeCloseTo(0.6544144, 6);
    expect(r.achieved).toBe(false);
    expect(replicationsForPrecision([1, 2, 3, 4, 5], 0.66).achieved).toBe(true);
    expect(replicationsForPrecision([100, 101, 99, 100], 0.05).achieved).toBe(true);
  });

  it("undefined cases are null, not NaN", () => {
    expect(replicationsForPrecision([3], 0.05)).toEqual({ achieved: false, relativeHalfWidth: null });
    expect(replicationsForPrecision([-1, 1], 0.05)).toEqual({ achieved: false, relativeHalfWidth: null });
    expect(replicationsForPrecision([2, 2], 0.05)).toEqual({ achieved: true, relativeHalfWidth: 0 });
  });
});
