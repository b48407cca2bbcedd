/**
 * The tables an experiment's outputs hold, as plain rows: the CSV writers and the library API
 * share them, so what a researcher gets in TypeScript is exactly what a planner opens in a
 * spreadsheet. Values that cannot be computed (a CI from one replication) are null, never NaN.
 */
import { confidenceInterval, mser5, pairedDifference, summarise } from "./statistics.js";
import type { ExperimentResult, ReleaseMeasureName } from "./experiment.js";
import { MEASURE_NAMES, RELEASE_MEASURES } from "./release-measures.js";
import type { ResourceName } from "../pathway/ledger.js";
import { classKpiDefinition, dailyMetricDefinition, kpiUnit } from "../pathway/kpis.js";
import { resultsDates } from "../calendar.js";
import type { KpiSummaryRow, KpiByClassRow, KpiDifferenceRow, KpiValue, ReleaseRow, TimeseriesRow, FlowRow, WarmupVerdict } from "../types.js";
export type { KpiSummaryRow, KpiByClassRow, KpiDifferenceRow, ReleaseRow, TimeseriesRow, FlowRow, WarmupVerdict } from "../types.js";

/** The unit of a KPI, from the KPI catalogue (pathway/kpis.ts). */
export const unitOf = kpiUnit;

export const RESOURCE_UNITS: Record<ResourceName, string> = {
  ambulance_hours: "crew hours",
  ed_cubicle_hours: "cubicle hours",
  acute_bed_days: "bed-days",
  community_bed_days: "bed-days",
  homecare_hours: "care hours",
};

/** KPIs whose change is "released as flow", reported beside release accounting. */
export const FLOW_KPIS = [
  "ed_boarding_hours",
  "handover_hours_lost_over_15",
  "amb_c2_mean_min",
  "ed_4h_pct",
  "nctr_bed_days",
  "homecare_waiting_mean_people",
] as const;

const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** The values of the replications that observed a KPI (a null is a replication that observed nothing). */
function observed(values: readonly KpiValue[]): number[] {
  const out: number[] = [];
  for (const v of values) if (v !== null) out.push(v);
  return out;
}

/** The replications that observed a KPI in both runs, as two aligned lists. */
function observedPairs(a: readonly KpiValue[], b: readonly KpiValue[]): [number[], number[]] {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const u = a[i];
    const v = b[i];
    if (u === null || u === undefined || v === null || v === undefined) continue;
    x.push(u);
    y.push(v);
  }
  return [x, y];
}

export function kpiSummary(result: ExperimentResult): KpiSummaryRow[] {
  const rows: KpiSummaryRow[] = [];
  for (const scenario of result.scenarios) {
    for (const [kpi, values] of Object.entries(result.kpis[scenario] ?? {})) {
      const seen = observed(values);
      if (seen.length === 0) {
        rows.push({ scenario, kpi, unit: unitOf(kpi), mean: null, sd: null, ci_low: null, ci_high: null, p10: null, p50: null, p90: null, n_reps: 0 });
        continue;
      }
      const s = summarise(seen);
      rows.push({
        scenario,
        kpi,
        unit: unitOf(kpi),
        mean: s.mean,
        sd: finiteOrNull(s.sd),
        ci_low: finiteOrNull(s.ciLow),
        ci_high: finiteOrNull(s.ciHigh),
        p10: s.p10,
        p50: s.p50,
        p90: s.p90,
        n_reps: s.n,
      });
    }
  }
  return rows;
}

/** kpi_by_class.csv: each KPI by class (segment, acuity band, everyone) over the replications that had patients of that class. */
export function kpiByClass(result: ExperimentResult): KpiByClassRow[] {
  const rows: KpiByClassRow[] = [];
  for (const scenario of result.scenarios) {
    for (const c of result.byClass[scenario] ?? []) {
      const s = summarise(c.values);
      rows.push({
        scenario,
        kpi: c.kpi,
        unit: classKpiDefinition(c.kpi)?.unit ?? "",
        class_type: c.classType,
        class: c.className,
        mean: s.mean,
        ci_low: finiteOrNull(s.ciLow),
        ci_high: finiteOrNull(s.ciHigh),
        n_reps: s.n,
      });
    }
  }
  return rows;
}

