/**
 * Calibration: fit chosen parameters so the baseline reproduces observed figures, each within a
 * tolerance. Every evaluation runs the baseline alone at the same seed and the same replications
 * (common random numbers), so the model's figures move smoothly with the parameters and a
 * difference between two evaluations is the parameters' doing, not the dice's. The fit minimises
 * the sum of squared tolerance-scaled residuals, (model mean − observed) / tolerance, by a bounded
 * Levenberg–Marquardt iteration with Broyden updates (math/bounded-least-squares.ts) over the
 * parameters mapped onto [0, 1] between their bounds.
 *
 * Targets are KPIs of the catalogue (pathway/kpis.ts, kpi_summary.csv's names) or figures of a
 * patient group (segments.csv): `segment.<segment>.<measure>` over every route of the segment, or
 * `segment.<segment>.<route>.<measure>`, per day.
 */
import { PathflowInputError } from "../errors.js";
import { boundedLeastSquares, type FitStop } from "../math/bounded-least-squares.js";
import { compileModel } from "../model/compile.js";
import type { LoadedModel } from "../model/load.js";
import { parseChangePath } from "../model/change-path.js";
import { isWholeNumberAt } from "../model/schema-introspection.js";
import { applyScenario } from "../model/scenario.js";
import { Model } from "../model/schema.js";
import { GROUP_MEASURES } from "../pathway/groups.js";
import { runReplication } from "../pathway/run.js";
import type { ConfidenceInterval, RunOptions } from "../types.js";
import { planExperiment, type ExperimentPlan, type Override } from "./plan.js";
import { confidenceInterval } from "./statistics.js";
import { runPlansOnPool } from "./experiment.js";
import type { ExperimentResult } from "./experiment.js";

/** What a target measures: a KPI by name, or a patient group's figure per day. */
export type TargetMeasure = { readonly kind: "kpi"; readonly name: string } | { readonly kind: "segment"; readonly segment: string; readonly route: string | null; readonly measure: string };

export interface CalibrationTarget {
  /** As written in the targets file. */
  readonly name: string;
  readonly measure: TargetMeasure;
  readonly value: number;
  /** Half-width of the acceptable band around `value`, in its units (> 0). */
  readonly tolerance: number;
  readonly source: string;
}

export interface CalibrationParameter {
  /** A change path, as in a scenario. */
  readonly path: string;
  /** `set`: the value itself is fitted; `scale`: a factor on the numbers at the path (1 = as written). */
  readonly change: "set" | "scale";
  readonly lower: number;
  readonly upper: number;
  /** The value (or factor) the fit starts from: the model's own (or 1), within the bounds. */
  readonly start: number;
  /** Whether the model takes whole numbers only there (the fitted value is rounded). */
  readonly whole: boolean;
  readonly why: string;
}

export interface CalibrationRequest {
  readonly targets: readonly CalibrationTarget[];
  readonly parameters: readonly CalibrationParameter[];
  /** Evaluations (baseline runs of `replications` each) at most. */
  readonly budget: number;
  readonly replications?: number | undefined;
  readonly seed?: number | undefined;
  readonly days?: number | undefined;
  readonly warmupDays?: number | undefined;
  readonly baseline?: string | undefined;
}

/** One evaluation of the fit: the parameter values, and each target's model mean. */
export interface CalibrationEvaluation {
  readonly index: number;
  readonly kind: "start" | "jacobian" | "step";
  readonly values: readonly number[];
  readonly means: readonly number[];
  /** Sum of squared tolerance-scaled residuals. */
  readonly objective: number;
}

export interface TargetFit {
  readonly target: CalibrationTarget;
  readonly values: readonly number[];
  readonly ci: ConfidenceInterval;
  /** (mean − observed) / tolerance. */
  readonly scaled: number;
  readonly within: boolean;
}

export interface ParameterFit {
  readonly parameter: CalibrationParameter;
  readonly value: number;
  readonly atBound: "lower" | "upper" | null;
}

