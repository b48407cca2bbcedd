import { describe, expect, it } from "vitest";
import { categoryOf, waterfallSteps } from "../src/report/release.js";

/**
 * The release waterfall takes release.csv's measures as they come, new ones included: totals
 * (expected release, capacity added) rise from zero; spare capacity, then each absorber in file
 * order, then what is unexplained take their share of what is left; ratios and flow changes are
 * not steps. Each whisker is the step's 95% CI placed where the step ends.
 */

const m = (measure: string, mean: number, low: number | null = null, high: number | null = null, unit = "bed-days") => ({ measure, unit, category: categoryOf(measure, unit), mean, low, high });

describe("release waterfall steps", () => {
  it("orders expected → spare → absorbers → unexplained whatever the file order, and ends where the accounting closes", () => {
    const steps = waterfallSteps([
      m("unexplained", 15),
      m("absorbed_by_longer_stays", 20),
      m("release_ratio", 0.4, 0.3, 0.5, "ratio"),
      m("realised_as_spare_capacity", 40, 35, 45),
      m("absorbed_by_drift", 25),
      m("flow_change", -3, -4, -2, "hours"),
      m("expected_release", 100, 90, 110),
    ]);
    expect(steps.map((s) => [s.step, s.category, s.start, s.end])).toEqual([
      ["Expected release", "expected or added", 0, 100],
      ["Realised as spare capacity", "spare capacity", 100, 60],
      ["Absorbed by longer stays", "absorbed", 60, 40],
      ["Absorbed by drift", "absorbed", 40, 15],
      ["Unexplained", "unexplained", 15, 0],
    ]);
    expect([steps[0]!.lo, steps[0]!.hi]).toEqual([90, 110]);
    expect([steps[1]!.lo, steps[1]!.hi]).toEqual([65, 55]);
    expect(steps[2]!.lo).toBeNull();
  });

  it("a capacity scenario: capacity added and expected release both rise, a negative absorber goes back up", () => {
    const steps = waterfallSteps([m("expected_release", 10), m("capacity_added", 50), m("realised_as_spare_capacity", 70), m("changed_blocking", -20), m("demand_previously_unmet", 10)]);
    expect(steps.map((s) => [s.step, s.start, s.end])).toEqual([
      ["Expected release", 0, 10],
      ["Capacity added", 10, 60],
      ["Realised as spare capacity", 60, -10],
      ["Changed blocking", -10, 10],
      ["Demand previously unmet", 10, 0],
    ]);
    // The value label sits right of the bar and its whisker.
    expect(steps[3]!.labelAt).toBe(10);
  });

  it("names say what a measure is", () => {
    expect(["expected_release", "capacity_added", "realised_as_spare_capacity", "absorbed_by_drift", "absorbed_otherwise", "unexplained", "release_ratio", "flow_change"].map((x) => categoryOf(x, ""))).toEqual([
      "expected or added",
      "expected or added",
      "spare capacity",
      "absorbed",
      "absorbed",
      "unexplained",
      "ratio",
      "flow",
    ]);
    expect(categoryOf("spare_over_expected", "ratio")).toBe("ratio");
  });
});