export function kpiDifferences(result: ExperimentResult): KpiDifferenceRow[] {
  const rows: KpiDifferenceRow[] = [];
  for (const scenario of result.scenarios) {
    const reference = result.comparedWith[scenario] ?? result.baseline;
    if (scenario === reference) continue;
    const base = result.kpis[reference] ?? {};
    for (const [kpi, values] of Object.entries(result.kpis[scenario] ?? {})) {
      const b = base[kpi];
      if (b === undefined || b.length !== values.length || values.length === 0) continue;
      const [x, y] = observedPairs(values, b);
      if (x.length === 0) {
        rows.push({ scenario, baseline: reference, kpi, unit: unitOf(kpi), mean_diff: null, ci_low: null, ci_high: null, n_reps: 0 });
        continue;
      }
      const d = pairedDifference(x, y);
      rows.push({ scenario, baseline: reference, kpi, unit: unitOf(kpi), mean_diff: d.mean, ci_low: finiteOrNull(d.low), ci_high: finiteOrNull(d.high), n_reps: d.n });
    }
  }
  return rows;
}

/** How a scenario changes the system, as its release accounting shows it. */
export type ScenarioKind = "demand" | "capacity" | "mixed" | "other";

/** A scenario's kind: it avoids or adds patients (demand), adds or removes capacity, both, or neither. */
export function scenarioKind(result: ExperimentResult, scenario: string): ScenarioKind {
  const bySc = result.release[scenario] ?? {};
  const demand = Object.values(bySc).some((m) => m.expected.some((x) => x !== 0) || m.added.some((x) => x !== 0));
  const capacity = Object.values(result.capacityAdded[scenario] ?? {}).some((values) => values.some((x) => Math.abs(x) > 1e-9));
  return demand && capacity ? "mixed" : demand ? "demand" : capacity ? "capacity" : "other";
}

/** The measures that are always reported, and those reported only where they occur. */
const ALWAYS: readonly ReleaseMeasureName[] = ["expected", "spare", "drift", "unmet", "blocking", "unexplained"];

/**
 * Where a release ratio is printed: its denominator material (patients avoided used the resource
 * in every replication, at least one unit on average) and its interval informative (a 95% CI
 * narrower than 1, from two replications or more).
 */
export const RATIO_RULE = { minExpected: 1, maxCiWidth: 1 } as const;

/** Why a ratio is left out (null: it is reported). */
export function ratioProblem(expected: readonly number[], ratios: readonly number[]): string | null {
  if (expected.length === 0 || expected.every((x) => x === 0)) return "no patients avoided";
  if (ratios.length < expected.length) return "the avoided patients used none in some replications";
  if (interval(expected).mean < RATIO_RULE.minExpected) return "the expected release is too small to divide by";
  const r = interval(ratios);
  if (r.ci_low === null || r.ci_high === null) return "one replication: no interval";
  if (r.ci_high - r.ci_low > RATIO_RULE.maxCiWidth) return `its 95% CI is too wide to inform (${r.ci_low.toFixed(2)} to ${r.ci_high.toFixed(2)})`;
  return null;
}

/** Rows of one scenario's accounting for one resource (release.csv and drift_range.csv share them). */
export function measureRows(m: Record<ReleaseMeasureName, number[]>, capacity: readonly number[] | undefined): { measure: string; unit: "" | "ratio"; values: number[] }[] {
  const rows: { measure: string; unit: "" | "ratio"; values: number[] }[] = [];
  const added = capacity !== undefined && capacity.some((x) => Math.abs(x) > 1e-9);
  if (added) rows.push({ measure: "capacity_added", unit: "", values: [...capacity] });
  for (const name of RELEASE_MEASURES) {
    if (!ALWAYS.includes(name) && m[name].every((x) => x === 0)) continue;
    rows.push({ measure: MEASURE_NAMES[name], unit: "", values: m[name] });
  }
  // Capacity added and not used: what was added less the rise in use (spare is the fall in use).
  if (added) rows.push({ measure: "left_idle", unit: "", values: capacity.map((c, i) => c + (m.spare[i] ?? 0)) });
  const ratios = releaseRatios(m);
  if (ratioProblem(m.expected, ratios) === null) rows.push({ measure: "release_ratio", unit: "ratio", values: ratios });
  return rows;
}

