/**
 * Parameter uncertainty (`run --uncertainty N`): the model's `uncertainty` section gives some
 * parameters a distribution instead of a value. N parameter sets are drawn by Latin hypercube
 * (each parameter on its own stream, seeded from the run seed, so the sets are the same for any
 * worker count), each set is applied to the model as written and planned like any experiment, and
 * every set runs the run's replications under common random numbers: replication r draws the same
 * numbers in every set, so the spread between sets is the parameters', not the dice's.
 *
 * How a drawn value is applied (`apply`):
 *   set          the value replaces the parameter;
 *   scale        every number at the path is multiplied by it (whole-number parameters rounded);
 *   scaleAvoided a demand multiplier m becomes 1 − d·(1 − m): the avoided share is scaled by d.
 * A model path changes the model as written (every scenario, the baseline included; a scenario that
 * sets the same path keeps its own value). `scenarios.<s>.changes[i].set…` changes that scenario's
 * own value only (a change appended to it), `…changes[i].scale` its factor.
 *
 * Drift strength and the matched intercept: a drawn drift strength (the ED's
 * admission.b2PerOccupancyPoint) moves the baseline's operating point unless the intercept moves
 * with it — a hospital with drift switched off and the drift-on intercept is gridlocked, not the
 * same hospital without drift. So, unless b0 is itself uncertain, each set's intercept is
 * interpolated (piecewise linearly) between the drift range's matched intercepts (the model
 * file's admission.driftRange, or those this run's drift range matched), and a drawn strength
 * outside the matched strengths is refused.
 */
import { PathflowInputError, formatPath, type Issue } from "../errors.js";
import type { LoadedModel } from "../model/load.js";
import { validateModelObject } from "../model/load.js";
import { applyScenario, parseChangePath } from "../model/scenario.js";
import { isPlainObject } from "../model/schema-introspection.js";
import type { UncertainParameterSpec } from "../model/schema.js";
import { latinColumn } from "../random/latin-hypercube.js";
import { describeUncertain, uncertainQuantile, type UncertainDistribution } from "../random/quantiles.js";
import { createStream } from "../random/streams.js";
import { runPlansOnPool, type ExperimentResult, type RunOptions } from "./experiment.js";
import { planExperiment, type ExperimentPlan } from "./plan.js";
import { workersFor } from "./estimate.js";
import type { ExperimentRequest } from "../types.js";

/** Most parameter sets a run may draw (each is a whole experiment). */
export const MAX_SETS = 10_000;

/** The stream a parameter's Latin hypercube column is drawn from: replication 0, source `uncertainty/<name>`. */
export const UNCERTAINTY_STREAM = "the stream 'pathflow/1/<seed>/0/uncertainty/<parameter name>'";

/** An uncertain parameter as planned: where its value goes. */
export interface UncertainParameter {
  readonly name: string;
  /** In a planner's words (the description, else the name). */
  readonly words: string;
  readonly path: string;
  readonly apply: "set" | "scale" | "scaleAvoided";
  readonly distribution: UncertainDistribution;
  /** The distribution in words. */
  readonly described: string;
  readonly why: string;
  /** The model as written (every scenario), or one change of one scenario. */
  readonly target: { readonly kind: "model"; readonly path: readonly (string | number)[] } | { readonly kind: "scenario"; readonly scenario: string; readonly change: number; readonly rest: readonly (string | number)[] };
}

/** One drawn parameter set. */
export interface ParameterSet {
  /** 1-based. */
  readonly index: number;
  /** The drawn value of each parameter, in the order of `parameters`. */
  readonly values: readonly number[];
  /** The Latin hypercube uniform each value is the quantile of. */
  readonly uniforms: readonly number[];
  /** The admission intercept matched to the drawn drift strength, where one was. */
  readonly intercept?: { readonly ed: string; readonly b0: number } | undefined;
}

/** How intercepts follow a drawn drift strength (null: no drift strength is uncertain, or b0 is). */
export interface InterceptMatching {
  readonly ed: string;
  /** The matched strengths and intercepts interpolated between, ascending in b2. */
  readonly points: readonly { readonly b2: number; readonly b0: number }[];
  /** Where they came from, in words. */
  readonly source: string;
}

