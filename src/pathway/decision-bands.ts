/**
 * The pressure banding of admission decisions, shared by the simulator's admission_decisions.csv
 * and the estimate command's drift diagnostics, so that a model's output and an ICS's own data
 * are read in the same bands: <90, 90–95, 95–100, 100–105 and ≥105% of beds occupied (lower bound
 * included, upper excluded). Blom 2014's extreme band is >105%; here 105 itself belongs to it.
 *
 * DecisionCells counts ED decisions and admissions per (acuity band, pressure band) in typed
 * arrays sized once per replication: no allocation per decision.
 */

/** Pressure bands, lower bound included, upper excluded, in output order. */
export const DECISION_PRESSURE_BANDS = [
  { label: "<90", low: -Infinity, high: 90 },
  { label: "90-95", low: 90, high: 95 },
  { label: "95-100", low: 95, high: 100 },
  { label: "100-105", low: 100, high: 105 },
  { label: ">=105", low: 105, high: Infinity },
] as const;

/** Number of pressure bands. */
export const NP = DECISION_PRESSURE_BANDS.length;

/** The band of a pressure in % (an index into DECISION_PRESSURE_BANDS). */
export function decisionPressureBand(pressure: number): number {
  return pressure < 90 ? 0 : pressure < 95 ? 1 : pressure < 100 ? 2 : pressure < 105 ? 3 : 4;
}

/**
 * ED decisions and admissions of one replication (results period, every ED) per acuity band ×
 * pressure band: `counts[(band × NP + pressureBand) × 2]` decisions, `+ 1` admissions.
 */
export class DecisionCells {
  readonly counts: Float64Array;

  constructor(readonly bands: number) {
    this.counts = new Float64Array(bands * NP * 2);
  }

  /** One decision of a patient in acuity band `band` (0 = least acute) at `pressure` %. */
  count(band: number, pressure: number, admitted: boolean): void {
    const i = (band * NP + decisionPressureBand(pressure)) * 2;
    this.counts[i] = this.counts[i]! + 1;
    if (admitted) this.counts[i + 1] = this.counts[i + 1]! + 1;
  }
}