/** Spare over expected, replication by replication where the expected release is above zero. */
export function releaseRatios(m: Record<ReleaseMeasureName, number[]>): number[] {
  return m.spare.map((s, i) => (m.expected[i]! > 0 ? s / m.expected[i]! : Number.NaN)).filter(Number.isFinite);
}

export function releaseTable(result: ExperimentResult): ReleaseRow[] {
  const rows: ReleaseRow[] = [];
  const resources = result.model.resources;
  for (const scenario of result.scenarios) {
    const bySc = result.release[scenario];
    const reference = result.comparedWith[scenario] ?? result.baseline;
    if (scenario === reference || bySc === undefined) continue;
    for (const resource of resources) {
      const m = bySc[resource];
      if (m === undefined) continue;
      const unit = RESOURCE_UNITS[resource];
      for (const row of measureRows(m, result.capacityAdded[scenario]?.[resource])) {
        rows.push({ scenario, baseline: reference, resource, unit: row.unit === "ratio" ? "ratio" : unit, measure: row.measure, ...interval(row.values) });
      }
    }
    // Released as flow: paired changes of the flow KPIs, beside the accounting.
    const base = result.kpis[reference] ?? {};
    const sc = result.kpis[scenario] ?? {};
    for (const kpi of FLOW_KPIS) {
      const a = sc[kpi];
      const b = base[kpi];
      if (a === undefined || b === undefined || a.length !== b.length) continue;
      const [x, y] = observedPairs(a, b);
      if (x.length === 0) continue;
      const d = pairedDifference(x, y);
      rows.push({ scenario, baseline: reference, resource: kpi, unit: unitOf(kpi), measure: "flow_change", mean: d.mean, ci_low: finiteOrNull(d.low), ci_high: finiteOrNull(d.high), n_reps: d.n });
    }
  }
  return rows;
}

