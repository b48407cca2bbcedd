import { describe, expect, it } from "vitest";
import { TimeWeighted } from "../src/engine/stats.js";
import { stepFunction } from "./helpers/stats.js";

/**
 * TimeWeighted gives the fraction of time its level was at or above a configured threshold (e.g.
 * occupancy above 92%); without a threshold the question is a RangeError.
 */

describe("TimeWeighted: fraction of time at or above a threshold", () => {
  it("fraction of time at or above a threshold (≥, so equality counts)", () => {
    // threshold 2: level ≥ 2 on [0,4) → 4 of 10
    expect(stepFunction(2).fractionAtOrAbove(10)).toBeCloseTo(0.4, 12);
    // threshold 3: only [3,4) → 0.1
    expect(stepFunction(3).fractionAtOrAbove(10)).toBeCloseTo(0.1, 12);
    // threshold 0: always → 1
    expect(stepFunction(0).fractionAtOrAbove(10)).toBeCloseTo(1, 12);
    // threshold 6: never → 0
    expect(stepFunction(6).fractionAtOrAbove(10)).toBe(0);
  });

  it("threshold fraction counts the current level up to the query time", () => {
    const tw = new TimeWeighted(0, 0, { threshold: 1 });
    tw.update(6, 1); // 0 on [0,6), then 1 from 6
    expect(tw.fractionAtOrAbove(8)).toBeCloseTo(2 / 8, 12);
    expect(tw.fractionAtOrAbove(6)).toBe(0);
    expect(new TimeWeighted(0, 1, { threshold: 1 }).fractionAtOrAbove(0)).toBe(1);
  });

  it("fractionAtOrAbove without a configured threshold is a RangeError", () => {
    expect(() => stepFunction().fractionAtOrAbove(10)).toThrow(RangeError);
  });
});
