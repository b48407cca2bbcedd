import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { runModel } from "./helpers/run-model.js";
import { resultsDates } from "../src/calendar.js";

/**
 * run.startDate places the run on the real calendar: the results period starts on that date, the
 * warm-up runs the days before it, and weekdays and months (in their real lengths, 29 February
 * included) follow the date — so a Monday-only profile puts arrivals on real Mondays and a
 * February-only one on the days of February.
 */
const MS_PER_HOUR = 3_600_000;

function clinic(run: Record<string, unknown>, arrivals: Record<string, unknown>, servers: unknown = "unlimited") {
  return {
    name: "clinic",
    run: { replications: 1, seed: 5, ...run },
    segments: { p: { arrivals: [{ route: "walk-in", to: "desk", ratePerDay: 100, ...arrivals }] } },
    nodes: { desk: { type: "unit", servers, durationHours: { type: "deterministic", value: 0.1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } } },
  };
}

/** The UTC date-time of each arrival of a replication of `raw`, from the start date (the end of the warm-up). */
function arrivalDates(raw: ReturnType<typeof clinic>, startDate: string): Date[] {
  const times: number[] = [];
  runModel(raw, (t, _id, event) => {
    if (event === "arrive") times.push(t);
  });
  const run = raw.run as unknown as { warmupDays: number; startHour?: number };
  const warmEndMs = Date.parse(`${startDate}T00:00:00Z`) + (run.startHour ?? 0) * MS_PER_HOUR;
  return times.map((t) => new Date(warmEndMs + (t - run.warmupDays * 24) * MS_PER_HOUR));
}

describe("the run's start date aligns weekdays and months with real dates", () => {
  it("a Monday-only profile: every arrival falls on a real Monday, warm-up included, whatever weekday the run starts", () => {
    for (const [startDate, warmupDays] of [["2026-10-01", 10], ["2027-01-03", 0], ["2026-12-01", 9]] as const) {
      const dates = arrivalDates(clinic({ startDate, warmupDays, days: 21, startHour: 8 }, { dayOfWeekMultiplier: [7, 0, 0, 0, 0, 0, 0] }), startDate);
      expect(dates.length, startDate).toBeGreaterThan(300);
      expect(new Set(dates.map((d) => d.getUTCDay())), startDate).toEqual(new Set([1])); // Monday
    }
  });

  it("a February-only monthly multiplier in a leap year: arrivals on every day of February 2028, 29th included, and on no other", () => {
    const dates = arrivalDates(clinic({ startDate: "2028-01-01", warmupDays: 0, days: 366 }, { monthMultiplier: [0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] }), "2028-01-01");
    const days = new Set(dates.map((d) => d.toISOString().slice(0, 10)));
    expect(days.size).toBe(29);
    expect([...days].every((d) => d.startsWith("2028-02-"))).toBe(true);
    expect(days.has("2028-02-29")).toBe(true);
    // 29 days of February at 100 × 12 a day: about 34,800 arrivals (within 5 Poisson standard deviations).
    expect(Math.abs(dates.length - 29 * 1200)).toBeLessThan(5 * Math.sqrt(29 * 1200));
  });

  it("without a start date the nominal calendar holds: the warm-up starts on the 1st of startMonth, a startDayOfWeek", () => {
    const v = validateModelObject(clinic({ warmupDays: 5, days: 3, startMonth: "Mar", startDayOfWeek: "Sat" }, {}), ".");
    const model = compileModel(v.model!, v.tables);
    expect([model.startDayOfWeek, model.startMonth, model.epochDay0]).toEqual([5, 2, null]);
  });

  it("results days carry the real dates from the start date", () => {
    expect(resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon", startDate: "2028-02-27" }, 730, 4)).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
  });
});
