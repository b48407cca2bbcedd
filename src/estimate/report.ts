/**
 * What `pathflow estimate-drift` writes: estimate.json (everything, with its methods named), two
 * CSVs (calibration by decile; admitted share by acuity × pressure band), drift_patch.json (a
 * scenario a model file can take as it is) and the summary printed on stdout.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { toCsv } from "../io/csv.js";
import { VERSION } from "../version.js";
import type { Coefficient, DriftEstimate } from "./estimate.js";
import type { InputSummary } from "./read.js";

export const PRESSURE_SIGNALS = {
  ward: "occupancy of the admitting ward (G&A beds, boarders included as the model counts them)",
  ed: "ED crowding (occupancy of ED cubicles, boarders included)",
  mix: "a weighted mix of admitting-ward occupancy and ED crowding",
} as const;
export type PressureSignal = keyof typeof PRESSURE_SIGNALS;

export interface ReportContext {
  readonly inputs: InputSummary;
  readonly pressureSignal: PressureSignal;
  /** ED node whose admission rule the patch sets. */
  readonly edNode: string;
  /** Also patch b0, b1 and the reference pressure, not only b2. */
  readonly patchAll: boolean;
}

type Estimated = Extract<DriftEstimate, { status: "estimated" }>;

export const FILES = {
  estimate: "estimate.json",
  calibration: "calibration_deciles.csv",
  shares: "admitted_share_by_acuity_pressure.csv",
  patch: "drift_patch.json",
} as const;

