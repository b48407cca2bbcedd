import { describe, expect, it } from "vitest";
import { Tally } from "../src/engine/tally.js";
import { lcg } from "./helpers/stats.js";

/**
 * A Tally counts the observations strictly above each threshold it tracks, their share and the
 * summed excess (e.g. handover minutes beyond 15 and 60); an untracked threshold is a RangeError.
 */

describe("Tally: threshold exceedances", () => {
  it("fractionAbove, countAbove and sumExcessAbove match direct computation", () => {
    const u = lcg(2024);
    const thresholds = [15, 60];
    const tally = new Tally([], { thresholds });
    const xs: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = -Math.log(u()) * 25; // handover minutes, mean 25
      xs.push(x);
      tally.record(x);
    }
    for (const t of thresholds) {
      let count = 0;
      let excess = 0;
      for (const x of xs) {
        if (x > t) {
          count++;
          excess += x - t;
        }
      }
      expect(tally.countAbove(t)).toBe(count);
      expect(tally.fractionAbove(t)).toBeCloseTo(count / xs.length, 12);
      expect(tally.sumExcessAbove(t)).toBeCloseTo(excess, 6);
    }
    // sanity against theory: P(X > 15) = e^{-0.6} ≈ 0.549, P(X > 60) = e^{-2.4} ≈ 0.0907
    expect(tally.fractionAbove(15)).toBeCloseTo(Math.exp(-0.6), 2);
    expect(tally.fractionAbove(60)).toBeCloseTo(Math.exp(-2.4), 2);
  });

  it("'above' is strict: an observation equal to the threshold does not count", () => {
    const tally = new Tally([], { thresholds: [15] });
    for (const x of [10, 15, 20, 45]) tally.record(x);
    expect(tally.countAbove(15)).toBe(2);
    expect(tally.fractionAbove(15)).toBe(0.5);
    expect(tally.sumExcessAbove(15)).toBe(5 + 30);
  });

  it("untracked thresholds and bad thresholds are RangeErrors", () => {
    const tally = new Tally([], { thresholds: [15] });
    expect(() => tally.fractionAbove(60)).toThrow(RangeError);
    expect(() => tally.sumExcessAbove(60)).toThrow(RangeError);
    expect(() => tally.countAbove(60)).toThrow(RangeError);
    expect(() => new Tally([], { thresholds: [Number.NaN] })).toThrow(RangeError);
  });
});
