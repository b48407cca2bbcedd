/**
 * ED attendances drawn from a known admission rule, for the drift estimator's tests:
 *
 *   logit P(admit) = b0 + b1·band + b2·(pressure − 92) + hourEffect(hour) + winterEffect·[Dec–Feb]
 *
 * over one year (2023), arrival day uniform, hour of arrival from an ED-like daily profile.
 * Pressure, a property of the hour = 92 + a seasonal swing + a day level (sd 3 points) + a small
 * daily cycle + hourly noise (sd 1); each attendance takes its hour's. With `winter`, December–February bring more acute arrivals and `winterPressurePts` more
 * pressure: case mix and pressure move together by design.
 */
import type { EpisodeData } from "../../src/estimate/read.js";
import { createStream } from "../../src/random/streams.js";

export interface SyntheticOptions {
  readonly n: number;
  readonly seed: number;
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  /** Log-odds added at night (22:00–06:59); 0 = none. */
  readonly nightEffect?: number;
  /** Winter confounding: acute case mix and higher pressure in Dec–Feb. */
  readonly winter?: { readonly pressurePts: number; readonly logOdds: number };
}

const BAND_MIX = [0.15, 0.3, 0.3, 0.17, 0.08];
const WINTER_MIX = [0.06, 0.2, 0.32, 0.26, 0.16];
const HOUR_WEIGHT = [2, 1.6, 1.3, 1.1, 1, 1, 1.3, 2, 3.4, 4.6, 5.2, 5.3, 5.2, 5.1, 5, 4.9, 4.8, 4.7, 4.5, 4.2, 3.8, 3.4, 3, 2.5];
const DAYS = 365;
const START = Date.UTC(2023, 0, 1);

export interface Synthetic {
  readonly data: EpisodeData;
  /** The b0 the estimator should recover: b0 plus the attendance-weighted mean of the calendar effects in this sample. */
  readonly b0Target: number;
  /** Arrival times (2023, read as naive wall-clock times) and the pressure of each hour of the year from 2023-01-01T00:00. */
  readonly arrivalMs: Float64Array;
  readonly occupancyByHour: Float64Array;
}

export const SYNTHETIC_START_MS = START;

/** The episodes as the CSV `estimate-drift` reads, with pressure in a column or (withPressure false) without it. */
export function episodesCsv(s: Synthetic, withPressure: boolean): string {
  const lines = [withPressure ? "arrival,acuity,admitted,pressure_pct" : "arrival,acuity,admitted"];
  for (let i = 0; i < s.data.n; i++) {
    const arrival = new Date(s.arrivalMs[i]!).toISOString().slice(0, 16);
    lines.push(`${arrival},${s.data.band[i]},${s.data.admitted[i]}${withPressure ? `,${s.data.pressurePct[i]!.toFixed(3)}` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The hourly occupancy file for `s`. */
export function occupancyCsv(s: Synthetic): string {
  const lines = ["hour,occupancy_pct"];
  s.occupancyByHour.forEach((u, k) => lines.push(`${new Date(START + k * 3_600_000).toISOString().slice(0, 13)}:00,${u.toFixed(3)}`));
  return `${lines.join("\n")}\n`;
}

export function syntheticEpisodes(o: SyntheticOptions): Synthetic {
  const random = createStream(o.seed, 0, "synthetic-episodes");
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random.double())) * Math.cos(2 * Math.PI * random.double());
  const pick = (weights: readonly number[]): number => {
    const total = weights.reduce((a, b) => a + b, 0);
    let u = random.double() * total;
    for (let k = 0; k < weights.length; k++) {
      u -= weights[k]!;
      if (u < 0) return k;
    }
    return weights.length - 1;
  };
  const dayLevel = Array.from({ length: DAYS }, () => 3 * normal());
  // Pressure of each hour of the year (winter adds its points at the hour, so the file and the episodes agree).
  const occupancyByHour = Float64Array.from({ length: DAYS * 24 }, (_, k) => {
    const day = Math.floor(k / 24);
    const h = k % 24;
    const m = new Date(START + day * 86_400_000).getUTCMonth();
    const winter = o.winter !== undefined && (m === 11 || m <= 1);
    const season = 2 * Math.cos((2 * Math.PI * (m - 0.5)) / 12) + (winter ? o.winter!.pressurePts : 0);
    return 92 + season + dayLevel[day]! + 1.5 * Math.sin((2 * Math.PI * (h - 8)) / 24) + normal();
  });
  const arrivalMs = new Float64Array(o.n);
  const band = new Int32Array(o.n);
  const admitted = new Uint8Array(o.n);
  const pressurePct = new Float64Array(o.n);
  const hour = new Int32Array(o.n);
  const weekday = new Int32Array(o.n);
  const month = new Int32Array(o.n);
  let calendarSum = 0;
  for (let i = 0; i < o.n; i++) {
    const day = Math.floor(random.double() * DAYS);
    const date = new Date(START + day * 86_400_000);
    const m = date.getUTCMonth();
    const winter = o.winter !== undefined && (m === 11 || m <= 1);
    const h = pick(HOUR_WEIGHT);
    const b = pick(winter ? WINTER_MIX : BAND_MIX) + 1;
    const u = occupancyByHour[day * 24 + h]!;
    arrivalMs[i] = START + day * 86_400_000 + h * 3_600_000 + Math.floor(random.double() * 60) * 60_000;
    const calendar = (h >= 22 || h < 7 ? (o.nightEffect ?? 0) : 0) + (winter ? o.winter!.logOdds : 0);
    const logit = o.b0 + o.b1 * b + o.b2 * (u - 92) + calendar;
    calendarSum += calendar;
    band[i] = b;
    admitted[i] = random.double() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    pressurePct[i] = u;
    hour[i] = h;
    weekday[i] = (date.getUTCDay() + 6) % 7;
    month[i] = m;
  }
  return { data: { n: o.n, band, admitted, pressurePct, hour, weekday, month, bands: 5 }, b0Target: o.b0 + calendarSum / o.n, arrivalMs, occupancyByHour };
}
