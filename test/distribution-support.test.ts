import { describe, expect, it } from "vitest";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import { createStream } from "../src/random/streams.js";
import { draw } from "./helpers/moments.js";

/** Durations are never negative, and the draws of a bounded family stay within its bounds. */

const observations = [3, 1, 4, 1, 5, 9, 2, 6, 5.5, 3.2];

describe("draws stay in the support", () => {
  it("durations are never negative and bounded families stay in their bounds", () => {
    const rng = createStream(2024, 0, "support");
    const bounded: Array<[DistributionSpec, number, number]> = [
      [{ type: "normal", mean: 1, sd: 2 }, 0, Infinity],
      [{ type: "triangular", min: 1, mode: 2, max: 6 }, 1, 6],
      [{ type: "uniform", min: 2, max: 5 }, 2, 5],
      [{ type: "empirical", observations }, 1, 9],
      [{ type: "gamma", shape: 0.1, scale: 1 }, 0, Infinity],
    ];
    for (const [spec, lo, hi] of bounded) {
      const xs = draw(createSampler(spec), rng, 50_000);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...xs)).toBeLessThanOrEqual(hi);
    }
  });
});
