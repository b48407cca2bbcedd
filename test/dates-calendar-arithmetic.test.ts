import { describe, expect, it } from "vitest";
import { civilFromDays, daysFromCivil, firstSharedDay, isoDate, parseDate, periodProblem, periodRanges, weekdayOf } from "../src/dates.js";

/**
 * Dated runs count whole calendar days (days since 1970-01-01) with their own arithmetic: checked
 * here against the platform's Date for two centuries, and the period rules a model's dates follow.
 */
const MS_PER_DAY = 86_400_000;

describe("calendar arithmetic of dated runs", () => {
  it("agrees with Date.UTC on every day from 1900 to 2100: date, weekday and ISO text", () => {
    const first = Date.UTC(1900, 0, 1) / MS_PER_DAY;
    const last = Date.UTC(2100, 11, 31) / MS_PER_DAY;
    for (let day = first; day <= last; day++) {
      const d = new Date(day * MS_PER_DAY);
      const civil = civilFromDays(day);
      if (civil.year !== d.getUTCFullYear() || civil.month !== d.getUTCMonth() + 1 || civil.day !== d.getUTCDate()) throw new Error(`day ${day}: ${JSON.stringify(civil)}`);
      if (daysFromCivil(civil.year, civil.month, civil.day) !== day) throw new Error(`day ${day} does not round-trip`);
      if (weekdayOf(day) !== (d.getUTCDay() + 6) % 7) throw new Error(`day ${day}: weekday ${weekdayOf(day)}`);
    }
    expect(isoDate(daysFromCivil(2028, 2, 29))).toBe("2028-02-29");
    expect(weekdayOf(daysFromCivil(2026, 12, 1))).toBe(1); // a Tuesday
  });

  it("reads YYYY-MM-DD as one day and MM-DD as a day of every year, and refuses what is not a date", () => {
    expect(parseDate("2026-12-01")).toEqual({ kind: "once", day: daysFromCivil(2026, 12, 1) });
    expect(parseDate("12-01")).toEqual({ kind: "yearly", month: 12, day: 1 });
    expect(parseDate("2028-02-29")).toEqual({ kind: "once", day: daysFromCivil(2028, 2, 29) });
    for (const bad of ["2027-02-29", "2026-13-01", "2026-04-31", "2026-12-1", "1 Dec 2026", "13-01", "02-30", ""]) {
      expect(parseDate(bad), bad).toHaveProperty("error");
    }
    expect((parseDate("02-29") as { error: string }).error).toContain("leap years");
  });

  it("a period's problems name the field: to before from, mixed forms, a yearly period without its end", () => {
    expect(periodProblem({ from: "2027-03-31", to: "2026-12-01" })).toEqual({ key: "to", message: "to 2026-12-01 is before from 2027-03-31" });
    expect(periodProblem({ from: "12-01", to: "2027-03-31" })?.key).toBe("to");
    expect(periodProblem({ from: "12-01" })?.key).toBe("to");
    expect(periodProblem({ from: "2026-02-30" })?.key).toBe("from");
    expect(periodProblem({ from: "2027-01-01" })).toBeUndefined(); // for ever from that day
    expect(periodProblem({ from: "12-01", to: "03-31" })).toBeUndefined(); // over the new year
  });

  it("a yearly winter runs over the new year and has a 29 February in a leap year (121 and 122 days)", () => {
    const from = daysFromCivil(2026, 1, 1);
    const end = daysFromCivil(2029, 1, 1);
    const ranges = periodRanges({ from: "12-01", to: "03-31" }, from, end);
    expect(ranges.map(([a, b]) => [isoDate(a), isoDate(b - 1), b - a])).toEqual([
      ["2026-01-01", "2026-03-31", 90], // the winter that began in 2025, clipped
      ["2026-12-01", "2027-03-31", 121],
      ["2027-12-01", "2028-03-31", 122],
      ["2028-12-01", "2028-12-31", 31], // clipped at the window's end
    ]);
    expect(periodRanges({ from: "2027-01-01" }, from, end)).toEqual([[daysFromCivil(2027, 1, 1), end]]);
  });

  it("finds where two periods overlap, yearly or dated, and that disjoint ones do not", () => {
    expect(isoDate(firstSharedDay({ from: "12-01", to: "03-31" }, { from: "2027-03-01", to: "2027-04-30" })!)).toBe("2027-03-01");
    expect(isoDate(firstSharedDay({ from: "12-01", to: "01-31" }, { from: "01-15", to: "02-15" })!)).toBe("2000-01-15");
    expect(firstSharedDay({ from: "12-01", to: "03-31" }, { from: "04-01", to: "11-30" })).toBeUndefined();
    expect(firstSharedDay({ from: "2026-12-01", to: "2027-03-31" }, { from: "2027-04-01" })).toBeUndefined();
  });
});
