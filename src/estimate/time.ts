/**
 * ISO 8601 date-times as they appear in hospital extracts: `2024-01-15T08:32`, `2024-01-15 08:32:10`,
 * `2024-01-15T08:32:10.5`, each optionally with a UTC offset (`Z`, `+01:00`, `+0100`, `+01`).
 *
 * Two readings of one value:
 * - the wall clock as written (hour of day, weekday, month): the calendar the estimator adjusts for;
 * - an instant for joining episodes to occupancy hours: with an offset, the true instant; without
 *   one, the wall clock read as if it were UTC. A file must use one convention throughout, and the
 *   two files the same one (checked by the reader), so naive local times join wall clock to wall
 *   clock and offset times join instant to instant (which survives the repeated hour in October).
 */

export interface DateTime {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  /** 0..23 */
  readonly hour: number;
  readonly minute: number;
  /** Seconds, fraction included. */
  readonly second: number;
  /** Minutes east of UTC, or null when the value has no offset. */
  readonly offsetMin: number | null;
  /** Milliseconds since 1970-01-01T00:00Z of the instant (see the module comment for values without an offset). */
  readonly instantMs: number;
  /** 0 = Monday … 6 = Sunday, of the date as written. */
  readonly weekday: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The date-time `text` means, or why it is not one. */
export function parseDateTime(text: string): { ok: true; value: DateTime } | { ok: false; reason: string } {
  const m = PATTERN.exec(text);
  if (m === null) return { ok: false, reason: "expected an ISO 8601 date-time such as 2024-01-15T08:30 or 2024-01-15 08:30:00" };
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const whole = m[6] === undefined ? 0 : Number(m[6]);
  const second = whole + (m[7] === undefined ? 0 : Number(`0.${m[7]}`));
  if (year < 1900) return { ok: false, reason: "the year must be 1900 or later" };
  if (month < 1 || month > 12) return { ok: false, reason: `there is no month ${month}` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { ok: false, reason: `there is no day ${day} in ${year}-${String(month).padStart(2, "0")} (it has ${days} days)` };
  if (hour > 23) return { ok: false, reason: `there is no hour ${hour} (0 to 23)` };
  if (minute > 59) return { ok: false, reason: `there is no minute ${minute} (0 to 59)` };
  if (whole > 59) return { ok: false, reason: `there is no second ${whole} (0 to 59)` };
  let offsetMin: number | null = null;
  const zone = m[8];
  if (zone !== undefined) {
    if (zone.toUpperCase() === "Z") offsetMin = 0;
    else {
      const digits = zone.slice(1).replace(":", "");
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (oh > 14 || om > 59) return { ok: false, reason: `the UTC offset ${zone} is not a real one` };
      offsetMin = (zone[0] === "-" ? -1 : 1) * (oh * 60 + om);
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, 0) + second * 1000;
  const instantMs = wall - (offsetMin ?? 0) * 60_000;
  // Date.UTC's day 0 is a Sunday-based week; Monday = 0 here.
  const weekday = (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
  return { ok: true, value: { year, month, day, hour, minute, second, offsetMin, instantMs, weekday } };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An instant (or a naive wall-clock time read as UTC) as `2024-01-15T08:00`, with `Z` when `withZone`. */
export function formatInstant(ms: number, withZone: boolean): string {
  const text = new Date(ms).toISOString().slice(0, 16);
  return withZone ? `${text}Z` : text;
}