export interface CalibrationResult {
  /** met: every target within tolerance; unmet: the best point leaves some outside; interrupted: stopped by a signal. */
  readonly state: "met" | "unmet" | "interrupted";
  readonly stop: FitStop | "interrupted";
  readonly targets: readonly TargetFit[];
  readonly parameters: readonly ParameterFit[];
  /** In plain words, for unmet targets: what they pull against, which bounds hold them. */
  readonly conflicts: readonly string[];
  readonly evaluations: readonly CalibrationEvaluation[];
  readonly settings: ExperimentPlan["settings"];
  readonly baseline: string;
}

/** Stop once every target is within this share of its tolerance (a margin, so the fit holds within tolerance). */
export const FIT_GOAL = 0.5;

/** Parses a target name: a KPI name, or `segment.<segment>[.<route>].<measure>`. */
export function parseTargetName(text: string): TargetMeasure {
  if (!text.startsWith("segment.")) return { kind: "kpi", name: text };
  const parts = text.slice("segment.".length).split(".");
  if (parts.length === 2) return { kind: "segment", segment: parts[0]!, route: null, measure: parts[1]! };
  if (parts.length === 3) return { kind: "segment", segment: parts[0]!, route: parts[1]!, measure: parts[2]! };
  return { kind: "segment", segment: "", route: null, measure: "" };
}

/** What a model reports, found by a one-day run of its baseline: KPI names and (segment, route) groups. */
export interface Reported {
  readonly kpis: readonly string[];
  readonly groups: readonly { readonly segment: string; readonly route: string }[];
}

export function reportedBy(loaded: LoadedModel, baseline = "baseline"): Reported {
  const plan = planExperiment(loaded, { scenarios: [baseline], baseline, driftRange: false, replications: 1 });
  const v = plan.variants[0]!;
  const run = runReplication(compileModel(v.spec, v.tables), { replication: 0, seed: 1, days: 1, warmupDays: 0 });
  return { kpis: Object.keys(run.kpis), groups: run.segments.groups };
}

/** Why the model cannot give this target (undefined if it can). */
export function targetProblem(measure: TargetMeasure, reported: Reported): string | undefined {
  if (measure.kind === "kpi") {
    if (reported.kpis.includes(measure.name)) return undefined;
    const close = reported.kpis.filter((k) => k.includes(measure.name) || measure.name.includes(k)).slice(0, 3);
    return `the model reports no KPI named ${JSON.stringify(measure.name)}${close.length > 0 ? ` (did you mean ${close.join(", ")}?)` : ""}; KPIs are the names in kpi_summary.csv, or segment.<segment>.<measure> for a patient group`;
  }
  const measures = GROUP_MEASURES.map((m) => m.name);
  if (measure.segment === "") return "a patient-group target is segment.<segment>.<measure> or segment.<segment>.<route>.<measure>";
  if (!reported.groups.some((g) => g.segment === measure.segment)) return `the model has no segment ${JSON.stringify(measure.segment)} (segments: ${[...new Set(reported.groups.map((g) => g.segment))].join(", ")})`;
  if (measure.route !== null && !reported.groups.some((g) => g.segment === measure.segment && g.route === measure.route)) {
    return `segment ${measure.segment} has no arrivals by route ${JSON.stringify(measure.route)} (its routes: ${reported.groups.filter((g) => g.segment === measure.segment).map((g) => g.route).join(", ")})`;
  }
  if (!measures.includes(measure.measure)) return `${JSON.stringify(measure.measure)} is not a patient-group measure (one of ${measures.join(", ")}, per day)`;
  return undefined;
}