export interface UncertaintyPlan {
  readonly parameters: readonly UncertainParameter[];
  readonly sets: readonly { readonly set: ParameterSet; readonly plan: ExperimentPlan }[];
  readonly matching: InterceptMatching | null;
  readonly seed: number;
}

export interface UncertaintyResult {
  readonly plan: UncertaintyPlan;
  /** One result per set, in set order (all of them unless interrupted). */
  readonly results: readonly ExperimentResult[];
  readonly state: "complete" | "partial";
}

const issue = (path: (string | number)[], message: string): Issue => ({ code: "invalid_value", path, message });

/** The model's uncertain parameters, their targets checked. Throws PathflowInputError naming the path. */
export function uncertainParameters(loaded: LoadedModel): UncertainParameter[] {
  const section = loaded.model.uncertainty;
  if (section === undefined) {
    throw new PathflowInputError([issue(["uncertainty"], "the model has no uncertainty section: --uncertainty draws the parameters it lists (see models/README.md, Parameter uncertainty)")], loaded.file);
  }
  const issues: Issue[] = [];
  const out: UncertainParameter[] = [];
  for (const [name, p] of Object.entries(section)) {
    const at = ["uncertainty", name, "path"];
    const parsed = parseChangePath(p.path);
    if ("error" in parsed) {
      issues.push(issue(at, parsed.error));
      continue;
    }
    const target = targetOf(loaded, parsed.path, p);
    if (typeof target === "string") {
      issues.push(issue(at, target));
      continue;
    }
    out.push({ name, words: p.description ?? name, path: p.path, apply: p.apply, distribution: p.distribution, described: describeUncertain(p.distribution), why: p.why, target });
  }
  if (issues.length > 0) throw new PathflowInputError(issues, loaded.file);
  return out;
}

function targetOf(loaded: LoadedModel, path: readonly (string | number)[], p: UncertainParameterSpec): UncertainParameter["target"] | string {
  if (path[0] === "uncertainty") return "an uncertain parameter cannot be part of the uncertainty section";
  if (path[0] !== "scenarios") return { kind: "model", path };
  const [, scenario, changes, index, what, ...rest] = path;
  const written = (loaded.raw as { scenarios?: Record<string, { changes?: unknown[] }> }).scenarios ?? {};
  if (typeof scenario !== "string" || !Object.hasOwn(written, scenario)) return `no scenario named ${JSON.stringify(String(scenario))}: scenarios are ${Object.keys(written).join(", ")}`;
  const list = written[scenario]?.changes ?? [];
  const i = typeof index === "number" ? index : Number.NaN;
  if (changes !== "changes" || !(i >= 0 && i < list.length)) return `a scenario's value is named scenarios.${scenario}.changes[i].set (or .scale), i from 0 to ${list.length - 1}`;
  const change = list[i] as { set?: unknown; scale?: unknown };
  if (what === "scale") {
    if (typeof change.scale !== "number" || rest.length > 0) return `scenarios.${scenario}.changes[${i}] has no scale factor to change (it sets a value: name …changes[${i}].set)`;
    if (p.apply === "scaleAvoided") return "scaleAvoided applies to a demand multiplier, not to a change's scale factor: use set or scale";
  } else if (what === "set") {
    if (change.set === undefined) return `scenarios.${scenario}.changes[${i}] sets nothing (it scales: name …changes[${i}].scale)`;
  } else {
    return `a scenario's value is named scenarios.${scenario}.changes[${i}].set (or .scale), got ${JSON.stringify(String(what))} after the change`;
  }
  return { kind: "scenario", scenario, change: i, rest: [what, ...rest] };
}

/**
 * Every problem of the model's uncertainty section that does not depend on the draw (for
 * `pathflow validate`): unknown paths, values the model cannot take at the medians. None without
 * a section.
 */
export function validateUncertainty(loaded: LoadedModel): Issue[] {
  if (loaded.model.uncertainty === undefined) return [];
  try {
    const parameters = uncertainParameters(loaded);
    const { raw } = applySet(loaded, parameters, parameters.map((p) => uncertainQuantile(p.distribution, 0.5)), null);
    const checked = validateModelObject(raw, loaded.dir, loaded.tables, loaded.dataDirs);
    return checked.issues.map((i) => ({ ...i, path: blame(i.path, parameters), message: `at the medians of the uncertain parameters, ${formatPath(i.path)}: ${i.message}` }));
  } catch (error) {
    if (!(error instanceof PathflowInputError)) throw error;
    return [...error.issues];
  }
}

