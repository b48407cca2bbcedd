import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/tally.js";
import { stepFunction } from "./helpers/stats.js";

/**
 * A statistic's snapshot carries its numbers as a plain object that survives structuredClone (and so
 * postMessage between worker threads).
 */

describe("snapshots are plain, cloneable objects", () => {
  it("Tally: snapshot carries the numbers as a plain, cloneable object", () => {
    const tally = new Tally([0.5], { thresholds: [15, 60] });
    for (const x of [10, 20, 70]) tally.record(x);
    const snap = tally.snapshot();
    expect(snap).toEqual({
      kind: "tally",
      count: 3,
      mean: tally.mean,
      sd: tally.sd,
      min: 10,
      max: 70,
      sum: 100,
      quantiles: { "0.5": 20 },
      above: {
        "15": { count: 2, fraction: 2 / 3, sumExcess: 5 + 55 },
        "60": { count: 1, fraction: 1 / 3, sumExcess: 10 },
      },
    });
    expect(snap.mean).toBeCloseTo(100 / 3, 12);
    expect(snap.sd).toBeCloseTo(Math.sqrt(((10 - 100 / 3) ** 2 + (20 - 100 / 3) ** 2 + (70 - 100 / 3) ** 2) / 2), 12);
    expect(structuredClone(snap)).toEqual(snap);
  });

  it("TimeWeighted: snapshot is a plain object with the same numbers", () => {
    const snap = stepFunction(2).snapshot(10);
    expect(snap.kind).toBe("timeWeighted");
    expect(snap.mean).toBeCloseTo(1.1, 12);
    expect(snap.max).toBe(5);
    expect(snap.min).toBe(0);
    expect(snap.value).toBe(0);
    expect(snap.fractionAtOrAbove).toBeCloseTo(0.4, 12);
    expect(structuredClone(snap)).toEqual(snap);
    expect("fractionAtOrAbove" in stepFunction().snapshot(10)).toBe(false);
  });
});