/** A target's value in each replication of a baseline run (replications that did not observe a KPI left out). */
export function targetValues(result: ExperimentResult, baseline: string, measure: TargetMeasure): number[] {
  if (measure.kind === "kpi") return (result.kpis[baseline]?.[measure.name] ?? []).filter((v): v is number => v !== null && Number.isFinite(v));
  const m = GROUP_MEASURES.findIndex((g) => g.name === measure.measure);
  return (result.segments[baseline] ?? []).map((counts) => {
    let sum = 0;
    counts.groups.forEach((g, i) => {
      if (g.segment === measure.segment && (measure.route === null || g.route === measure.route)) sum += counts.perDay[i * counts.measures.length + m]!;
    });
    return sum;
  });
}

/**
 * A parameter's value at position u ∈ [0, 1] between its bounds, on a grid of a ten-thousandth of
 * the range (rounded to a power of ten), or whole where the model takes whole numbers: the model
 * file then shows a value a person can read, and it is exactly the value that was evaluated.
 */
export function parameterValue(p: CalibrationParameter, u: number): number {
  const v = p.lower + u * (p.upper - p.lower);
  if (p.whole && p.change === "set") return Math.round(v);
  const digits = Math.max(0, -Math.floor(Math.log10((p.upper - p.lower) / 10000)));
  return Number(v.toFixed(Math.min(digits, 12)));
}

/**
 * The changes that put the parameters at `values`, each as a `set` of the value written in the
 * calibrated model: a scale factor is applied here to the numbers at its path, kept to six
 * significant digits, so the file holds exactly what was evaluated.
 */
export function overridesFor(loaded: LoadedModel, parameters: readonly CalibrationParameter[], values: readonly number[]): Override[] {
  return parameters.map((p, j) => ({ path: p.path, set: p.change === "set" ? values[j] : scaledAt(loaded, p.path, values[j]!) }));
}

/** The numbers at `path` scaled by `factor` by a scenario's rules (whole numbers stay whole), to six significant digits. */
function scaledAt(loaded: LoadedModel, path: string, factor: number): unknown {
  const parsed = parseChangePath(path);
  if ("error" in parsed) throw new PathflowInputError([{ code: "invalid_value", path: [path], message: parsed.error }], "calibration");
  const applied = applyScenario({ ...(loaded.raw as object), scenarios: { scaled: { changes: [{ path, scale: factor }] } } }, "scaled");
  return roundNumbers(valueAtPath(applied, parsed.path));
}

const roundNumbers = (v: unknown): unknown =>
  typeof v === "number" ? (Number.isInteger(v) ? v : Number(v.toPrecision(6))) : Array.isArray(v) ? v.map(roundNumbers) : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, roundNumbers(x)])) : v;

