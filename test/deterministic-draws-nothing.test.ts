import { describe, expect, it } from "vitest";
import { createSampler } from "../src/random/families.js";
import type { RandomStream } from "../src/random/streams.js";

/** A deterministic duration is its value, drawn without touching the random stream (so other draws do not shift). */

describe("deterministic", () => {
  it("deterministic returns its value and draws no random numbers", () => {
    const sampler = createSampler({ type: "deterministic", value: 3.5 });
    const untouchable: RandomStream = {
      double() {
        throw new Error("deterministic must not draw");
      },
    };
    expect(sampler.sample(untouchable)).toBe(3.5);
    expect(sampler.mean).toBe(3.5);
    expect(sampler.variance).toBe(0);
  });
});
