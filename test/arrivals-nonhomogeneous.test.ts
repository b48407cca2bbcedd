import { describe, it, expect } from "vitest";
import {
  PiecewiseRateArrivals,
  checkArrivalProfile,
  constantRate,
  type ArrivalProcess,
  type ArrivalProfile,
} from "../src/random/arrivals.js";
import { createStream, type RandomStream } from "../src/random/streams.js";
import { PathflowInputError } from "../src/errors.js";

/**
 * Non-homogeneous Poisson arrivals follow their hour-of-week profile and monthly multiplier:
 * counts match the integral of the rate within Poisson error, each hour of the week gets its share,
 * zero-rate hours get nothing, and interarrival times at a constant rate are exponential.
 */

const MINUTES_PER_HOUR = 60;
/** Arrivals per hour by hour of day; zero from 02:00 to 05:00. */
const HOUR_OF_DAY = [1, 0.6, 0, 0, 0, 0.5, 1, 2, 4, 6, 7, 7, 6.5, 6, 6, 5.5, 5.5, 5, 5, 4.5, 4, 3, 2, 1.5];
/** Factor by day of week, Monday first. */
const DAY_OF_WEEK = [1.2, 1, 1, 1, 1.1, 0.7, 0.6];
const WEEKLY = Float64Array.from({ length: 168 }, (_, h) => HOUR_OF_DAY[h % 24]! * DAY_OF_WEEK[Math.floor(h / 24)]!);
const WEEKLY_TOTAL = WEEKLY.reduce((a, b) => a + b, 0);

/** Every arrival in [0, horizon). */
function arrivalsUntil(process: ArrivalProcess, rng: RandomStream, horizon: number): number[] {
  const times: number[] = [];
  for (let t = process.next(0, rng); t < horizon; t = process.next(t, rng)) times.push(t);
  return times;
}

/** Upper 1e-4 point of chi-square with k degrees of freedom (Wilson–Hilferty, z = 3.719). */
function chiSquareCritical(k: number): number {
  const z = 3.719;
  return k * (1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k))) ** 3;
}

/** Kolmogorov–Smirnov distance between a sample and the Exp(mean) CDF. */
function ksExponential(sample: number[], mean: number): number {
  const sorted = [...sample].sort((a, b) => a - b);
  let d = 0;
  sorted.forEach((x, i) => {
    const f = 1 - Math.exp(-x / mean);
    d = Math.max(d, Math.abs(f - i / sorted.length), Math.abs(f - (i + 1) / sorted.length));
  });
  return d;
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

describe("interarrival times at a constant rate are exponential", () => {
  const n = 100_000;

  function gaps(process: ArrivalProcess, rng: RandomStream): number[] {
    const out: number[] = [];
    let t = 0;
    for (let i = 0; i < n; i++) {
      const next = process.next(t, rng);
      out.push(next - t);
      t = next;
    }
    return out;
  }

  function expectExponential(sample: number[], mean: number): void {
    const m = sample.reduce((a, b) => a + b, 0) / n;
    const v = sample.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1);
    expect(Math.abs(m - mean)).toBeLessThan(5 * (mean / Math.sqrt(n)));
    // Exponential kurtosis is 9, so SE(s²) = σ²·√(8/n).
    expect(Math.abs(v - mean * mean)).toBeLessThan(5 * mean * mean * Math.sqrt(8 / n));
    // KS critical value at α ≈ 0.001 is 1.95/√n.
    expect(ksExponential(sample, mean)).toBeLessThan(1.95 / Math.sqrt(n));
  }

  it("constantRate(0.25) gives Exp(mean 4)", () => {
    expectExponential(gaps(constantRate(0.25), createStream(11, 0, "arrivals/constant")), 4);
  });

  it("a flat weekly profile gives the same, across hour boundaries and in other time units", () => {
    // 0.5 per hour with the model in days: 12 per day, mean gap 1/12 day, most gaps span hours.
    const flat = new PiecewiseRateArrivals({ ratePerHour: new Float64Array(168).fill(0.5), hourLength: 1 / 24 });
    expectExponential(gaps(flat, createStream(11, 0, "arrivals/flat")), 1 / 12);
  });
});

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

describe("invalid profiles are rejected with issues", () => {
  it("reports each bad rate at its index and every other bad field", () => {
    const ratePerHour = Array.from({ length: 168 }, () => 1);
    ratePerHour[5] = -2;
    ratePerHour[7] = NaN;
    const issues = checkArrivalProfile(
      { ratePerHour, hourLength: 0, monthlyMultiplier: [1, 2], startMonth: 12, startDayOfWeek: 1.5, startYear: 2024 },
      ["ed", "arrivals"],
    );
    const byPath = new Map(issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath.get("ed.arrivals.ratePerHour.5")).toContain("ratePerHour[5] must be a finite number ≥ 0 (arrivals per hour), got -2");
    expect(byPath.get("ed.arrivals.ratePerHour.7")).toContain("got NaN");
    expect(byPath.get("ed.arrivals.hourLength")).toContain("got 0");
    expect(byPath.get("ed.arrivals.monthlyMultiplier")).toContain("must have 12 values, got 2");
    expect(byPath.get("ed.arrivals.startMonth")).toContain("got 12");
    expect(byPath.get("ed.arrivals.startDayOfWeek")).toContain("got 1.5");
    expect(byPath.get("ed.arrivals.startYear")).toContain('no field "startYear"');
    expect(issues).toHaveLength(7);
  });

  it("a profile of the wrong length is reported", () => {
    const issues = checkArrivalProfile({ ratePerHour: new Float64Array(24), hourLength: 1 });
    expect(issues.map((i) => i.path)).toEqual([["ratePerHour"]]);
    expect(issues[0]!.message).toContain("must have 168 values, got 24");
  });

  it("the constructor and constantRate throw PathflowInputError carrying the issues", () => {
    const ratePerHour = new Float64Array(168);
    ratePerHour[0] = -1;
    expect(() => new PiecewiseRateArrivals({ ratePerHour, hourLength: 1 })).toThrow(PathflowInputError);
    try {
      constantRate(-1, ["ambulance"]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PathflowInputError);
      expect((error as PathflowInputError).issues[0]!.path).toEqual(["ambulance", "ratePerUnit"]);
    }
    expect(() => constantRate(NaN)).toThrow(PathflowInputError);
  });

  it("next refuses a time that is not a number", () => {
    const arrivals = new PiecewiseRateArrivals({ ratePerHour: WEEKLY, hourLength: 1 });
    expect(() => arrivals.next(NaN, createStream(1, 0, "x"))).toThrow(RangeError);
  });
});
