import { describe, expect, it } from "vitest";
import { createSampler } from "../src/random/families.js";
import { createStream } from "../src/random/streams.js";
import { draw } from "./helpers/moments.js";

/** A discrete family draws each of its values with its probability, and nothing else. */

const N = 200_000;

describe("discrete families draw their values with their probabilities", () => {
  it("each category is drawn with its probability (within 5 SE) and zero-probability ones never", () => {
    const probabilities = [0, 0.15, 0, 0.25, 0.6, 0];
    const sampler = createSampler({ type: "categorical", probabilities });
    const counts = new Array<number>(probabilities.length).fill(0);
    const rng = createStream(2024, 0, "categorical-frequencies");
    for (let i = 0; i < N; i++) counts[sampler.sample(rng)]! += 1;
    probabilities.forEach((p, i) => {
      if (p === 0) expect(counts[i]).toBe(0);
      else expect(Math.abs(counts[i]! - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
    });
  });

  it("empiricalDiscrete returns only the given values", () => {
    const sampler = createSampler({ type: "empiricalDiscrete", values: [0.5, 3, 7], probabilities: [0.3, 0.3, 0.4] });
    const rng = createStream(2024, 0, "empirical-discrete-values");
    const seen = new Set(draw(sampler, rng, 10_000));
    expect([...seen].sort((a, b) => a - b)).toEqual([0.5, 3, 7]);
  });
});
