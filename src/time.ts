/**
 * The simulation's time unit is the hour: the event calendar, every compiled duration and every
 * rate run in hours. Model files name their own units (`durationMin`, `losDays`,
 * `hoursPerWeek`), converted once when the model is compiled. The constants for those conversions
 * live here and nowhere else.
 */

export const MINUTES_PER_HOUR = 60;
export const HOURS_PER_DAY = 24;
export const DAYS_PER_WEEK = 7;
/** Also the length of a weekly profile of hourly rates (index 0 = Monday 00:00–01:00). */
export const HOURS_PER_WEEK = HOURS_PER_DAY * DAYS_PER_WEEK;
