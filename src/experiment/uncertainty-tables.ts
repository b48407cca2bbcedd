/**
 * The tables of an uncertainty run, as plain rows (the CSV writers and the library share them):
 *
 *   uncertainty.csv             per scenario and measure (every KPI, every release measure and flow
 *                               change): the 10th/50th/90th percentiles over parameter sets of the
 *                               set's mean over replications, beside the stochastic 95% CI of the
 *                               central run (the model's own values)
 *   uncertainty_parameters.csv  the drawn sets
 *   uncertainty_drivers.csv     per measure and parameter: Spearman's rank correlation and the
 *                               partial rank correlation coefficient (PRCC), ranked by |PRCC|
 *
 * Why PRCC (Marino et al. 2008, J Theor Biol 254:178): the release measures respond to drift
 * strength and the others monotonically but not linearly, so rank-based measures fit; the partial
 * one takes out the others' share, which matters because a small Latin hypercube leaves chance
 * correlation between parameters. Spearman is given beside it (no adjustment, easier to explain).
 * A variance-based index (Sobol) would need N·(k + 2) runs, not N.
 */
import { confidenceInterval, quantile } from "./statistics.js";
import type { ExperimentResult } from "./experiment.js";
import { kpiSummary, RATIO_RULE, releaseRatios, releaseTable } from "./summaries.js";
import type { UncertaintyResult } from "./uncertainty.js";
import type { ResourceName } from "../types.js";

/** One measure of one run (a set's or the central run's): its mean over replications and 95% CI. */
export interface MeasureValue {
  readonly scenario: string;
  /** The scenario it is compared with (release rows); "" for a KPI level. */
  readonly baseline: string;
  readonly kind: "kpi" | "release";
  /** The KPI, or the release resource (or, for flow_change, the flow KPI). */
  readonly name: string;
  /** "mean" for a KPI; the release measure for release rows. */
  readonly measure: string;
  readonly unit: string;
  readonly mean: number;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  readonly n_reps: number;
}

export interface UncertaintyRow {
  scenario: string;
  baseline: string;
  kind: "kpi" | "release";
  name: string;
  measure: string;
  unit: string;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  n_sets: number;
  central_mean: number | null;
  central_ci_low: number | null;
  central_ci_high: number | null;
  central_n_reps: number;
}

export interface ParameterRow {
  set: number;
  parameter: string;
  path: string;
  apply: string;
  uniform: number | null;
  value: number;
}

export interface DriverRow {
  scenario: string;
  baseline: string;
  kind: "kpi" | "release";
  name: string;
  measure: string;
  parameter: string;
  spearman: number | null;
  prcc: number | null;
  rank: number | null;
  n_sets: number;
}

const keyOf = (m: Pick<MeasureValue, "kind" | "scenario" | "name" | "measure">): string => `${m.kind}\u0000${m.scenario}\u0000${m.name}\u0000${m.measure}`;

const finiteOrNull = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

/**
 * Every KPI and release measure of a run, with its mean over replications. The release ratio is
 * given wherever every replication avoided something material (unlike release.csv, whose ratio
 * also needs an informative interval: over parameter sets the spread is the point).
 */
