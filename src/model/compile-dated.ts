/**
 * Compiling the dated parts of a model (run.startDate, dated capacity periods, dated demand) into
 * tables over the run's horizon: a dated run places time 0 on a real calendar day, so months have
 * their real lengths, leap years their 29 February, and periods written MM-DD recur every year.
 *
 * Time 0 is `startHour` on the day `warmupDays` before run.startDate; the calendar day of model
 * time t (hours) is floor((t + startHour) / 24) days after that day. Tables cover every calendar
 * day the run can reach (warm-up and results period) and hold their last value beyond it.
 */
import { civilFromDays, parseIsoDate, periodRanges, weekdayOf, type DatedPeriod } from "../dates.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import type { CompiledCapacity } from "./compiled.js";
import type { ModelSpec } from "./schema.js";

/** A dated period of a capacity: add to it, or set it. */
export type DatedCapacity = DatedPeriod & { readonly add?: number | undefined; readonly set?: number | undefined };

/** How long a run lasts: what a dated model needs to place time 0 and size its tables. */
export interface RunTiming {
  readonly warmupDays: number;
  readonly days: number;
}

/** Where a dated run's time 0 falls and how many calendar days it spans. */
export interface Dating {
  /** Calendar day of time 0, days since 1970-01-01. */
  readonly epochDay0: number;
  /** Hour of the day at time 0. */
  readonly startHour: number;
  /** Calendar days from epochDay0 that the run reaches (warm-up and results, and a day to spare). */
  readonly days: number;
}

/** The dating of a model with run.startDate (timed by `timing`, default its own run settings), or null for a model without one. */
export function datingOf(spec: Pick<ModelSpec, "run">, given: RunTiming | undefined): Dating | null {
  const text = spec.run.startDate;
  if (text === undefined) return null;
  const start = parseIsoDate(text);
  if (typeof start !== "number") throw new Error(`run.startDate ${text} was not validated`);
  const timing = given ?? spec.run;
  if (!Number.isInteger(timing.warmupDays)) throw new Error(`a dated run needs a whole-day warm-up, got ${timing.warmupDays}`);
  const startHour = spec.run.startHour ?? 0;
  const hours = startHour + (timing.warmupDays + timing.days) * HOURS_PER_DAY;
  return { epochDay0: start - timing.warmupDays, startHour, days: Math.ceil(hours / HOURS_PER_DAY) + 1 };
}

/** Weekday (0 = Monday) and month (0 = January) of time 0 in a dated run. */
export function startOf(dating: Dating): { dayOfWeek: number; month: number } {
  return { dayOfWeek: weekdayOf(dating.epochDay0), month: civilFromDays(dating.epochDay0).month - 1 };
}

/** The monthly multiplier on each calendar day of the run (real month lengths). */
export function monthFactorByDay(monthMultiplier: readonly number[], dating: Dating): Float64Array {
  const out = new Float64Array(dating.days);
  for (let i = 0; i < dating.days; i++) out[i] = monthMultiplier[civilFromDays(dating.epochDay0 + i).month - 1]!;
  return out;
}

/** The product of the multipliers of the periods that hold on each calendar day of the run. */
export function multiplierByDay(periods: readonly (DatedPeriod & { readonly multiplier: number })[], dating: Dating): Float64Array {
  const out = new Float64Array(dating.days).fill(1);
  for (const period of periods) {
    for (const [from, to] of periodRanges(period, dating.epochDay0, dating.epochDay0 + dating.days)) {
      for (let d = from; d < to; d++) out[d - dating.epochDay0]! *= period.multiplier;
    }
  }
  return out;
}

/**
 * A capacity with dated periods over its fixed value or weekly calendar (`base`, compiled for the
 * run's start), as one calendar over the whole horizon: in a period with `set` the capacity is
 * that value instead of the base, every `add` that holds adds to it, and it never goes below 0.
 * `resultsFrom` (hours) starts the window of the reported mean.
 */
export function datedCapacity(base: CompiledCapacity, periods: readonly DatedCapacity[], dating: Dating, resultsFrom: number): CompiledCapacity {
  const horizon = dating.days * HOURS_PER_DAY - dating.startHour;
  const hourOf = (epochDay: number) => (epochDay - dating.epochDay0) * HOURS_PER_DAY - dating.startHour;
  const breaks = new Set<number>([0]);
  if (base.kind === "calendar") {
    const { times } = base.calendar;
    for (let week = 0; week * HOURS_PER_WEEK < horizon; week++) for (const t of times) if (week * HOURS_PER_WEEK + t < horizon) breaks.add(week * HOURS_PER_WEEK + t);
  }
  const spans = periods.map((period) =>
    periodRanges(period, dating.epochDay0, dating.epochDay0 + dating.days).map(([from, to]) => {
      const span: [number, number] = [Math.max(0, hourOf(from)), Math.min(horizon, hourOf(to))];
      if (span[0] < horizon) breaks.add(span[0]);
      if (span[1] < horizon) breaks.add(span[1]);
      return span;
    }),
  );
  const baseAt = (t: number): number => {
    if (base.kind === "fixed") return base.value;
    const { times, capacities } = base.calendar;
    const offset = t % HOURS_PER_WEEK;
    let i = 0;
    while (i + 1 < times.length && times[i + 1]! <= offset) i++;
    return capacities[i]!;
  };
  const times: number[] = [];
  const capacities: number[] = [];
  for (const t of [...breaks].sort((a, b) => a - b)) {
    let value = baseAt(t);
    let added = 0;
    periods.forEach((period, j) => {
      if (!spans[j]!.some(([from, to]) => from <= t && t < to)) return;
      if (period.set !== undefined) value = period.set;
      added += period.add ?? 0;
    });
    value = Math.max(0, value + added);
    if (capacities.length > 0 && capacities[capacities.length - 1] === value) continue;
    times.push(t);
    capacities.push(value);
  }
  // Time-weighted mean over the results period, for reports.
  let area = 0;
  let span = 0;
  for (let i = 0; i < times.length; i++) {
    const from = Math.max(times[i]!, resultsFrom);
    const to = times[i + 1] ?? horizon;
    if (to > from) {
      area += capacities[i]! * (to - from);
      span += to - from;
    }
  }
  return { kind: "calendar", calendar: { period: horizon, times, capacities }, mean: span > 0 ? area / span : capacities[0]!, dated: true };
}
