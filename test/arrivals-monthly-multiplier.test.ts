import { describe, it, expect } from "vitest";
import { PiecewiseRateArrivals } from "../src/random/arrivals.js";
import { createStream } from "../src/random/streams.js";
import { arrivalsUntil } from "./helpers/arrivals.js";

/**
 * A monthly multiplier scales the arrival rate by calendar month (from `startMonth`, wrapping to
 * January): counts per month follow it, and a month at 0 gets no arrivals.
 */

describe("monthly multiplier", () => {
  const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const MULTIPLIER = [1, 2, 0, 1, 1, 1, 1, 1, 1, 1, 0.5, 3];
  const RATE = 0.5;
  const flat = new Float64Array(168).fill(RATE);

  it("counts per month over four years match rate × hours × multiplier, and a zero month gets none", () => {
    const YEARS = 4;
    const arrivals = new PiecewiseRateArrivals({ ratePerHour: flat, hourLength: 1, monthlyMultiplier: MULTIPLIER });
    const times = arrivalsUntil(arrivals, createStream(11, 0, "arrivals/monthly"), YEARS * 365 * 24);
    const monthOfDay = DAYS.flatMap((days, month) => new Array<number>(days).fill(month));
    const observed = new Array<number>(12).fill(0);
    for (const t of times) observed[monthOfDay[Math.floor(t / 24) % 365]!]! += 1;
    for (let m = 0; m < 12; m++) {
      const expected = YEARS * RATE * 24 * DAYS[m]! * MULTIPLIER[m]!;
      if (expected === 0) expect(observed[m]).toBe(0);
      else expect(Math.abs(observed[m]! - expected), `month ${m}`).toBeLessThan(5 * Math.sqrt(expected));
    }
    // February at double rate: per day, about twice January.
    expect(observed[1]! / 28 / (observed[0]! / 31)).toBeGreaterThan(1.8);
  });

  it("startMonth places time 0 on the 1st of that month, and the calendar wraps to January", () => {
    const arrivals = new PiecewiseRateArrivals({ ratePerHour: flat, hourLength: 1, monthlyMultiplier: MULTIPLIER, startMonth: 11 });
    const december = 31 * 24;
    expect(arrivals.expectedCount(0, december)).toBeCloseTo(RATE * december * 3, 9);
    expect(arrivals.expectedCount(december, 2 * december)).toBeCloseTo(RATE * december * 1, 9);
    expect(arrivals.expectedCount(2 * december, 2 * december + 28 * 24)).toBeCloseTo(RATE * 28 * 24 * 2, 9);
    expect(arrivals.expectedCount(2 * december + 28 * 24, 3 * december + 28 * 24)).toBe(0); // March
    expect(arrivals.expectedCount(0, 365 * 24)).toBeCloseTo(
      RATE * 24 * DAYS.reduce((sum, days, m) => sum + days * MULTIPLIER[m]!, 0),
      6,
    );
  });
});