/** The value at a parsed change path in a model as written (undefined if there is none). */
export function valueAtPath(raw: unknown, path: readonly (string | number)[]): unknown {
  let at: unknown = raw;
  for (const key of path) {
    if (at === null || typeof at !== "object" || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** Whether the model takes whole numbers only at `path` (e.g. beds). */
export function wholeAt(loaded: LoadedModel, path: string): boolean {
  const parsed = parseChangePath(path);
  return "path" in parsed && isWholeNumberAt(Model, parsed.path, loaded.raw);
}

/**
 * Fits the parameters to the targets. `onEvaluation` hears of each evaluation as it completes
 * (progress); replications are counted through `options.onProgress`.
 */
export async function calibrate(loaded: LoadedModel, request: CalibrationRequest, options: RunOptions & { readonly onEvaluation?: (e: CalibrationEvaluation, best: CalibrationEvaluation) => void } = {}): Promise<CalibrationResult> {
  const baseline = request.baseline ?? "baseline";
  const { targets, parameters } = request;
  const planAt = (values: readonly number[]): ExperimentPlan =>
    planExperiment(loaded, {
      scenarios: [baseline],
      baseline,
      overrides: overridesFor(loaded, parameters, values),
      driftRange: false,
      replications: request.replications,
      seed: request.seed,
      days: request.days,
      warmupDays: request.warmupDays,
    });
  const settings = planAt(parameters.map((p) => p.start)).settings;
  const evaluations: CalibrationEvaluation[] = [];
  const perRep = new Map<string, number[][]>();
  let best: CalibrationEvaluation | undefined;
  let interrupted = false;
  let done = 0;
  const reps = typeof settings.replications === "number" ? settings.replications : 1;

  const evaluate = async (xs: readonly (readonly number[])[], kind: CalibrationEvaluation["kind"]): Promise<number[][]> => {
    if (interrupted) throw new Interrupted();
    const points = xs.map((x) => parameters.map((p, j) => parameterValue(p, x[j]!)));
    const plans = points.map((values) => {
      try {
        return planAt(values);
      } catch (error) {
        // Each bound was checked alone; a combination can still break a rule that ties parameters together.
        if (!(error instanceof PathflowInputError)) throw error;
        const message = `the model is not valid at ${describePoint(parameters, values)}: ${error.issues[0]?.message ?? error.message} — narrow the bounds so that every combination of the parameters is a valid model`;
        throw new PathflowInputError([{ code: "invalid_value", path: ["--parameters"], message }], "calibration");
      }
    });
    const run = await runPlansOnPool(plans, { workers: options.workers, workerFile: options.workerFile, signal: options.signal, onProgress: (d) => options.onProgress?.(done + d, request.budget * reps) });
    done += run.results.length * reps;
    if (run.partial) {
      interrupted = true;
      throw new Interrupted();
    }
    return run.results.map((result, k) => {
      const values = targets.map((t) => targetValues(result, baseline, t.measure));
      const empty = targets.findIndex((_, i) => values[i]!.length === 0);
      if (empty >= 0) {
        throw new PathflowInputError([{ code: "invalid_value", path: ["--targets"], message: `target ${targets[empty]!.name}: no replication observed it at ${describePoint(parameters, points[k]!)} (nothing to compare with the observed figure)` }], "calibration");
      }
      const means = values.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
      const r = targets.map((t, i) => (means[i]! - t.value) / t.tolerance);
      const e: CalibrationEvaluation = { index: evaluations.length + 1, kind, values: points[k]!, means, objective: r.reduce((a, b) => a + b * b, 0) };
      evaluations.push(e);
      perRep.set(key(e.values), values);
      if (best === undefined || e.objective < best.objective) best = e;
      options.onEvaluation?.(e, best);
      return r;
    });
  };

  const x0 = parameters.map((p) => (p.upper > p.lower ? (p.start - p.lower) / (p.upper - p.lower) : 0));
  let stop: CalibrationResult["stop"];
  let jacobian: number[][] | null = null;
  try {
    const fit = await boundedLeastSquares(evaluate, x0, { budget: request.budget, goal: FIT_GOAL });
    stop = fit.stop;
    jacobian = fit.jacobian;
  } catch (error) {
    if (!(error instanceof Interrupted) || best === undefined) throw error;
    stop = "interrupted";
  }
  const at = best!;
  const fits: TargetFit[] = targets.map((t, i) => {
    const values = perRep.get(key(at.values))![i]!;
    const scaled = (at.means[i]! - t.value) / t.tolerance;
    return { target: t, values, ci: confidenceInterval(values), scaled, within: Math.abs(at.means[i]! - t.value) <= t.tolerance };
  });
  const params: ParameterFit[] = parameters.map((p, j) => ({
    parameter: p,
    value: at.values[j]!,
    atBound: p.upper > p.lower && at.values[j]! <= p.lower ? "lower" : p.upper > p.lower && at.values[j]! >= p.upper ? "upper" : null,
  }));
  const allWithin = fits.every((f) => f.within);
  const state = stop === "interrupted" ? "interrupted" : allWithin ? "met" : "unmet";
  const atX = parameters.map((p, j) => (p.upper > p.lower ? (at.values[j]! - p.lower) / (p.upper - p.lower) : 0));
  const conflicts = allWithin ? [] : describeConflicts(fits, params, stop === "interrupted" ? null : jacobian, atX);
  return { state, stop, targets: fits, parameters: params, conflicts, evaluations, settings, baseline };
}

class Interrupted extends Error {
  constructor() {
    super("interrupted");
  }
}

const key = (values: readonly number[]): string => JSON.stringify(values);

function describePoint(parameters: readonly CalibrationParameter[], values: readonly number[]): string {
  return parameters.map((p, j) => `${p.path} ${p.change === "scale" ? "×" : "="} ${formatFigure(values[j]!)}`).join(", ");
}

/** A figure for a message: up to 4 significant digits, no exponent for ordinary sizes. */
export function formatFigure(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const digits = a >= 1000 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4;
  return String(Number(v.toFixed(digits)));
}

/**
 * The diagnosis of a fit that leaves targets outside their tolerance. For each such target: the
 * way the parameters would have to move to bring it in (its negative gradient, with parameters at
 * a bound allowed to move inward only); if no parameter can move it that way, which bounds hold
 * it (or that no fitted parameter moves it at all); otherwise the targets that moving that way
 * pushes further out (or out of tolerance) — the targets it conflicts with.
 */
export function describeConflicts(fits: readonly TargetFit[], params: readonly ParameterFit[], J: readonly (readonly number[])[] | null, x: readonly number[]): string[] {
  const lines: string[] = [];
  const figure = (f: TargetFit): string => `${f.target.name} (model ${formatFigure(f.ci.mean)}, target ${formatFigure(f.target.value)} ± ${formatFigure(f.target.tolerance)})`;
  for (const [i, f] of fits.entries()) {
    if (f.within) continue;
    if (J === null) {
      lines.push(`${figure(f)} is outside its tolerance (the fit stopped before it could say what holds it)`);
      continue;
    }
    const row = J[i]!;
    const scale = Math.max(...row.map(Math.abs));
    if (!(scale > 1e-9)) {
      lines.push(`${figure(f)}: no fitted parameter moves it — add a parameter that does, or check the target`);
      continue;
    }
    // Direction that lowers |r_i|, kept inside the box.
    const d = row.map((v, j) => {
      const want = -Math.sign(f.scaled) * v;
      if (x[j]! <= 1e-9 && want < 0) return 0;
      if (x[j]! >= 1 - 1e-9 && want > 0) return 0;
      return want;
    });
    const blocked = params.filter((p, j) => p.atBound !== null && Math.abs(row[j]!) > 0.05 * scale && d[j] === 0);
    if (d.every((v) => Math.abs(v) <= 0.05 * scale)) {
      lines.push(`${figure(f)} is held by ${blocked.map((p) => `${p.parameter.path} at its ${p.atBound} bound ${formatFigure(p.value)}`).join(", ") || "the bounds"}: widen the bounds or revisit the target`);
      continue;
    }
    const against = fits
      .map((g, k) => ({ g, k, push: k === i ? 0 : J[k]!.reduce((a, v, j) => a + v * d[j]!, 0) * Math.sign(g.scaled === 0 ? 1 : g.scaled) }))
      .filter(({ g, k, push }) => k !== i && push > 0 && (!g.within || Math.abs(g.scaled) >= 0.5))
      .sort((a, b) => b.push - a.push)
      .map(({ g }) => g.target.name);
    const bounds = blocked.length > 0 ? `; at their bounds: ${blocked.map((p) => `${p.parameter.path} = ${formatFigure(p.value)} (${p.atBound})`).join(", ")}` : "";
    lines.push(against.length > 0 ? `${figure(f)} conflicts with ${against.join(", ")}: moving the parameters to bring it in takes ${against.length === 1 ? "that one" : "those"} further off${bounds}` : `${figure(f)} is outside its tolerance at the best point found (a larger --budget may reach it)${bounds}`);
  }
  return lines;
}
