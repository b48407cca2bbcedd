import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resultsDates } from "../src/calendar.js";
import { dailyMetricDefinition } from "../src/pathway/kpis.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * timeseries_daily.csv dates each results day and gives each metric's unit. The model has no
 * year: its calendar starts at the warm-up on the 1st of run.startMonth, a run.startDayOfWeek,
 * with 365-day years. Results day 1's date has the model's month, day of the month and weekday,
 * in the first year from 2001 that has them and no 29 February in the results period; later
 * days follow the calendar. (dist/ is built by test/global-setup.ts.)
 */
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const weekday = (iso: string): string => WEEKDAYS[(new Date(`${iso}T00:00:00Z`).getUTCDay() + 6) % 7]!;
const DAY_MS = 86_400_000;

/** Dates one calendar day apart, each on the weekday the model's calendar gives it. */
function expectCalendarDays(dates: readonly string[], firstWeekday: string): void {
  const first = WEEKDAYS.indexOf(firstWeekday);
  dates.forEach((date, i) => {
    expect(date).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(weekday(date), date).toBe(WEEKDAYS[(first + i) % 7]);
    if (i > 0) expect(Date.parse(date) - Date.parse(dates[i - 1]!)).toBe(DAY_MS);
  });
}

describe("results days have calendar dates", () => {
  it("no warm-up, January, Monday: day 1 is Monday 1 January 2001", () => {
    const dates = resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon" }, 0, 365);
    expect(dates[0]).toBe("2001-01-01");
    expect(dates[364]).toBe("2001-12-31");
    expectCalendarDays(dates, "Mon");
  });

  it("the default model: 730 days' warm-up from Monday 1 April ends on 1 April, a Wednesday; the year has no 29 February", () => {
    const dates = resultsDates({ startMonth: "Apr", startDayOfWeek: "Mon" }, 730, 365);
    expect(dates[0]).toMatch(/^\d{4}-04-01$/);
    expect(dates[364]).toMatch(/^\d{4}-03-31$/); // the model's year: 365 days, April to March
    expect(dates.some((d) => d.endsWith("-02-29"))).toBe(false);
    expect(Number(dates[0]!.slice(0, 4))).toBeGreaterThanOrEqual(2001);
    expectCalendarDays(dates, "Wed"); // 730 days after a Monday
  });

  it("a warm-up of 5 days from Saturday 1 March starts results on 6 March, a Thursday", () => {
    const dates = resultsDates({ startMonth: "Mar", startDayOfWeek: "Sat" }, 5, 30);
    expect(dates[0]).toMatch(/^\d{4}-03-06$/);
    expectCalendarDays(dates, "Thu");
  });

  it("a fractional warm-up dates results day 1 by the model day it starts in", () => {
    expect(resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon" }, 2.5, 3)).toEqual(resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon" }, 2, 3));
    expect(resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon" }, 2.5, 1)[0]).toBe("2001-01-03");
  });

  it("a results period longer than four years keeps its weekdays right across 29 Februaries", () => {
    const dates = resultsDates({ startMonth: "Jan", startDayOfWeek: "Tue" }, 1095, 1825); // the stroke model's run
    expect(dates).toHaveLength(1825);
    expect(dates.some((d) => d.endsWith("-02-29"))).toBe(true);
    expectCalendarDays(dates, WEEKDAYS[(1 + 1095) % 7]!);
  });

  it("unknown month names are refused", () => {
    expect(() => resultsDates({ startMonth: "April", startDayOfWeek: "Mon" }, 0, 1)).toThrow(RangeError);
  });
});

const dir = tempDirEachTest("pathflow-dates-");

describe("timeseries_daily.csv has a date and a unit column", () => {
  it("every row dated by its day, every metric with its catalogue unit", async () => {
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "10", "--warmup-days", "3", "--workers", "1", "--quiet", "--out", dir()]);
    expect(run.code, run.stderr).toBe(0);
    const path = join(dir(), "timeseries_daily.csv");
    expect(readFileSync(path, "utf8").split("\n")[0]).toBe("scenario,day,date,metric,unit,mean,p10,p90");
    const rows = readCsv(path);
    const dates = resultsDates({ startMonth: "Jan", startDayOfWeek: "Mon" }, 3, 10); // mmc.json: the defaults
    expect(dates[0]).toBe("2001-01-04");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r["date"]).toBe(dates[Number(r["day"]) - 1]);
      expect(r["unit"]).toBe(dailyMetricDefinition(r["metric"]!)!.unit);
    }
    expect(new Set(rows.map((r) => r["unit"]))).toEqual(new Set(["people"]));
  });
});
