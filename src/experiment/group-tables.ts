/**
 * The tables that show drift and patient groups (admission_decisions.csv and segments.csv), as
 * plain rows shared by the CSV writer and the library API. Values that cannot be computed are
 * null, never NaN.
 *
 * Shares and relative changes are ratios of totals over replications (Σ admitted ÷ Σ decisions),
 * not means of per-replication ratios: a replication with few decisions in a cell weighs as
 * little as it should. Their 95% intervals treat the replication as the independent unit
 * (linearised ratio estimator: residuals num_r − R·den_r per replication, a t-interval with
 * n − 1 degrees of freedom); a sum of weighted ratios (the standardised share) is linearised the
 * same way, its weights held fixed.
 */
import { DECISION_PRESSURE_BANDS, NP } from "../pathway/decision-bands.js";
import { GROUP_MEASURES } from "../pathway/groups.js";
import { confidenceInterval, pairedDifference, sampleSd, studentTQuantile } from "./statistics.js";
import type { DecisionCounts, ExperimentResult, SegmentCounts } from "../types.js";
import type { AdmissionDecisionRow, SegmentRow } from "../types.js";
export type { AdmissionDecisionRow, SegmentRow } from "../types.js";

const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/** One ratio of totals in a weighted sum: Σ_r num[r] ÷ Σ_r den[r], replication by replication. */
interface RatioPart {
  readonly weight: number;
  readonly num: readonly number[];
  readonly den: readonly number[];
}

/** Σ weight × (Σ num ÷ Σ den) over the parts, with its 95% interval over replications; null when a denominator is 0. */
export function weightedRatio(parts: readonly RatioPart[]): { value: number; low: number | null; high: number | null; n: number } | null {
  const n = parts[0]?.num.length ?? 0;
  if (n === 0) return null;
  let value = 0;
  const z = new Array<number>(n).fill(0);
  for (const { weight, num, den } of parts) {
    let a = 0;
    let d = 0;
    for (let r = 0; r < n; r++) {
      a += num[r]!;
      d += den[r]!;
    }
    if (!(d > 0)) return null;
    const ratio = a / d;
    value += weight * ratio;
    const meanDen = d / n;
    for (let r = 0; r < n; r++) z[r] = z[r]! + (weight * (num[r]! - ratio * den[r]!)) / meanDen;
  }
  if (n < 2) return { value, low: null, high: null, n };
  const half = (studentTQuantile(0.975, n - 1) * sampleSd(z)) / Math.sqrt(n);
  return { value, low: finiteOrNull(value - half), high: finiteOrNull(value + half), n };
}

/** Decisions (d) and admissions (a) per replication of acuity band `band` in pressure band `c`. */
function cell(reps: readonly DecisionCounts[], band: number, c: number): { d: number[]; a: number[] } {
  return {
    d: reps.map((x) => x.counts[(band * NP + c) * 2] ?? 0),
    a: reps.map((x) => x.counts[(band * NP + c) * 2 + 1] ?? 0),
  };
}

/**
 * admission_decisions.csv: per scenario and pressure band, the admitted share of ED decisions for
 * every acuity band and for all together (view "observed"), and the share directly standardised
 * to the baseline's acuity mix of decisions (view "standardised"): Σ_a w_a × share_a, with w_a the
 * baseline's share of decisions in acuity band a over all pressure bands and replications. Empty
 * when some band of that mix had no decisions at that pressure.
 */
export function admissionDecisions(result: ExperimentResult): AdmissionDecisionRow[] {
  const rows: AdmissionDecisionRow[] = [];
  const names = result.model.acuityBands;
  const baseline = result.decisionCells[result.baseline] ?? [];
  const bands = baseline[0]?.bands ?? names.length;
  const mix = new Array<number>(bands).fill(0);
  for (const rep of baseline) for (let b = 0; b < bands; b++) for (let c = 0; c < NP; c++) mix[b] = mix[b]! + rep.counts[(b * NP + c) * 2]!;
  const totalMix = mix.reduce((s, x) => s + x, 0);
  const weights = mix.map((x) => (totalMix > 0 ? x / totalMix : 0));
  const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
  const pct = (x: number | null): number | null => (x === null ? null : 100 * x);
  for (const scenario of result.scenarios) {
    const reps = result.decisionCells[scenario] ?? [];
    if (reps.length === 0) continue;
    DECISION_PRESSURE_BANDS.forEach((pb, c) => {
      const cells = Array.from({ length: bands }, (_, b) => cell(reps, b, c));
      const push = (acuity: string, view: AdmissionDecisionRow["view"], decisions: number, r: ReturnType<typeof weightedRatio>) =>
        rows.push({ scenario, pressure_band_pct: pb.label, acuity_band: acuity, view, decisions, admitted_pct: pct(r?.value ?? null), ci_low: pct(r?.low ?? null), ci_high: pct(r?.high ?? null), n_reps: reps.length });
      cells.forEach((x, b) => push(names[b] ?? String(b + 1), "observed", sum(x.d), weightedRatio([{ weight: 1, num: x.a, den: x.d }])));
      const all = { d: reps.map((_, r) => sum(cells.map((x) => x.d[r]!))), a: reps.map((_, r) => sum(cells.map((x) => x.a[r]!))) };
      push("all", "observed", sum(all.d), weightedRatio([{ weight: 1, num: all.a, den: all.d }]));
      const parts = cells.flatMap((x, b) => (weights[b]! > 0 ? [{ weight: weights[b]!, num: x.a, den: x.d }] : []));
      push("all", "standardised", sum(all.d), parts.length > 0 ? weightedRatio(parts) : null);
    });
  }
  return rows;
}

