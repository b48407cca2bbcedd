import { describe, expect, it } from "vitest";
import type { Raw } from "./helpers/model-fixtures.js";
import { resolved } from "./helpers/scenario.js";

/**
 * A scenario's `scale` multiplies the numbers at a path: a distribution as a variable (location and
 * scale, not shape), a calendar's values (not its hours), every number of a list, a default value;
 * whole-number parameters are rounded.
 */

describe("scale multiplies the numbers at a path", () => {
  it("multiplies a number nested in a distribution", () => {
    const model = resolved([{ path: "nodes.acute.durationDays.mean", scale: 0.5 }]);
    expect(model.nodes.acute.durationDays).toEqual({ type: "lognormal", mean: 3.7, sd: 8.6 });
  });

  it("scales a distribution as a variable: location and scale parameters, not shape or k", () => {
    const model = resolved([
      { path: "nodes.acute.durationDays", scale: 0.5 },
      { path: "nodes.care-home-place.delayDays", scale: 2 },
      { path: "nodes.community.durationDays", scale: 2 },
    ]);
    expect(model.nodes.acute.durationDays).toEqual({ type: "lognormal", mean: 3.7, sd: 4.3 });
    expect(model.nodes["care-home-place"].delayDays).toEqual({ type: "erlang", k: 2, mean: 28 });
    expect(model.nodes.community.durationDays).toEqual({ type: "gamma", shape: 2, scale: 20 });
  });

  it("rounds whole-number parameters: 60 beds × 1.1 = 66, not 66.00000000000001", () => {
    expect(resolved([{ path: "nodes.acute.servers", scale: 1.1 }]).nodes.acute.servers).toBe(66);
  });

  it("rounds beds to the nearest whole number when the product is not whole: 60 × 1.01 = 61", () => {
    expect(resolved([{ path: "nodes.acute.servers", scale: 1.01 }]).nodes.acute.servers).toBe(61);
  });

  it("scales a capacity calendar's values, never its hours", () => {
    const model = resolved([{ path: "nodes.ambulance.vehicles", scale: 1.5 }]);
    expect(model.nodes.ambulance.vehicles.calendar.map((e: Raw) => [e.fromHour, e.value])).toEqual([
      [0, 6],
      [8, 9],
      [20, 6],
    ]);
  });

  it("scales every number in an array", () => {
    const model = resolved([{ path: "nodes.ed.assessmentMultiplierByAcuity", scale: 2 }]);
    expect(model.nodes.ed.assessmentMultiplierByAcuity).toEqual([1.6, 2, 2.6]);
  });

  it("scales a value the model leaves at its default", () => {
    expect(resolved([{ path: "segments.care-home.demandMultiplier", scale: 0.77 }]).segments["care-home"].demandMultiplier).toBe(0.77);
  });
});
