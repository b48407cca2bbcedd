import { describe, it, expect } from "vitest";
import { checkDistribution } from "../src/model/distribution-check.js";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";

/** Durations may not be negative by default; `nonNegative: false` allows negative quantities where a model needs them. */

const AT = ["services", "acute", "lengthOfStay"] as const;

describe("nonNegative: false allows negative quantities", () => {
  it("accepts negative lower ends, observations, values and constants that are rejected by default", () => {
    const specs: DistributionSpec[] = [
      { type: "triangular", min: -2, mode: 0, max: 1 },
      { type: "uniform", min: -1, max: 1 },
      { type: "empirical", observations: [-1, 2] },
      { type: "empiricalDiscrete", values: [-1, 1], probabilities: [0.5, 0.5] },
      { type: "deterministic", value: -4 },
    ];
    for (const spec of specs) {
      expect(checkDistribution(spec, AT)).toHaveLength(1);
      expect(checkDistribution(spec, AT, { nonNegative: false })).toEqual([]);
    }
    const sampler = createSampler({ type: "uniform", min: -1, max: 1 });
    expect(sampler.mean).toBe(0);
  });
});
