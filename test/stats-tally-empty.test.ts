import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/tally.js";

/**
 * A Tally with no observations reports 0 for every statistic, never NaN.
 */

describe("Tally: empty is 0, never NaN", () => {
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
});
