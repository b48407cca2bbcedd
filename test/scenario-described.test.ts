import { describe, expect, it } from "vitest";
import { describeScenario } from "../src/model/scenario.js";
import { withScenario } from "./helpers/scenario.js";

/**
 * Each change of a scenario is described for reports as 'path: before → after (why)'.
 */

describe("describeScenario says what each change does", () => {
  it("describes each change as 'path: before → after (why)'", () => {
    const loaded = withScenario([
      { path: "nodes.acute.servers", set: 70, why: "ten more beds" },
      { path: "segments.care-home.demandMultiplier", scale: 0.77, why: "23% fewer admissions" },
      { path: "nodes.acute.durationDays", scale: 0.9 },
    ]);
    expect(describeScenario(loaded.model, "s")).toEqual([
      "nodes.acute.servers: 60 → 70 (ten more beds)",
      "segments.care-home.demandMultiplier: 1 → 0.77 (×0.77; 23% fewer admissions)",
      "nodes.acute.durationDays: lognormal(mean 7.4, sd 8.6) → lognormal(mean 6.66, sd 7.74) (×0.9)",
    ]);
    expect(describeScenario(loaded.model, "baseline")).toEqual([]);
  });
});
