/**
 * How well the fitted admission rule describes the data, and the data themselves by acuity and
 * pressure: calibration by decile of predicted probability (with the Hosmer–Lemeshow statistic),
 * the AUC with DeLong's interval, and the admitted share by acuity band × pressure band.
 */
import { chiSquareUpperTail } from "../math/special.js";
import { Z_975 } from "./special.js";
import { DECISION_PRESSURE_BANDS } from "../pathway/decision-bands.js";

export interface CalibrationRow {
  readonly decile: number;
  readonly n: number;
  readonly admitted: number;
  readonly observedShare: number;
  readonly meanPredicted: number;
  readonly minPredicted: number;
  readonly maxPredicted: number;
}

/**
 * Rows ordered by predicted probability (ties by row order) and cut into ten groups of equal size
 * (±1); the Hosmer–Lemeshow statistic Σ (O − E)² / (E (1 − E/n)) on 8 degrees of freedom.
 */
export function calibrationByDecile(y: Uint8Array, predicted: Float64Array): { rows: CalibrationRow[]; hosmerLemeshow: { statistic: number; df: number; pValue: number } } {
  const n = y.length;
  const order = sortedOrder(predicted);
  const rows: CalibrationRow[] = [];
  let statistic = 0;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    if (to === from) continue;
    let admitted = 0;
    let expected = 0;
    for (let k = from; k < to; k++) {
      admitted += y[order[k]!]!;
      expected += predicted[order[k]!]!;
    }
    const size = to - from;
    rows.push({
      decile: d + 1,
      n: size,
      admitted,
      observedShare: admitted / size,
      meanPredicted: expected / size,
      minPredicted: predicted[order[from]!]!,
      maxPredicted: predicted[order[to - 1]!]!,
    });
    const variance = expected * (1 - expected / size);
    if (variance > 0) statistic += (admitted - expected) ** 2 / variance;
  }
  const df = Math.max(rows.length - 2, 1);
  return { rows, hosmerLemeshow: { statistic, df, pValue: chiSquareUpperTail(statistic, df) } };
}

/**
 * Area under the ROC curve with DeLong, DeLong & Clarke-Pearson's (1988) standard error (computed
 * by midranks, Sun & Xu 2014) and a normal-approximation 95% interval clipped to [0, 1]. Null
 * when every row has the same outcome.
 */
export function aucDeLong(y: Uint8Array, score: Float64Array): { estimate: number; low: number; high: number; se: number } | null {
  const n = y.length;
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < n; i++) (y[i] === 1 ? positives : negatives).push(score[i]!);
  const m = positives.length;
  const k = negatives.length;
  if (m === 0 || k === 0) return null;
  const all = midranks(Float64Array.from(score));
  const within1 = midranks(Float64Array.from(positives));
  const within0 = midranks(Float64Array.from(negatives));
  const v10: number[] = [];
  const v01: number[] = [];
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (y[i] === 1) v10.push((all[i]! - within1[p++]!) / k);
    else v01.push(1 - (all[i]! - within0[q++]!) / m);
  }
  const estimate = v10.reduce((a, b) => a + b, 0) / m;
  const se = Math.sqrt(variance(v10) / m + variance(v01) / k);
  return { estimate, se, low: Math.max(0, estimate - Z_975 * se), high: Math.min(1, estimate + Z_975 * se) };
}

function variance(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
}

/** Indices 0..n−1 ordered by value (stable). */
function sortedOrder(values: Float64Array): Int32Array {
  const order = Int32Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[a]! - values[b]! || a - b);
  return order;
}

/** Ranks 1..n of `values`, ties given their mean rank. */
function midranks(values: Float64Array): Float64Array {
  const order = sortedOrder(values);
  const ranks = new Float64Array(values.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    const rank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) ranks[order[t]!] = rank;
    i = j + 1;
  }
  return ranks;
}

/** Pressure bands, lower bound included, upper excluded: the simulator's admission_decisions.csv uses the same. */
const PRESSURE_BANDS = DECISION_PRESSURE_BANDS;

export interface ShareRow {
  /** A band number, or "all". */
  readonly acuityBand: number | "all";
  readonly pressureBand: string;
  readonly n: number;
  readonly admitted: number;
  /** Null for an empty cell (here and below). */
  readonly share: number | null;
  /** Wilson 95% interval of the share. */
  readonly low: number | null;
  readonly high: number | null;
  /** Mean fitted probability of the adjusted model in the cell. */
  readonly predicted: number | null;
  /** "all" rows only: the share directly standardised to the case mix of all attendances (null if a band is missing from the cell). */
  readonly standardised: number | null;
}

/** Admitted share by acuity band × pressure band, then by pressure band over all bands. */
export function sharesByAcuityAndPressure(band: Int32Array, bands: number, pressure: Float64Array, y: Uint8Array, predicted: Float64Array): ShareRow[] {
  const cells = PRESSURE_BANDS.length;
  const n = new Float64Array((bands + 1) * cells);
  const admitted = new Float64Array((bands + 1) * cells);
  const fitted = new Float64Array((bands + 1) * cells);
  const bandTotal = new Float64Array(bands + 1);
  for (let i = 0; i < y.length; i++) {
    const c = PRESSURE_BANDS.findIndex((b) => pressure[i]! >= b.low && pressure[i]! < b.high);
    for (const row of [band[i]!, 0]) {
      const at = row * cells + c;
      n[at] = n[at]! + 1;
      admitted[at] = admitted[at]! + y[i]!;
      fitted[at] = fitted[at]! + predicted[i]!;
    }
    bandTotal[band[i]!] = bandTotal[band[i]!]! + 1;
  }
  const rows: ShareRow[] = [];
  for (const row of [...Array.from({ length: bands }, (_, k) => k + 1), 0]) {
    PRESSURE_BANDS.forEach((pb, c) => {
      const count = n[row * cells + c]!;
      const yes = admitted[row * cells + c]!;
      const wilson = count > 0 ? wilsonInterval(yes, count) : null;
      let standardised: number | null = null;
      if (row === 0 && count > 0) {
        standardised = 0;
        for (let k = 1; k <= bands; k++) {
          const weight = bandTotal[k]! / y.length;
          if (weight === 0) continue;
          const m = n[k * cells + c]!;
          if (m === 0) {
            standardised = null;
            break;
          }
          standardised += (weight * admitted[k * cells + c]!) / m;
        }
      }
      rows.push({
        acuityBand: row === 0 ? "all" : row,
        pressureBand: pb.label,
        n: count,
        admitted: yes,
        share: count > 0 ? yes / count : null,
        low: wilson?.low ?? null,
        high: wilson?.high ?? null,
        predicted: count > 0 ? fitted[row * cells + c]! / count : null,
        standardised,
      });
    });
  }
  return rows;
}

function wilsonInterval(successes: number, n: number): { low: number; high: number } {
  const z = Z_975;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