export function measureValues(result: ExperimentResult): MeasureValue[] {
  const out: MeasureValue[] = [];
  for (const r of kpiSummary(result)) {
    if (r.mean === null) continue;
    out.push({ scenario: r.scenario, baseline: "", kind: "kpi", name: r.kpi, measure: "mean", unit: r.unit, mean: r.mean, ci_low: r.ci_low, ci_high: r.ci_high, n_reps: r.n_reps });
  }
  // Release rows as release.csv has them, each resource's ratio right after its components.
  const rows = releaseTable(result).filter((r) => r.measure !== "release_ratio");
  rows.forEach((r, i) => {
    out.push({ scenario: r.scenario, baseline: r.baseline, kind: "release", name: r.resource, measure: r.measure, unit: r.unit, mean: r.mean, ci_low: r.ci_low, ci_high: r.ci_high, n_reps: r.n_reps });
    const next = rows[i + 1];
    if (next !== undefined && next.scenario === r.scenario && next.resource === r.resource) return;
    const m = result.release[r.scenario]?.[r.resource as ResourceName];
    if (m === undefined || m.expected.length === 0) return;
    const ratios = releaseRatios(m);
    const expected = m.expected.reduce((a, b) => a + b, 0) / m.expected.length;
    if (ratios.length !== m.expected.length || expected < RATIO_RULE.minExpected) return;
    const ci = confidenceInterval(ratios);
    out.push({ scenario: r.scenario, baseline: r.baseline, kind: "release", name: r.resource, measure: "release_ratio", unit: "ratio", mean: ci.mean, ci_low: finiteOrNull(ci.low), ci_high: finiteOrNull(ci.high), n_reps: ci.n });
  });
  return out;
}

/** The measures of every set, aligned: per measure (in the central run's order, then any new) the value of each set (null where a set lacks it). */
export function measuresBySet(u: UncertaintyResult, central: ExperimentResult): { measure: MeasureValue; central: MeasureValue | undefined; values: (number | null)[] }[] {
  const rows = new Map<string, { measure: MeasureValue; central: MeasureValue | undefined; values: (number | null)[] }>();
  const n = u.results.length;
  for (const m of measureValues(central)) rows.set(keyOf(m), { measure: m, central: m, values: new Array<number | null>(n).fill(null) });
  u.results.forEach((result, s) => {
    for (const m of measureValues(result)) {
      const key = keyOf(m);
      let row = rows.get(key);
      if (row === undefined) {
        row = { measure: m, central: undefined, values: new Array<number | null>(n).fill(null) };
        rows.set(key, row);
      }
      row.values[s] = m.mean;
    }
  });
  return [...rows.values()];
}

/** uncertainty.csv. */
export function uncertaintyTable(u: UncertaintyResult, central: ExperimentResult): UncertaintyRow[] {
  return measuresBySet(u, central).map(({ measure: m, central: c, values }) => {
    const seen = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
    const q = (p: number) => (seen.length === 0 ? null : quantile(seen, p));
    return {
      scenario: m.scenario,
      baseline: m.baseline,
      kind: m.kind,
      name: m.name,
      measure: m.measure,
      unit: m.unit,
      p10: q(0.1),
      p50: q(0.5),
      p90: q(0.9),
      n_sets: seen.length,
      central_mean: c?.mean ?? null,
      central_ci_low: c?.ci_low ?? null,
      central_ci_high: c?.ci_high ?? null,
      central_n_reps: c?.n_reps ?? 0,
    };
  });
}

/** uncertainty_parameters.csv: each set's drawn values (and the intercept matched to a drawn drift strength). */
export function parameterTable(u: UncertaintyResult): ParameterRow[] {
  const rows: ParameterRow[] = [];
  for (const { set } of u.plan.sets.slice(0, u.results.length)) {
    u.plan.parameters.forEach((p, j) => rows.push({ set: set.index, parameter: p.name, path: p.path, apply: p.apply, uniform: set.uniforms[j]!, value: set.values[j]! }));
    if (set.intercept !== undefined) rows.push({ set: set.index, parameter: "matched_intercept", path: `nodes.${set.intercept.ed}.admission.b0`, apply: "matched", uniform: null, value: set.intercept.b0 });
  }
  return rows;
}

