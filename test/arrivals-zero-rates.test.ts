import { describe, it, expect } from "vitest";
import { PiecewiseRateArrivals, constantRate } from "../src/random/arrivals.js";
import { createStream } from "../src/random/streams.js";
import { MINUTES_PER_HOUR, WEEKLY, arrivalsUntil } from "./helpers/arrivals.js";

/** Hours, rates and months at zero produce no arrivals: the next arrival skips to the next hour with a rate, or never comes. */

describe("zero rates", () => {
  it("a single nonzero hour of the week gets every arrival", () => {
    const ratePerHour = new Float64Array(168);
    ratePerHour[2 * 24 + 10] = 5; // Wednesday 10:00–11:00
    const arrivals = new PiecewiseRateArrivals({ ratePerHour, hourLength: MINUTES_PER_HOUR });
    const weeks = 50;
    const times = arrivalsUntil(arrivals, createStream(11, 0, "arrivals/one-hour"), weeks * 168 * MINUTES_PER_HOUR);
    for (const t of times) expect(Math.floor(t / MINUTES_PER_HOUR) % 168).toBe(58);
    expect(Math.abs(times.length - weeks * 5)).toBeLessThan(5 * Math.sqrt(weeks * 5));
    // From Thursday the next arrival is the following Wednesday.
    const next = arrivals.next(3 * 24 * MINUTES_PER_HOUR, createStream(11, 0, "arrivals/skip"));
    expect(Math.floor(next / MINUTES_PER_HOUR)).toBe(168 + 58);
  });

  it("all-zero rates, a zero constant rate or all-zero months never produce an arrival", () => {
    const rng = createStream(11, 0, "arrivals/none");
    expect(new PiecewiseRateArrivals({ ratePerHour: new Float64Array(168), hourLength: 1 }).next(0, rng)).toBe(Infinity);
    expect(constantRate(0).next(5, rng)).toBe(Infinity);
    const noMonths = new PiecewiseRateArrivals({ ratePerHour: WEEKLY, hourLength: 1, monthlyMultiplier: new Array<number>(12).fill(0) });
    expect(noMonths.next(0, rng)).toBe(Infinity);
    expect(noMonths.expectedCount(0, 1000)).toBe(0);
  });
});