/** Writes the four files into `dir` (each atomically); returns their paths. */
export async function writeEstimate(dir: string, e: Estimated, context: ReportContext): Promise<string[]> {
  const files: Array<[string, string]> = [
    [FILES.estimate, `${JSON.stringify(estimateJson(e, context), null, 2)}\n`],
    [
      FILES.calibration,
      toCsv(
        ["decile", "n", "admitted", "observed_share", "mean_predicted", "min_predicted", "max_predicted"],
        e.calibration.map((r) => [r.decile, r.n, r.admitted, r.observedShare, r.meanPredicted, r.minPredicted, r.maxPredicted]),
      ),
    ],
    [
      FILES.shares,
      toCsv(
        ["acuity_band", "pressure_band_pct", "n", "admitted", "admitted_share", "ci_low", "ci_high", "predicted_share", "standardised_share"],
        e.shares.map((r) => [r.acuityBand, r.pressureBand, r.n, r.admitted, r.share, r.low, r.high, r.predicted, r.standardised]),
      ),
    ],
    [FILES.patch, `${JSON.stringify(patch(e, context), null, 2)}\n`],
  ];
  for (const [name, text] of files) await writeFileAtomic(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

/** The drift range for release accounting: b2 at its interval's ends and its estimate (low ≤ estimate ≤ high; more negative = stronger drift). */
export function driftRange(e: Estimated): { low: number; estimate: number; high: number } {
  const b2 = e.coefficients.b2PerPressurePoint;
  return { low: b2.low, estimate: b2.estimate, high: b2.high };
}

function estimateJson(e: Estimated, c: ReportContext): unknown {
  const { inputs } = c;
  return {
    pathflowVersion: VERSION,
    method: {
      model: "logit P(admit) = b0 + b1·band + b2·(pressure − reference) + calendar factors",
      estimation: "maximum likelihood, Newton–Raphson (IRLS) with step halving; separation checked before and after fitting",
      calendarFactors: e.adjust,
      calendarCoding: "weighted effect coding: each level's effect is its deviation from the attendance-weighted mean, so b0 is the intercept of an attendance of average calendar",
      intervals: "95%: b2 by profile likelihood (Wald if the profile cannot be traced; see coefficients.b2PerPressurePoint.ciMethod), other coefficients by Wald",
      testOfB2Zero: "likelihood ratio against the same model without pressure, chi-square on 1 df",
      linearity: "likelihood ratio of a coefficient per observed band against the straight line in band",
      naive: "logit P(admit) = a + b·(pressure − reference), nothing else (Wald interval)",
      auc: "DeLong, DeLong & Clarke-Pearson (1988) standard error, normal approximation, in-sample",
      calibration: "ten groups of equal size by fitted probability; Hosmer–Lemeshow statistic on 8 df",
      pressureJoin:
        inputs.pressureFrom === "occupancy file"
          ? `each attendance takes the occupancy of the hour that contains arrival + ${inputs.decisionLagMin} min${inputs.decisionLagMin === 0 ? " (the hour of arrival)" : ""}; times joined as ${inputs.timeConvention}`
          : "pressure at decision from the episodes' pressure_pct column",
    },
    inputs: {
      episodes: inputs.episodes,
      ...(inputs.where.length === 0 ? {} : { where: inputs.where, selectedRows: inputs.selectedRows }),
      occupancy: inputs.occupancy,
      pressureFrom: inputs.pressureFrom,
      pressureSignal: c.pressureSignal,
      pressureSignalMeans: PRESSURE_SIGNALS[c.pressureSignal],
      referencePressurePct: e.referencePct,
      acuityBands: inputs.bands,
      acuityMap: inputs.acuityMap,
      decisionLagMin: inputs.pressureFrom === "occupancy file" ? inputs.decisionLagMin : null,
      timeConvention: inputs.timeConvention,
    },
    n: { attendances: e.n, admitted: e.admitted, parameters: e.fit.parameters },
    coefficients: e.coefficients,
    testB2Zero: e.testB2Zero,
    linearity: e.linearity,
    naive: e.naive,
    driftRange: { b2PerOccupancyPoint: driftRange(e), pressureSignal: c.pressureSignal, from: "the 95% interval of b2 (low ≤ estimate ≤ high; more negative = stronger drift)" },
    fit: { status: "converged", ...e.fit, calibrationFile: FILES.calibration, sharesFile: FILES.shares },
    calendarEffects: e.calendar,
    patchFile: FILES.patch,
  };
}

function patch(e: Estimated, c: ReportContext): unknown {
  const b = e.coefficients;
  const at = `nodes.${c.edNode}.admission`;
  const cite = `pathflow estimate-drift on ${c.inputs.episodes.file} (${e.n} attendances, pressure = ${c.pressureSignal}, adjusted for acuity band${e.adjust.length > 0 ? ` and ${e.adjust.join(", ")}` : ""})`;
  const signalNote = c.pressureSignal === "ward" ? "" : ` Measured against ${PRESSURE_SIGNALS[c.pressureSignal]}: set the model's pressure signal to match.`;
  const changes: Array<{ path: string; set: number; why: string }> = [
    {
      path: `${at}.b2PerOccupancyPoint`,
      set: round(b.b2PerPressurePoint.estimate),
      why: `${cite}: b2 = ${interval(b.b2PerPressurePoint, 4)}; likelihood-ratio test of b2 = 0: ${pValue(e.testB2Zero.pValue)}.${signalNote}`,
    },
  ];
  if (c.patchAll) {
    changes.push(
      { path: `${at}.b0`, set: round(b.b0.estimate), why: `${cite}: b0 = ${interval(b.b0, 3)} (intercept of an attendance of average calendar).` },
      { path: `${at}.b1PerAcuityBand`, set: round(b.b1PerAcuityBand.estimate), why: `${cite}: b1 = ${interval(b.b1PerAcuityBand, 3)} per band of ${c.inputs.bands}.` },
      { path: `${at}.referenceOccupancyPct`, set: e.referencePct, why: "The reference pressure the estimate was made at (b0 depends on it)." },
    );
  }
  return {
    description: `Acuity drift as measured in local ED episodes: b2 = ${interval(b.b2PerPressurePoint, 4)} per pressure point.`,
    changes,
  };
}

/** The summary for stdout. */
export function summary(e: Estimated, c: ReportContext, files: readonly string[]): string {
  const b = e.coefficients;
  const lines: string[] = [];
  const pressureFrom = c.inputs.pressureFrom === "occupancy file" ? `from ${c.inputs.occupancy?.file ?? "the occupancy file"}, ${c.inputs.decisionLagMin === 0 ? "hour of arrival" : `arrival + ${c.inputs.decisionLagMin} min`}` : "pressure_pct column";
  lines.push(`estimate-drift: ${e.n} attendances, ${e.admitted} admitted (${pct(e.admitted / e.n)}), ${c.inputs.bands} acuity bands; pressure = ${c.pressureSignal} (${pressureFrom}), reference ${e.referencePct}%.`);
  lines.push(`Adjusted for acuity band${e.adjust.length > 0 ? ` and ${e.adjust.join(", ")}` : " only (no calendar terms)"}; ${e.fit.parameters} parameters.`);
  lines.push("");
  lines.push(`Drift  b2 = ${interval(b.b2PerPressurePoint, 4)} per pressure point (95% CI, ${b.b2PerPressurePoint.ciMethod})`);
  lines.push(`       likelihood-ratio test of b2 = 0: chi-square ${e.testB2Zero.statistic.toFixed(2)} on 1 df, ${pValue(e.testB2Zero.pValue)}`);
  const naive = e.naive.b2PerPressurePoint;
  lines.push(`       naive (pressure only): ${interval(naive, 4)} (Wald) — differs from the adjusted estimate by ${signed(e.naive.biasVsAdjusted, 4)}`);
  lines.push(`Acuity b1 = ${interval(b.b1PerAcuityBand, 3)} per band (Wald)`);
  if (e.linearity.status === "tested") {
    const l = e.linearity;
    lines.push(`       straight line in band ${l.holds ? "holds" : "REJECTED"}: chi-square ${l.statistic.toFixed(2)} on ${l.df} df, ${pValue(l.pValue)}; with a coefficient per band b2 = ${interval(l.b2PerPressurePoint, 4)} (Wald)`);
  } else lines.push(`       straight line in band not tested: ${e.linearity.reason}`);
  lines.push(`       b0 = ${interval(b.b0, 3)} (Wald; intercept at band 0, reference pressure, average calendar)`);
  const auc = e.fit.auc;
  const worst = Math.max(...e.calibration.map((r) => Math.abs(r.observedShare - r.meanPredicted)));
  lines.push(`Fit    AUC ${auc === null ? "n/a" : `${auc.estimate.toFixed(3)} [${auc.low.toFixed(3)}, ${auc.high.toFixed(3)}] (DeLong)`}; calibration by decile: largest gap ${(100 * worst).toFixed(1)} points; Hosmer–Lemeshow chi-square ${e.fit.hosmerLemeshow.statistic.toFixed(1)} on ${e.fit.hosmerLemeshow.df} df, ${pValue(e.fit.hosmerLemeshow.pValue)}`);
  lines.push("");
  lines.push("Admitted share by pressure band (all bands; standardised to the overall acuity mix):");
  for (const r of e.shares.filter((s) => s.acuityBand === "all")) {
    if (r.n === 0) continue;
    lines.push(`  ${r.pressureBand.padEnd(8)} ${String(r.n).padStart(8)} attendances  ${pct(r.share!)}${r.standardised === null ? "" : `  standardised ${pct(r.standardised)}`}`);
  }
  const range = driftRange(e);
  lines.push("");
  lines.push(`Drift range for release accounting: b2 in {${fixed(range.high, 4)}, ${fixed(range.estimate, 4)}, ${fixed(range.low, 4)}} (weakest to strongest)`);
  lines.push(`Files: ${files.join(", ")}`);
  return `${lines.join("\n")}\n`;
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

function signed(x: number, digits: number): string {
  const text = fixed(x, digits);
  return text.startsWith("-") ? text : `+${text}`;
}

function interval(c: Coefficient, digits: number): string {
  return `${fixed(c.estimate, digits)} [${fixed(c.low, digits)}, ${fixed(c.high, digits)}]`;
}

function pct(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** "p = 0.12", "p < 0.0001". */
function pValue(p: number): string {
  return p < 0.0001 ? "p < 0.0001" : `p = ${p.toPrecision(2)}`;
}
