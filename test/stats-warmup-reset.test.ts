import { describe, expect, it } from "vitest";
import { Counter, TimeWeighted } from "../src/engine/stats.js";
import { Tally } from "../src/engine/tally.js";

describe("reset at the end of a warm-up excludes history", () => {
  it("TimeWeighted: mean, extremes and threshold fraction cover only [reset, now]", () => {
    // level 8 on [0,5) (warm-up), reset at 5 keeping the level 8,
    // then 8 on [5,6), 3 on [6,10), 4 on [10,15).
    const tw = new TimeWeighted(0, 8, { threshold: 4 });
    tw.update(2, 9); // a warm-up peak that must not survive the reset
    tw.update(4, 8);
    tw.reset(5);
    expect(tw.windowStart).toBe(5);
    expect(tw.value).toBe(8);
    expect(tw.max).toBe(8);
    expect(tw.min).toBe(8);
    expect(tw.mean(5)).toBe(8);
    tw.update(6, 3);
    tw.update(10, 4);
    // area = 8·1 + 3·4 + 4·5 = 40 over 10
    expect(tw.integral(15)).toBeCloseTo(40, 12);
    expect(tw.mean(15)).toBeCloseTo(4, 12);
    expect(tw.max).toBe(8);
    expect(tw.min).toBe(3);
    // ≥ 4 on [5,6) and [10,15): 6 of 10
    expect(tw.fractionAtOrAbove(15)).toBeCloseTo(0.6, 12);
  });

  it("TimeWeighted: reset mid-hold splits the level's interval at the reset time", () => {
    const tw = new TimeWeighted(0, 2);
    tw.update(1, 6); // 6 from t = 1 ...
    tw.reset(3); // ... but only [3, …) counts
    tw.update(4, 0);
    // 6 on [3,4), 0 on [4,8): area 6 over 5
    expect(tw.mean(8)).toBeCloseTo(1.2, 12);
    expect(tw.min).toBe(0);
    expect(tw.max).toBe(6);
  });

  it("Tally: reset forgets moments, extremes, quantile markers and exceedances", () => {
    const tally = new Tally([0.5, 0.9], { thresholds: [15] });
    for (let i = 0; i < 100; i++) tally.record(1000 + i); // warm-up observations, all > 15
    tally.reset();
    expect(tally.snapshot()).toEqual({
      kind: "tally",
      count: 0,
      mean: 0,
      sd: 0,
      min: 0,
      max: 0,
      sum: 0,
      quantiles: { "0.5": 0, "0.9": 0 },
      above: { "15": { count: 0, fraction: 0, sumExcess: 0 } },
    });
    for (const x of [10, 20, 30]) tally.record(x);
    expect(tally.count).toBe(3);
    expect(tally.mean).toBe(20);
    expect(tally.variance).toBe(100);
    expect(tally.min).toBe(10);
    expect(tally.max).toBe(30);
    expect(tally.quantile(0.5)).toBe(20); // exact again: fewer than five since reset
    expect(tally.quantile(0.9)).toBeCloseTo(28, 12);
    expect(tally.fractionAbove(15)).toBeCloseTo(2 / 3, 12);
    expect(tally.sumExcessAbove(15)).toBe(5 + 15);
    // P² resumes cleanly after the reset
    for (let i = 0; i < 1000; i++) tally.record(i % 100);
    expect(tally.quantile(0.5)).toBeGreaterThan(40);
    expect(tally.quantile(0.5)).toBeLessThan(60);
  });

  it("Counter: rate is count per time unit since the reset", () => {
    const c = new Counter(0);
    expect(c.rate(0)).toBe(0); // empty window: 0, not NaN
    for (let i = 0; i < 12; i++) c.inc();
    c.inc(3);
    expect(c.value).toBe(15);
    expect(c.rate(5)).toBe(3);
    c.reset(10); // warm-up ends at 10
    expect(c.value).toBe(0);
    expect(c.windowStart).toBe(10);
    expect(c.rate(10)).toBe(0);
    c.inc(8);
    expect(c.rate(14)).toBe(2);
    expect(c.snapshot(14)).toEqual({ kind: "counter", count: 8, ratePerUnit: 2 });
  });

  it("Counter: a non-zero start time opens the window there", () => {
    const c = new Counter(100);
    c.inc(6);
    expect(c.rate(103)).toBe(2);
  });

  it("snapshots after a reset contain no NaN", () => {
    const tw = new TimeWeighted(0, 1, { threshold: 1 });
    tw.reset(4);
    const snaps = [tw.snapshot(4), new Tally([0.5], { thresholds: [1] }).snapshot(), new Counter(4).snapshot(4)];
    expect(snaps[0]).toEqual({ kind: "timeWeighted", mean: 1, max: 1, min: 1, value: 1, fractionAtOrAbove: 1 });
    expect(JSON.stringify(snaps)).not.toContain("null"); // NaN would serialise as null
  });
});
