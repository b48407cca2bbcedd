import { describe, it, expect } from "vitest";
import { PiecewiseRateArrivals, type ArrivalProfile } from "../src/random/arrivals.js";
import { createStream } from "../src/random/streams.js";
import { MINUTES_PER_HOUR, WEEKLY, WEEKLY_TOTAL, arrivalsUntil } from "./helpers/arrivals.js";

/**
 * Non-homogeneous Poisson arrivals follow their hour-of-week profile: counts match the integral of
 * the rate within Poisson error, each hour of the week gets its share, zero-rate hours get nothing.
 */

/** Upper 1e-4 point of chi-square with k degrees of freedom (Wilson–Hilferty, z = 3.719). */
function chiSquareCritical(k: number): number {
  const z = 3.719;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

describe("counts follow the integral of the rate", () => {
  const WEEKS = 104;
  const startDayOfWeek = 4; // time 0 is a Friday
  const profile: ArrivalProfile = { ratePerHour: WEEKLY, hourLength: MINUTES_PER_HOUR, startDayOfWeek };
  const arrivals = new PiecewiseRateArrivals(profile);
  const horizon = WEEKS * 168 * MINUTES_PER_HOUR;
  const times = arrivalsUntil(arrivals, createStream(11, 0, "arrivals/weekly"), horizon);

  it("expectedCount integrates the rate exactly, including part hours and the start day", () => {
    expect(arrivals.expectedCount(0, horizon)).toBeCloseTo(WEEKS * WEEKLY_TOTAL, 6);
    const friday = WEEKLY.slice(4 * 24, 5 * 24).reduce((a, b) => a + b, 0);
    expect(arrivals.expectedCount(0, 24 * MINUTES_PER_HOUR)).toBeCloseTo(friday, 9);
    // 00:30–01:30 on Friday: half of hour 0 and half of hour 1.
    expect(arrivals.expectedCount(30, 90)).toBeCloseTo((WEEKLY[96]! + WEEKLY[97]!) / 2, 12);
    expect(arrivals.expectedCount(45, 45)).toBe(0);
  });

  it("the total over two years is within 5 Poisson SE of expectedCount", () => {
    const expected = arrivals.expectedCount(0, horizon);
    expect(Math.abs(times.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });

  it("each hour of the week gets its share (chi-square), and zero-rate hours get none", () => {
    const observed = new Array<number>(168).fill(0);
    for (const t of times) observed[(startDayOfWeek * 24 + Math.floor(t / MINUTES_PER_HOUR)) % 168]! += 1;

    const chiSquare = (expectedPerHour: Float64Array) => {
      let x2 = 0;
      let bins = 0;
      for (let h = 0; h < 168; h++) {
        const e = WEEKS * expectedPerHour[h]!;
        if (e === 0) continue;
        x2 += (observed[h]! - e) ** 2 / e;
        bins++;
      }
      return { x2, bins };
    };

    const zeroHours = Array.from({ length: 168 }, (_, h) => h).filter((h) => WEEKLY[h] === 0);
    expect(zeroHours).toHaveLength(7 * 3);
    expect(zeroHours.map((h) => observed[h])).toEqual(zeroHours.map(() => 0));
    const { x2, bins } = chiSquare(WEEKLY);
    expect(bins).toBe(168 - 7 * 3);
    expect(x2).toBeLessThan(chiSquareCritical(bins));

    // The check has power: the same counts against the profile one day off fail it by far.
    const shifted = Float64Array.from({ length: 168 }, (_, h) => WEEKLY[(h + 24) % 168]!);
    const wrong = chiSquare(shifted.map((r, h) => (WEEKLY[h] === 0 ? 0 : r)));
    expect(wrong.x2).toBeGreaterThan(10 * chiSquareCritical(wrong.bins));
  });

  it("arrival times are increasing", () => {
    let decreases = 0;
    for (let i = 1; i < times.length; i++) if (!(times[i]! >= times[i - 1]!)) decreases++;
    expect(decreases).toBe(0);
  });
});