/**
 * Draws N parameter sets and plans each (the model as written with the set applied, then the
 * request's scenarios, without a drift range: a set's drift strength is one of the draws).
 * `central` is the run at the model's own values (its drift range gives the matched intercepts).
 * Every set is planned before anything runs: a set the model refuses is reported (exit 2) with
 * the parameter and its drawn value.
 */
export function planUncertainty(loaded: LoadedModel, request: ExperimentRequest, n: number, central: ExperimentPlan): UncertaintyPlan {
  if (!Number.isInteger(n) || n < 2 || n > MAX_SETS) throw new PathflowInputError([issue(["--uncertainty"], `expected a whole number of parameter sets from 2 to ${MAX_SETS}, got ${n}`)], "--uncertainty");
  const parameters = uncertainParameters(loaded);
  const seed = central.settings.seed;
  const columns = parameters.map((p) => latinColumn(n, createStream(seed, 0, `uncertainty/${p.name}`)));
  const matching = interceptMatching(loaded, parameters, central);
  // Structural problems (a path the model does not have) are the parameter's, whatever is drawn: checked once, at the medians.
  const medians = parameters.map((p) => uncertainQuantile(p.distribution, 0.5));
  try {
    applySet(loaded, parameters, medians, null);
  } catch (error) {
    if (!(error instanceof PathflowInputError)) throw error;
    throw new PathflowInputError(error.issues, loaded.file);
  }
  const issues: Issue[] = [];
  const sets: { set: ParameterSet; plan: ExperimentPlan }[] = [];
  for (let s = 0; s < n; s++) {
    const uniforms = columns.map((c) => c[s]!);
    const values = parameters.map((p, j) => uncertainQuantile(p.distribution, uniforms[j]!));
    try {
      const { raw, intercept } = applySet(loaded, parameters, values, matching);
      const checked = validateModelObject(raw, loaded.dir, loaded.tables, loaded.dataDirs);
      if (checked.model === undefined) throw new PathflowInputError(checked.issues);
      const plan = planExperiment({ ...loaded, raw, model: checked.model, tables: checked.tables }, { ...request, driftRange: false, measuredDrift: undefined });
      sets.push({ set: { index: s + 1, values, uniforms, intercept }, plan });
    } catch (error) {
      if (!(error instanceof PathflowInputError)) throw error;
      const drawn = parameters.map((p, j) => `${p.name} = ${round(values[j]!)}`).join(", ");
      for (const i of error.issues) issues.push({ code: i.code, path: blame(i.path, parameters), message: `parameter set ${s + 1} (${drawn}): ${formatPath(i.path)}: ${i.message}` });
      if (issues.length >= 20) break;
    }
  }
  if (issues.length > 0) throw new PathflowInputError(issues, "a drawn parameter set is not a valid model: narrow the distribution");
  return { parameters, sets, matching, seed };
}

/** The uncertain parameter an issue is about (its path starts at the parameter's), else the issue's own path. */
function blame(path: readonly (string | number)[], parameters: readonly UncertainParameter[]): (string | number)[] {
  for (const p of parameters) {
    const prefix = p.target.kind === "model" ? p.target.path : ["scenarios", p.target.scenario];
    if (prefix.every((k, i) => String(path[i]) === String(k))) return ["uncertainty", p.name];
    if (path[0] === "uncertainty" && path[1] === p.name) return [...path];
  }
  return [...path];
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A path in change-path syntax: `nodes.acute.outcomes["*"][0].pct`. */
function pathText(path: readonly (string | number)[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : /^[A-Za-z0-9_-]+$/.test(k) ? `${i === 0 ? "" : "."}${k}` : `[${JSON.stringify(k)}]`)).join("");
}

/** The value at a path of a plain JSON value (undefined where there is none). */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const k of path) {
    if (Array.isArray(node) && typeof k === "number") node = node[k];
    else if (isPlainObject(node) && Object.hasOwn(node, String(k))) node = node[String(k)];
    else return undefined;
  }
  return node;
}

