import { describe, expect, it } from "vitest";
import { TimeWeighted } from "../src/engine/stats.js";
import { stepFunction } from "./helpers/stats.js";

/**
 * TimeWeighted gives the time-weighted mean, integral and extremes of a level that changes in steps
 * (e.g. beds occupied), counting the current level up to the query time.
 */

describe("TimeWeighted: time-weighted mean, integral and extremes of a step function", () => {
  it("mean and integral at t = 10 match the hand computation", () => {
    const tw = stepFunction();
    expect(tw.integral(10)).toBeCloseTo(11, 12);
    expect(tw.mean(10)).toBeCloseTo(1.1, 12);
    expect(tw.value).toBe(0);
  });

  it("counts the current level up to the query time", () => {
    const tw = new TimeWeighted(0, 2);
    tw.update(3, 5);
    // area = 2·3 + 5·0.5 = 8.5 over 3.5 time units
    expect(tw.integral(3.5)).toBeCloseTo(8.5, 12);
    expect(tw.mean(3.5)).toBeCloseTo(8.5 / 3.5, 12);
  });

  it("max and min cover every level held, including the initial one", () => {
    const tw = stepFunction();
    expect(tw.max).toBe(5);
    expect(tw.min).toBe(0);
    const rising = new TimeWeighted(0, 3);
    rising.update(1, 4);
    expect(rising.min).toBe(3);
    expect(rising.max).toBe(4);
  });

  it("add changes the level by a delta (occupancy ±1)", () => {
    const tw = new TimeWeighted(0, 0);
    tw.add(1, 1); // 0 on [0,1)
    tw.add(2, 1); // 1 on [1,2)
    tw.add(4, -1); // 2 on [2,4)
    // area to t = 6: 0 + 1 + 4 + 1·2 = 7
    expect(tw.value).toBe(1);
    expect(tw.integral(6)).toBeCloseTo(7, 12);
    expect(tw.mean(6)).toBeCloseTo(7 / 6, 12);
    expect(tw.max).toBe(2);
  });

  it("an empty window returns the current level", () => {
    const tw = new TimeWeighted(5, 7);
    expect(tw.mean(5)).toBe(7);
    tw.update(5, 9); // zero-length hold of 7
    expect(tw.mean(5)).toBe(9);
    expect(tw.integral(5)).toBe(0);
    expect(tw.max).toBe(9);
    expect(tw.min).toBe(7);
  });

  it("a non-zero start time sets the window start", () => {
    const tw = new TimeWeighted(100, 4);
    tw.update(102, 1);
    // 4 on [100,102), 1 on [102,108): area 8 + 6 = 14 over 8
    expect(tw.mean(108)).toBeCloseTo(14 / 8, 12);
    expect(tw.windowStart).toBe(100);
  });
});