/** Per group of one scenario, its values per replication: key "segment|route" → measure → values. */
function groupValues(reps: readonly SegmentCounts[]): Map<string, { segment: string; route: string; values: number[][] }> {
  const out = new Map<string, { segment: string; route: string; values: number[][] }>();
  reps.forEach((rep, r) => {
    const nm = rep.measures.length;
    const add = (segment: string, route: string, g: number) => {
      const key = `${segment}|${route}`;
      let entry = out.get(key);
      if (entry === undefined) {
        entry = { segment, route, values: rep.measures.map(() => new Array<number>(reps.length).fill(0)) };
        out.set(key, entry);
      }
      for (let m = 0; m < nm; m++) entry.values[m]![r] = entry.values[m]![r]! + rep.perDay[g * nm + m]!;
    };
    rep.groups.forEach((g, i) => {
      add(g.segment, g.route, i);
      add(g.segment, "all", i);
    });
  });
  // Segments in model order, each with its routes in model order, then "all".
  const segments = [...new Set([...out.values()].map((g) => g.segment))];
  const rank = (g: { segment: string; route: string }) => segments.indexOf(g.segment) * 2 + (g.route === "all" ? 1 : 0);
  return new Map([...out].sort(([, x], [, y]) => rank(x) - rank(y)));
}

/**
 * segments.csv: per scenario, segment and route of arrival (and "all" routes of the segment), each
 * measure per day with its 95% CI over replications ("level"); and for each scenario compared with
 * a baseline, the paired difference replication by replication ("difference") and the relative
 * change in % (Σ scenario ÷ Σ baseline − 1 over replications, "relative_difference_pct").
 */
export function segmentTable(result: ExperimentResult): SegmentRow[] {
  const rows: SegmentRow[] = [];
  const byScenario = new Map(result.scenarios.map((s) => [s, groupValues(result.segments[s] ?? [])]));
  for (const scenario of result.scenarios) {
    const groups = byScenario.get(scenario)!;
    const reference = result.comparedWith[scenario] ?? result.baseline;
    const base = scenario === reference ? undefined : byScenario.get(reference);
    for (const [key, g] of groups) {
      GROUP_MEASURES.forEach((measure, m) => {
        if (measure.service !== null && !result.model.resources.includes(measure.service)) return; // a service the model does not have
        const values = g.values[m];
        if (values === undefined || values.length === 0) return;
        const ci = confidenceInterval(values);
        const row = { scenario, segment: g.segment, route: g.route, measure: measure.name };
        rows.push({ ...row, baseline: "", value_type: "level", unit: measure.unit, mean: ci.mean, ci_low: finiteOrNull(ci.low), ci_high: finiteOrNull(ci.high), n_reps: ci.n });
        const b = base?.get(key)?.values[m];
        if (b === undefined || b.length !== values.length) return;
        const d = pairedDifference(values, b);
        rows.push({ ...row, baseline: reference, value_type: "difference", unit: measure.unit, mean: d.mean, ci_low: finiteOrNull(d.low), ci_high: finiteOrNull(d.high), n_reps: d.n });
        const ratio = weightedRatio([{ weight: 1, num: values, den: b }]);
        rows.push({
          ...row,
          baseline: reference,
          value_type: "relative_difference_pct",
          unit: "%",
          mean: ratio === null ? null : 100 * (ratio.value - 1),
          ci_low: ratio?.low == null ? null : 100 * (ratio.low - 1),
          ci_high: ratio?.high == null ? null : 100 * (ratio.high - 1),
          n_reps: values.length,
        });
      });
    }
  }
  return rows;
}
