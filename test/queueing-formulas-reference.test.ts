import { describe, expect, it } from "vitest";
import { erlangB, mmc, offeredLoadForOccupancy } from "../src/analytic/queueing.js";

/** The analytic queueing formulas the kernel and the validation are judged by give their tabulated values. */

describe("queueing formulas against tabulated values", () => {
  it("Erlang B at the offered load of a given mean occupancy matches tabulated values", () => {
    // Tabulated probabilities come from the exact load (printed loads are rounded to one decimal).
    expect(erlangB(25, offeredLoadForOccupancy(25, 0.9))).toBeCloseTo(0.2305, 4);
    expect(erlangB(100, offeredLoadForOccupancy(100, 0.9))).toBeCloseTo(0.0452, 4);
    expect(erlangB(200, offeredLoadForOccupancy(200, 0.95))).toBeCloseTo(0.0622, 4);
  });

  it("M/M/10 with λ=9/h, μ=1/h has Wq = 0.6687 h", () => {
    expect(mmc(9, 1, 10).meanWait).toBeCloseTo(0.6687, 4);
  });
});