/** uncertainty_drivers.csv: per measure observed in every set and varying, per parameter, Spearman and PRCC, ranked by |PRCC|. */
export function driverTable(u: UncertaintyResult, central: ExperimentResult): DriverRow[] {
  const n = u.results.length;
  const xs = u.plan.parameters.map((_, j) => u.plan.sets.slice(0, n).map(({ set }) => set.values[j]!));
  const rankedX = xs.map(ranks);
  const rows: DriverRow[] = [];
  for (const { measure: m, values } of measuresBySet(u, central)) {
    if (values.some((v) => v === null)) continue;
    const y = values as number[];
    if (y.every((v) => v === y[0])) continue;
    const ry = ranks(y);
    const spearman = rankedX.map((rx) => pearson(rx, ry));
    const prcc = partialCorrelations([...rankedX, ry]);
    const strength = u.plan.parameters.map((_, j) => Math.abs(Number.isFinite(prcc?.[j] ?? Number.NaN) ? prcc![j]! : (spearman[j] ?? Number.NaN)));
    const order = strength.map((s, j) => [s, j] as const).filter(([s]) => Number.isFinite(s)).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    u.plan.parameters.forEach((p, j) => {
      const at = order.findIndex(([, k]) => k === j);
      rows.push({ scenario: m.scenario, baseline: m.baseline, kind: m.kind, name: m.name, measure: m.measure, parameter: p.name, spearman: finiteOrNull(spearman[j]), prcc: finiteOrNull(prcc?.[j]), rank: at < 0 ? null : at + 1, n_sets: n });
    });
  }
  return rows;
}

/** Ranks from 1, ties given their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]![1]] = rank;
    i = j + 1;
  }
  return out;
}

/** Pearson's correlation (NaN when either is constant). */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/**
 * Partial correlations of each of the first k columns with the last, given the other k − 1: the
 * correlation of the residuals of both after a least-squares fit on the others (with an
 * intercept). Null when there are too few rows (n ≤ k + 1) or the inputs are collinear (a
 * parameter that does not vary); NaN for a column where nothing is left to explain (the last
 * column fully determined by the others).
 */
export function partialCorrelations(columns: readonly (readonly number[])[]): number[] | null {
  const m = columns.length;
  const n = columns[0]?.length ?? 0;
  if (m < 2 || n <= m) return null;
  const y = columns[m - 1]!;
  const inputs = columns.slice(0, m - 1);
  const out: number[] = [];
  for (let j = 0; j < inputs.length; j++) {
    const others = inputs.filter((_, k) => k !== j);
    const rx = residuals(inputs[j]!, others);
    const ry = residuals(y, others);
    if (rx === null || ry === null) return null;
    const r = pearson(rx, ry);
    out.push(Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : Number.NaN);
  }
  return out;
}

/** The residuals of `y` after least squares on `xs` and an intercept (null when the xs are collinear). */
function residuals(y: readonly number[], xs: readonly (readonly number[])[]): number[] | null {
  const n = y.length;
  const design = [Array.from({ length: n }, () => 1), ...xs];
  const p = design.length;
  const xtx = design.map((a) => design.map((b) => a.reduce((sum, v, i) => sum + v * b[i]!, 0)));
  const inverse = invert(xtx);
  if (inverse === null) return null;
  const xty = design.map((a) => a.reduce((sum, v, i) => sum + v * y[i]!, 0));
  const beta = inverse.map((row) => row.reduce((sum, v, k) => sum + v * xty[k]!, 0));
  const fitted = (i: number) => {
    let f = 0;
    for (let k = 0; k < p; k++) f += beta[k]! * design[k]![i]!;
    return f;
  };
  const r = y.map((v, i) => v - fitted(i));
  // Residuals at rounding level are zero: nothing left to explain.
  const scale = Math.max(...y.map(Math.abs), 1);
  return r.map((v) => (Math.abs(v) < 1e-9 * scale ? 0 : v));
}

/** Gauss–Jordan inverse with partial pivoting (null when singular). */
function invert(a: readonly (readonly number[])[]): number[][] | null {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-10 * Math.max(1, Math.abs(a[c]![c]!))) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const row = m[c]!;
    const d = row[c]!;
    for (let k = 0; k < 2 * n; k++) row[k] = row[k]! / d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]!;
      if (f === 0) continue;
      const target = m[r]!;
      for (let k = 0; k < 2 * n; k++) target[k] = target[k]! - f * row[k]!;
    }
  }
  return m.map((row) => row.slice(n));
}
