/** A weekly arrival profile with a daily and a weekly pattern, and a way to collect arrivals, for the arrivals tests. */
import type { ArrivalProcess } from "../../src/random/arrivals.js";
import type { RandomStream } from "../../src/random/streams.js";

export const MINUTES_PER_HOUR = 60;
/** Arrivals per hour by hour of day; zero from 02:00 to 05:00. */
const HOUR_OF_DAY = [1, 0.6, 0, 0, 0, 0.5, 1, 2, 4, 6, 7, 7, 6.5, 6, 6, 5.5, 5.5, 5, 5, 4.5, 4, 3, 2, 1.5];
/** Factor by day of week, Monday first. */
const DAY_OF_WEEK = [1.2, 1, 1, 1, 1.1, 0.7, 0.6];
/** Arrivals per hour for each hour of the week, Monday 00:00 first. */
export const WEEKLY = Float64Array.from({ length: 168 }, (_, h) => HOUR_OF_DAY[h % 24]! * DAY_OF_WEEK[Math.floor(h / 24)]!);
export const WEEKLY_TOTAL = WEEKLY.reduce((a, b) => a + b, 0);

/** Every arrival in [0, horizon). */
export function arrivalsUntil(process: ArrivalProcess, rng: RandomStream, horizon: number): number[] {
  const times: number[] = [];
  for (let t = process.next(0, rng); t < horizon; t = process.next(t, rng)) times.push(t);
  return times;
}