/** 1 − d·(1 − m) for every number in `value` (a multiplier or a list of them). */
function scaleAvoided(value: unknown, d: number): unknown {
  if (typeof value === "number") return Math.max(0, 1 - d * (1 - value));
  if (Array.isArray(value)) return value.map((v) => scaleAvoided(v, d));
  return undefined;
}

/** Appends the model-level changes of a set to a synthetic scenario and applies it to the model as written. */
const SET_SCENARIO = "uncertainty-set";

/** The model as written with one parameter set applied (and the matched intercept, where drift strength is drawn). */
export function applySet(loaded: LoadedModel, parameters: readonly UncertainParameter[], values: readonly number[], matching: InterceptMatching | null): { raw: unknown; intercept: ParameterSet["intercept"] } {
  const raw = loaded.raw as Record<string, unknown>;
  const scenarios = structuredClone((raw["scenarios"] ?? {}) as Record<string, { changes?: Record<string, unknown>[] }>);
  const changes: { path: string; set?: unknown; scale?: number; why: string }[] = [];
  /** The parameter each model-level change comes from. */
  const owners: string[] = [];
  const issues: Issue[] = [];
  parameters.forEach((p, j) => {
    const v = values[j]!;
    const why = `uncertainty: ${p.name}`;
    if (p.target.kind === "model") {
      const path = pathText(p.target.path);
      owners.push(p.name);
      if (p.apply === "set") changes.push({ path, set: v, why });
      else if (p.apply === "scale") changes.push({ path, scale: v, why });
      else {
        const scaled = scaleAvoided(valueAt(raw, p.target.path), v);
        if (scaled === undefined) issues.push(issue(["uncertainty", p.name, "apply"], `scaleAvoided needs a demand multiplier (a number or a list of numbers) at ${p.path}; the model sets none there`));
        else changes.push({ path, set: scaled, why });
      }
      return;
    }
    const { scenario, change, rest } = p.target;
    const list = (scenarios[scenario]!.changes ??= []);
    const own = list[change]!;
    if (rest[0] === "scale") {
      own["scale"] = p.apply === "set" ? v : (own["scale"] as number) * v;
      return;
    }
    const parsed = parseChangePath(String(own["path"]));
    if ("error" in parsed) return; // reported when the scenario is resolved
    const path = pathText([...parsed.path, ...rest.slice(1)]);
    if (p.apply === "set") list.push({ path, set: v, why });
    else if (p.apply === "scale") list.push({ path, scale: v, why });
    else {
      const scaled = scaleAvoided(valueAt(own["set"], rest.slice(1)), v);
      if (scaled === undefined) issues.push(issue(["uncertainty", p.name, "apply"], `scaleAvoided needs a demand multiplier (a number or a list of numbers) at ${p.path}`));
      else list.push({ path, set: scaled, why });
    }
  });
  if (issues.length > 0) throw new PathflowInputError(issues);
  let applied: Record<string, unknown>;
  try {
    applied = changes.length === 0 ? structuredClone(raw) : (applyScenario({ ...raw, scenarios: { [SET_SCENARIO]: { changes } } }, SET_SCENARIO) as Record<string, unknown>);
  } catch (error) {
    if (!(error instanceof PathflowInputError)) throw error;
    // A change that cannot be applied is the parameter's: say so at its path, without the synthetic scenario.
    throw new PathflowInputError(
      error.issues.map((i) => (i.path[1] === SET_SCENARIO && typeof i.path[3] === "number" ? { ...i, path: ["uncertainty", owners[i.path[3]] ?? "", String(i.path[4] ?? "path") === "scale" ? "apply" : "path"] } : i)),
    );
  }
  let intercept: ParameterSet["intercept"];
  if (matching !== null) {
    const ed = (applied["nodes"] as Record<string, { admission: Record<string, unknown> }>)[matching.ed]!;
    const b2 = ed.admission["b2PerOccupancyPoint"] as number;
    const b0 = interpolate(matching, b2);
    if (b0 === null) {
      const lo = matching.points[0]!.b2;
      const hi = matching.points.at(-1)!.b2;
      throw new PathflowInputError([issue(["uncertainty"], `drift strength ${round(b2)} lies outside the strengths with a matched intercept (${lo} to ${hi}, ${matching.source}): bound the distribution within them, or widen the drift range (admission.driftRange, or --drift-range) to cover it`)]);
    }
    ed.admission["b0"] = b0;
    intercept = { ed: matching.ed, b0 };
  }
  if (isPlainObject(applied)) applied["scenarios"] = scenarios;
  return { raw: applied, intercept };
}

