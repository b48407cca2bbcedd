import { describe, it, expect } from "vitest";
import { createStream, type RandomStream } from "../src/random/streams.js";
import { createSampler } from "../src/random/families.js";
import type { DistributionSpec } from "../src/random/distribution-spec.js";
import { PiecewiseRateArrivals } from "../src/random/arrivals.js";
import { firstDifference } from "./helpers/streams.js";

/** Samplers and arrival processes keep no state between draws: shared by several streams, each stream gets what it would get alone. */

describe("samplers keep no state between draws", () => {
  const specs: DistributionSpec[] = [
    { type: "normal", mean: 5, sd: 2, truncateAtZero: false },
    { type: "normal", mean: 1, sd: 2 },
    { type: "lognormal", mean: 7.4, sd: 8.61 },
    { type: "gamma", shape: 0.7, scale: 2 },
    { type: "erlang", k: 6, mean: 3 },
    { type: "categorical", probabilities: [0.2, 0.8] },
    { type: "empirical", observations: [1, 3, 8] },
  ];

  it.each(specs.map((spec) => [spec.type, spec] as const))(
    "%s: one sampler shared by two streams draws, for each stream, what it would draw for that stream alone",
    (_type, spec) => {
      const n = 2_000;
      const drawAlone = (source: string) => {
        const sampler = createSampler(spec);
        const rng = createStream(5, 0, source);
        return Float64Array.from({ length: n }, () => sampler.sample(rng));
      };
      const aloneA = drawAlone("a");
      const aloneB = drawAlone("b");

      const shared = createSampler(spec);
      const rngA = createStream(5, 0, "a");
      const rngB = createStream(5, 0, "b");
      const sharedA = new Float64Array(n);
      const sharedB = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        sharedA[i] = shared.sample(rngA);
        sharedB[i] = shared.sample(rngB);
      }
      expect(firstDifference(sharedA, aloneA)).toBe(-1);
      expect(firstDifference(sharedB, aloneB)).toBe(-1);
    },
  );

  it("arrival processes too: one profile shared by two streams", () => {
    const ratePerHour = Array.from({ length: 168 }, (_, h) => (h % 24 < 6 ? 0 : 3));
    const profile = { ratePerHour, hourLength: 60 };
    const run = (arrivals: PiecewiseRateArrivals, rng: RandomStream, n: number) => {
      const times = new Float64Array(n);
      let t = 0;
      for (let i = 0; i < n; i++) times[i] = t = arrivals.next(t, rng);
      return times;
    };
    const alone = run(new PiecewiseRateArrivals(profile), createStream(5, 0, "a"), 500);

    const shared = new PiecewiseRateArrivals(profile);
    const rngA = createStream(5, 0, "a");
    const rngB = createStream(5, 0, "b");
    const timesA = new Float64Array(500);
    let tA = 0;
    let tB = 0;
    for (let i = 0; i < 500; i++) {
      timesA[i] = tA = shared.next(tA, rngA);
      tB = shared.next(tB, rngB);
    }
    expect(firstDifference(timesA, alone)).toBe(-1);
  });
});
