/**
 * Calendar dates for results days (the `date` column of timeseries_daily.csv).
 *
 * A dated run (run.startDate or --start-date) has real dates: results day 1 is the start date.
 * Otherwise a model has no year. Its calendar starts at time 0 — the start of the warm-up — at 00:00 on the
 * 1st of `run.startMonth`, a `run.startDayOfWeek`, and its years have 365 days (no 29 February:
 * see random/arrivals.ts). Results day 1 starts `run.warmupDays` later; a whole number of days
 * later when the warm-up is a whole number of days, else the date is that of the model day in
 * which results day 1 starts.
 *
 * The date written for results day 1 has the model's month, day of the month and weekday, in a
 * nominal year: the first year from 2001 to 2028 in which that date falls on that weekday and no
 * 29 February falls within the results period. Later days count calendar days from there, so
 * every date agrees with the model's calendar (month and weekday) day by day. A results period
 * too long to fit between two 29 Februaries (more than about three years) takes the first year
 * from 2001 with the right weekday (each date falls on each weekday within 28 years): its
 * weekdays stay right, and after each 29 February its dates run one day behind the model's months.
 */
import { DAYS, MONTHS } from "./model/schema.js";
import { DAYS_PER_MONTH } from "./random/arrivals.js";
import { isoDate, parseIsoDate } from "./dates.js";
import type { ModelCalendar } from "./types.js";

const DAYS_PER_YEAR = 365;
const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;
/** Years tried for a nominal year: from 2001, one cycle of weekdays and leap years (28 years). */
const FIRST_YEAR = 2001;
const CYCLE_YEARS = 28;

/**
 * The ISO date (YYYY-MM-DD) of each results day 1 … `days`, for a run whose warm-up lasts
 * `warmupDays`. Throws RangeError for a month or weekday name the model schema would not accept.
 */
export function resultsDates(calendar: ModelCalendar, warmupDays: number, days: number): string[] {
  if (calendar.startDate !== undefined) {
    // A dated run: results day 1 is the start date, and every day after it a real calendar day.
    const first = parseIsoDate(calendar.startDate);
    if (typeof first !== "number") throw new RangeError(first.error);
    return Array.from({ length: Math.max(0, Math.ceil(days)) }, (_, i) => isoDate(first + i));
  }
  const month = (MONTHS as readonly string[]).indexOf(calendar.startMonth);
  const weekday = (DAYS as readonly string[]).indexOf(calendar.startDayOfWeek);
  if (month < 0 || weekday < 0) throw new RangeError(`unknown calendar start: ${calendar.startMonth}, ${calendar.startDayOfWeek}`);
  const offset = Math.floor(warmupDays);
  // Results day 1 in the model's calendar: day of the 365-day year, then month and day of the month.
  let dayOfYear = (DAYS_PER_MONTH.slice(0, month).reduce((a, b) => a + b, 0) + offset) % DAYS_PER_YEAR;
  let firstMonth = 0;
  while (dayOfYear >= DAYS_PER_MONTH[firstMonth]!) dayOfYear -= DAYS_PER_MONTH[firstMonth++]!;
  const firstWeekday = (weekday + offset) % 7;
  const count = Math.max(0, Math.ceil(days));
  const start = nominalStart(firstMonth, dayOfYear + 1, firstWeekday, count);
  return Array.from({ length: count }, (_, i) => new Date(start + i * MS_PER_DAY).toISOString().slice(0, 10));
}

/** UTC midnight of month/day (0-based month) in the first suitable year (see the module comment). */
function nominalStart(month: number, day: number, weekday: number, days: number): number {
  let fallback: number | null = null;
  for (let year = FIRST_YEAR; year < FIRST_YEAR + CYCLE_YEARS; year++) {
    const start = Date.UTC(year, month, day);
    if ((new Date(start).getUTCDay() + 6) % 7 !== weekday) continue;
    fallback ??= start;
    if (!hasLeapDay(start, days)) return start;
  }
  return fallback!;
}

/** Whether a 29 February falls within `days` days from `start`. */
function hasLeapDay(start: number, days: number): boolean {
  const end = start + (days - 1) * MS_PER_DAY;
  const first = new Date(start).getUTCFullYear();
  const last = new Date(end).getUTCFullYear();
  for (let year = first; year <= last; year++) {
    const leap = Date.UTC(year, 1, 29);
    if (new Date(leap).getUTCMonth() === 1 && leap >= start && leap <= end) return true;
  }
  return false;
}

/**
 * The instant (ms, read as UTC wall clock) of model time 0 — the start of the warm-up, at the
 * run's start hour — in the
 * nominal year resultsDates picks for the same run, so that a date-time written from a model time
 * (episodes.csv) agrees with the dates of timeseries_daily.csv and with the model's month and
 * weekday. Results day 1 is the model day in which the warm-up ends, at 00:00.
 */
export function modelTimeZeroMs(calendar: ModelCalendar, warmupDays: number, days: number): number {
  const first = resultsDates(calendar, warmupDays, Math.max(1, days))[0]!;
  return Date.parse(`${first}T00:00:00Z`) - Math.floor(warmupDays) * MS_PER_DAY + (calendar.startHour ?? 0) * MS_PER_HOUR;
}