/** b0 at drift strength b2, linear between the matched points (null outside them). */
export function interpolate(matching: InterceptMatching, b2: number): number | null {
  const pts = matching.points;
  const tolerance = 1e-12;
  if (b2 < pts[0]!.b2 - tolerance || b2 > pts.at(-1)!.b2 + tolerance) return null;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (b2 <= b.b2 + tolerance) return a.b0 + ((Math.min(b2, b.b2) - a.b2) / (b.b2 - a.b2)) * (b.b0 - a.b0);
  }
  return pts.at(-1)!.b0;
}

/**
 * When a drawn parameter is an ED's drift strength (and its intercept is not drawn too): the
 * matched (b2, b0) points to interpolate between — the central run's drift range where it was
 * matched, else the model file's admission.driftRange intercepts, with the model's own b2 and b0.
 */
function interceptMatching(loaded: LoadedModel, parameters: readonly UncertainParameter[], central: ExperimentPlan): InterceptMatching | null {
  const admissionOf = (p: UncertainParameter, key: string): string | null => {
    if (p.target.kind !== "model") return null;
    const [nodes, ed, admission, what] = p.target.path;
    if (nodes !== "nodes" || admission !== "admission" || what !== key || p.target.path.length !== 4) return null;
    return typeof ed === "string" && loaded.model.nodes[ed]?.type === "ed" ? ed : null;
  };
  const drawn = parameters.map((p) => admissionOf(p, "b2PerOccupancyPoint")).find((ed) => ed !== null);
  if (drawn === undefined || drawn === null) return null;
  if (parameters.some((p) => admissionOf(p, "b0") === drawn)) return null;
  const node = loaded.model.nodes[drawn] as { admission: { b0: number; b2PerOccupancyPoint: number; driftRange?: { b2PerOccupancyPoint: number[]; b0?: number[] } } };
  const range = central.driftRange;
  let points: { b2: number; b0: number }[];
  let source: string;
  if (range !== undefined && range.ed === drawn && range.strengths.every((s) => Number.isFinite(s.b0))) {
    points = range.strengths.map((s) => ({ b2: s.b2, b0: s.b0 }));
    source = range.strengths.some((s) => s.matched === "search") ? "matched by this run's drift range" : "the model file's admission.driftRange";
  } else {
    const given = node.admission.driftRange;
    points = [{ b2: node.admission.b2PerOccupancyPoint, b0: node.admission.b0 }];
    if (given?.b0 !== undefined) given.b2PerOccupancyPoint.forEach((b2, i) => points.push({ b2, b0: given.b0![i]! }));
    source = "the model file's admission.driftRange";
  }
  const unique = [...new Map(points.map((p) => [p.b2, p])).values()].sort((a, b) => a.b2 - b.b2);
  if (unique.length < 2) {
    throw new PathflowInputError(
      [issue(["nodes", drawn, "admission", "driftRange", "b0"], "a drawn drift strength needs matched intercepts to keep the baseline at the model's operating point: give admission.driftRange with b0 (pathflow run prints the matched intercepts), or make b0 uncertain too")],
      loaded.file,
    );
  }
  return { ed: drawn, points: unique, source };
}

/** Runs every set on one pool; `onProgress` counts replications over all sets. */
export async function runUncertainty(plan: UncertaintyPlan, options: RunOptions = {}): Promise<UncertaintyResult> {
  const reps = plan.sets[0]?.plan.settings.replications ?? 1;
  // Enough sets at once to keep every worker busy when each set has fewer replications than workers.
  const window = Math.max(1, Math.ceil(workersFor(options.workers, Infinity) / (typeof reps === "number" ? reps : reps.maxReplications)));
  const { results, partial } = await runPlansOnPool(
    plan.sets.map((s) => s.plan),
    options,
    window,
  );
  // A set cut short by an interrupt is left out: every set reported ran all its replications.
  return { plan, results: results.filter((r) => r.state === "complete"), state: partial ? "partial" : "complete" };
}
