/**
 * Real calendar dates for dated runs (`run.startDate`) and dated periods (winter escalation beds,
 * a new service from a date). Dates are whole days of the proleptic Gregorian calendar, counted as
 * days since 1970-01-01 ("epoch days"); a period runs from 00:00 on its first day to 24:00 on its
 * last. Pure arithmetic (Hinnant's days-from-civil), no Date objects and no time zones: a model's
 * dates are wall-clock dates wherever it runs.
 *
 * A date in a model file is written `YYYY-MM-DD` (that day once) or `MM-DD` (that day every year).
 */

/** Days since 1970-01-01 of year-month-day (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of the month of an epoch day. */
export function civilFromDays(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Day of the week of an epoch day, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** An epoch day as YYYY-MM-DD. */
export function isoDate(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A date as a model file writes it: one day (`YYYY-MM-DD`), or a day of every year (`MM-DD`). */
export type DateSpec = { readonly kind: "once"; readonly day: number } | { readonly kind: "yearly"; readonly month: number; readonly day: number };

/** The date `text` names, or why it names none. */
export function parseDate(text: string): DateSpec | { readonly error: string } {
  const full = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (full !== null) {
    const [year, month, day] = [Number(full[1]), Number(full[2]), Number(full[3])];
    const epochDay = daysFromCivil(year, month, day);
    const back = civilFromDays(epochDay);
    if (month < 1 || month > 12 || back.month !== month || back.day !== day) return { error: `${JSON.stringify(text)} is not a date of the calendar` };
    return { kind: "once", day: epochDay };
  }
  const yearly = /^(\d{2})-(\d{2})$/.exec(text);
  if (yearly !== null) {
    const [month, day] = [Number(yearly[1]), Number(yearly[2])];
    if (month === 2 && day === 29) return { error: `"02-29" falls only in leap years; a yearly date must fall every year (use 02-28 or 03-01)` };
    const back = civilFromDays(daysFromCivil(2001, month, day));
    if (month < 1 || month > 12 || back.month !== month || back.day !== day) return { error: `${JSON.stringify(text)} is not a day of the year` };
    return { kind: "yearly", month, day };
  }
  return { error: `${JSON.stringify(text)} is not a date: write YYYY-MM-DD (that day once) or MM-DD (that day every year)` };
}

/** The epoch day of an ISO date YYYY-MM-DD, or why it is not one (a yearly MM-DD is not). */
export function parseIsoDate(text: string): number | { readonly error: string } {
  const parsed = parseDate(text);
  if ("error" in parsed) return parsed;
  if (parsed.kind !== "once") return { error: `${JSON.stringify(text)} has no year: write YYYY-MM-DD` };
  return parsed.day;
}

/** A period from one date to another (both days included); without `to`, for ever from `from`. */
export interface DatedPeriod {
  readonly from: string;
  readonly to?: string | undefined;
}

/** What is wrong with a period's dates, or undefined; `key` names the field at fault. */
export function periodProblem(period: DatedPeriod): { key: "from" | "to"; message: string } | undefined {
  const from = parseDate(period.from);
  if ("error" in from) return { key: "from", message: from.error };
  if (period.to === undefined) {
    return from.kind === "yearly" ? { key: "to", message: `a yearly period (from ${JSON.stringify(period.from)}) needs its last day every year, to: "MM-DD"` } : undefined;
  }
  const to = parseDate(period.to);
  if ("error" in to) return { key: "to", message: to.error };
  if (from.kind !== to.kind) {
    return { key: "to", message: `from ${JSON.stringify(period.from)} and to ${JSON.stringify(period.to)} mix a dated day (YYYY-MM-DD) and a day of every year (MM-DD); write both the same way` };
  }
  if (from.kind === "once" && to.kind === "once" && to.day < from.day) {
    return { key: "to", message: `to ${period.to} is before from ${period.from}` };
  }
  return undefined;
}

/**
 * The days of a valid period within [first, end) epoch days, as ranges [start, stop) in order. A
 * yearly period whose last day comes before its first in the year runs over the new year (1 Dec to
 * 31 Mar); one whose last day is its first day's eve lasts a whole year.
 */
export function periodRanges(period: DatedPeriod, first: number, end: number): [number, number][] {
  const from = parseDate(period.from) as DateSpec;
  const out: [number, number][] = [];
  const clip = (a: number, b: number) => {
    const s = Math.max(a, first);
    const e = Math.min(b, end);
    if (s < e) out.push([s, e]);
  };
  if (from.kind === "once") {
    const stop = period.to === undefined ? Infinity : (parseDate(period.to) as { day: number }).day + 1;
    clip(from.day, stop);
    return out;
  }
  const to = parseDate(period.to!) as { kind: "yearly"; month: number; day: number };
  const wraps = to.month < from.month || (to.month === from.month && to.day < from.day);
  const firstYear = civilFromDays(first).year - 1;
  const lastYear = civilFromDays(Math.max(first, end - 1)).year;
  for (let year = firstYear; year <= lastYear; year++) {
    clip(daysFromCivil(year, from.month, from.day), daysFromCivil(wraps ? year + 1 : year, to.month, to.day) + 1);
  }
  return out;
}

/** The first day two valid periods share, or undefined when they share none (checked over every kind of year). */
export function firstSharedDay(a: DatedPeriod, b: DatedPeriod): number | undefined {
  // Yearly periods repeat every year, and a leap year only moves days after February: four years
  // from 2000 (a leap year) and the years of any dated day cover every case.
  const years = [2000, 2004];
  for (const p of [a, b]) {
    for (const text of [p.from, p.to]) {
      if (text === undefined) continue;
      const d = parseDate(text);
      if ("error" in d || d.kind !== "once") continue;
      const y = civilFromDays(d.day).year;
      years.push(y - 1, y + 2);
    }
  }
  const first = daysFromCivil(Math.min(...years), 1, 1);
  const end = daysFromCivil(Math.max(...years) + 1, 1, 1);
  let shared: number | undefined;
  for (const [s1, e1] of periodRanges(a, first, end)) {
    for (const [s2, e2] of periodRanges(b, first, end)) {
      const s = Math.max(s1, s2);
      if (s < Math.min(e1, e2) && (shared === undefined || s < shared)) shared = s;
    }
  }
  return shared;
}