/** drift_range.csv: per scenario, resource and drift strength, the like-for-like accounting. */
export interface DriftRangeRow {
  scenario: string;
  resource: string;
  unit: string;
  drift_strength: number;
  matched_intercept: number;
  intercept_source: string;
  baseline_occupancy_pct: number | null;
  occupancy_vs_model_points: number | null;
  expected: number;
  spare: number;
  drift: number;
  release_ratio: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

export function driftRangeTable(result: ExperimentResult): DriftRangeRow[] {
  const range = result.driftRange;
  if (range === undefined) return [];
  const rows: DriftRangeRow[] = [];
  const modelOccupancy = (result.kpis[result.baseline]?.["ga_occupancy_pct"] ?? []).filter((v): v is number => v !== null);
  for (const scenario of result.scenarios) {
    if (!range.scenarios.includes(scenario)) continue;
    for (const resource of result.model.resources) {
      for (const s of range.strengths) {
        const m = s.release[scenario]?.[resource];
        if (m === undefined) continue;
        const ratios = releaseRatios(m);
        const ok = ratioProblem(m.expected, ratios) === null;
        const r = interval(ratios);
        const occ = s.baselineOccupancy.length > 0 ? interval([...s.baselineOccupancy]).mean : null;
        const diff = s.baselineOccupancy.length === modelOccupancy.length && modelOccupancy.length > 0 ? pairedDifference([...s.baselineOccupancy], modelOccupancy).mean : null;
        rows.push({
          scenario,
          resource,
          unit: RESOURCE_UNITS[resource as ResourceName],
          drift_strength: s.b2,
          matched_intercept: s.b0,
          intercept_source: s.matched,
          baseline_occupancy_pct: occ,
          occupancy_vs_model_points: diff,
          expected: interval(m.expected).mean,
          spare: interval(m.spare).mean,
          drift: interval(m.drift).mean,
          release_ratio: ok ? r.mean : null,
          ci_low: ok ? r.ci_low : null,
          ci_high: ok ? r.ci_high : null,
          n_reps: m.expected.length,
        });
      }
    }
  }
  return rows;
}

/** decisions_flipped.csv: admission decisions a scenario flipped, by acuity band, per year of the results period. */
export interface FlippedRow {
  scenario: string;
  acuity_band: string;
  flip: string;
  per_year: number;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

export function flippedTable(result: ExperimentResult): FlippedRow[] {
  const rows: FlippedRow[] = [];
  const perYear = 365 / result.settings.days;
  for (const scenario of result.scenarios) {
    const f = result.flipped[scenario];
    if (f === undefined) continue;
    result.model.acuityBands.forEach((band, b) => {
      for (const [flip, values] of [["admitted_instead", f.admittedInstead[b] ?? []], ["not_admitted_instead", f.notAdmittedInstead[b] ?? []]] as const) {
        const ci = interval(values.map((x) => x * perYear));
        rows.push({ scenario, acuity_band: band, flip, per_year: ci.mean, ci_low: ci.ci_low, ci_high: ci.ci_high, n_reps: ci.n_reps });
      }
    });
  }
  return rows;
}

function interval(values: readonly number[]): { mean: number; ci_low: number | null; ci_high: number | null; n_reps: number } {
  if (values.length === 0) return { mean: 0, ci_low: null, ci_high: null, n_reps: 0 };
  const ci = confidenceInterval(values);
  return { mean: ci.mean, ci_low: finiteOrNull(ci.low), ci_high: finiteOrNull(ci.high), n_reps: ci.n };
}

export function timeseries(result: ExperimentResult): TimeseriesRow[] {
  const rows: TimeseriesRow[] = [];
  const n = Math.max(1, result.replications.completed);
  const length = Math.max(0, ...result.scenarios.flatMap((s) => Object.values(result.daily[s] ?? {}).map((acc) => acc.sum.length)));
  const dates = resultsDates(result.model.calendar, result.settings.warmupDays, length);
  for (const scenario of result.scenarios) {
    for (const [metric, acc] of Object.entries(result.daily[scenario] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const unit = dailyMetricDefinition(metric)?.unit ?? "";
      for (let d = 0; d < acc.sum.length; d++) {
        const t = acc.tallies[d]!;
        if (t.count === 0) continue;
        rows.push({ scenario, day: d + 1, date: dates[d]!, metric, unit, mean: acc.sum[d]! / n, p10: t.quantile(0.1), p90: t.quantile(0.9) });
      }
    }
  }
  return rows;
}

export function flows(result: ExperimentResult): FlowRow[] {
  const rows: FlowRow[] = [];
  const bands = result.model.acuityBands;
  for (const scenario of result.scenarios) {
    for (const [key, values] of Object.entries(result.flows[scenario] ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const [route, band] = key.split("|") as [string, string];
      const ci = interval(values);
      rows.push({ scenario, source: route, acuity_band: bands[Number(band)] ?? band, admissions_per_day: ci.mean, ci_low: ci.ci_low, ci_high: ci.ci_high });
    }
  }
  return rows;
}

/**
 * Admitted share of ED decisions in three coarse bed pressure bands (<95, 95-100, >100), per
 * scenario, for the first ED: raw shares, not case-mix adjusted. admission_decisions.csv holds the
 * acuity-adjusted view instead (admissionDecisions, experiment/group-tables.ts).
 */
export function admittedShareByPressure(result: ExperimentResult): { scenario: string; pressure: string; decisions: number; admitted_pct: number | null }[] {
  const rows: { scenario: string; pressure: string; decisions: number; admitted_pct: number | null }[] = [];
  for (const scenario of result.scenarios) {
    for (const [pressure, d] of Object.entries(result.decisionsByPressure[scenario] ?? {})) {
      rows.push({ scenario, pressure, decisions: d.decisions, admitted_pct: d.decisions > 0 ? (100 * d.admitted) / d.decisions : null });
    }
  }
  return rows;
}

/** One row per scenario × replication × KPI (the long layout of kpi_replications.csv). */
export function kpiReplicationRows(scenario: string, replication: number, kpis: Record<string, KpiValue>): [string, number, string, KpiValue][] {
  return Object.entries(kpis).map(([kpi, value]) => [scenario, replication, kpi, value]);
}

/** MSER-5 on the baseline's mean daily series; null when there are fewer than 10 days. */
export function warmupCheck(result: ExperimentResult): WarmupVerdict | null {
  const daily = result.daily[result.baseline];
  if (daily === undefined) return null;
  const metric = "ga_occupancy_pct" in daily ? "ga_occupancy_pct" : Object.keys(daily).sort()[0];
  if (metric === undefined) return null;
  const acc = daily[metric]!;
  const n = Math.max(1, result.replications.completed);
  const series = Array.from(acc.sum, (s) => s / n);
  if (series.length < 10) return null; // MSER-5 needs two batches of five at least
  const m = mser5(series);
  return { metric, truncateDays: m.truncatePoints, observedDays: series.length };
}
