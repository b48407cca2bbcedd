/**
 * Planning an experiment: the stage between a validated model and the worker pool. Each scenario
 * the run needs is resolved (its changes applied, plus a sweep cell's) and validated once, here,
 * into a variant — plain, clonable data that workers compile and run without ever reading the
 * model file. The plan also holds the run settings (in one place) and the facts about the model
 * that the output writers need, so nothing downstream goes back to the file.
 */
import { PathflowInputError, type Issue } from "../errors.js";
import { parseIsoDate } from "../dates.js";
import type { LoadedModel } from "../model/load.js";
import { describeScenario, resolveScenario } from "../model/scenario.js";
import { RESOURCES, type ResourceName } from "../pathway/ledger.js";
import { planDriftRange } from "./drift-range.js";
import { capacityPart, changedSegments, demandPart, mixedParts } from "./scenario-parts.js";
import type { Override, RunSettings, Variant, ModelFacts, ExperimentRequest, ExperimentPlan } from "../types.js";
export type { Override, AutoReplications, RunSettings, Variant, ModelFacts, ExperimentRequest, ExperimentPlan } from "../types.js";

/** The name of the compared scenario of a sweep run without --scenario: the baseline plus the --set values. */
export const SWEEP_SCENARIO = "sweep";

/**
 * Resolves and validates every scenario the request needs, once. Bad input (an unknown scenario
 * or baseline, a change that cannot be applied, a resolved model that is invalid) throws one
 * PathflowInputError before anything runs.
 */
export function planExperiment(loaded: LoadedModel, request: ExperimentRequest = {}): ExperimentPlan {
  const spec = loaded.model;
  const all = Object.keys(spec.scenarios);
  const baseline = request.baseline ?? "baseline";
  const requested = request.scenarios && request.scenarios.length > 0 ? [...request.scenarios] : all;
  const scenarios = [baseline, ...requested.filter((s) => s !== baseline)];
  // A scenario compared with another (compareWith) brings that one into the run; when the user
  // names a baseline, every scenario is compared with it.
  const comparedWith: Record<string, string> = {};
  for (const s of [...scenarios]) {
    const other = request.baseline === undefined && Object.hasOwn(spec.scenarios, s) ? spec.scenarios[s]?.compareWith : undefined;
    comparedWith[s] = other ?? baseline;
    if (other !== undefined && !scenarios.includes(other)) scenarios.splice(1, 0, other);
  }
  for (const s of scenarios) if (!Object.hasOwn(comparedWith, s)) comparedWith[s] = baseline;

  const issues: Issue[] = [];
  const variants: Variant[] = [];
  for (const s of scenarios) {
    const overrides = [...(request.overrides ?? []), ...(s === baseline ? [] : (request.scenarioOverrides ?? []))];
    try {
      variants.push(resolveVariant(loaded, s, overrides));
    } catch (error) {
      if (!(error instanceof PathflowInputError)) throw error;
      for (const issue of error.issues) issues.push(issue);
    }
  }
  if (issues.length > 0) throw new PathflowInputError(issues, loaded.file);

  // A scenario that changes demand and capacity together is split into its two parts by
  // counterfactual (scenario-parts.ts): each part runs as a scenario of its own.
  for (const variant of [...variants]) {
    const ref = comparedWith[variant.scenario]!;
    if (ref === variant.scenario) continue;
    const [demand, capacity] = mixedParts(variant, variants[scenarios.indexOf(ref)]!);
    if (demand === undefined || capacity === undefined) continue;
    const at = scenarios.indexOf(variant.scenario) + 1;
    scenarios.splice(at, 0, demand.scenario, capacity.scenario);
    variants.splice(at, 0, demand, capacity);
    comparedWith[demand.scenario] = ref;
    comparedWith[capacity.scenario] = demand.scenario;
  }

  const settings: RunSettings = {
    seed: request.seed ?? spec.run.seed,
    days: request.days ?? spec.run.days,
    warmupDays: request.warmupDays ?? spec.run.warmupDays,
    replications: request.replications ?? spec.run.replications,
  };
  const startDate = datedRun(loaded, request, settings, scenarios, variants);
  return { model: modelFacts(loaded, scenarios, startDate), scenarios, baseline, comparedWith, variants, settings, driftRange: planDriftRange(variants[0]!, request, demandScenarios(scenarios, variants, comparedWith, baseline)) };
}

/** The scenarios compared with the baseline that change demand (any segment): those a drift range reports. */
function demandScenarios(scenarios: readonly string[], variants: readonly Variant[], comparedWith: Readonly<Record<string, string>>, baseline: string): string[] {
  return scenarios.filter((s, i) => s !== baseline && comparedWith[s] === baseline && changedSegments(variants[i]!.spec, variants[0]!.spec).length > 0);
}

/**
 * One scenario resolved with extra changes on top. `sweep` (SWEEP_SCENARIO), when the model has
 * no scenario of that name, is the baseline with the overrides. Any other scenario must exist: a
 * misspelt name is an error, never the baseline under another name.
 */
function resolveVariant(loaded: LoadedModel, scenario: string, overrides: readonly Override[]): Variant {
  if (overrides.length === 0) {
    const resolved = resolveScenario(loaded, scenario);
    return { scenario, spec: resolved.model, tables: resolved.tables };
  }
  const written = loaded.raw as { scenarios?: Record<string, { changes?: unknown[] }> };
  const known = written.scenarios !== undefined && Object.hasOwn(written.scenarios, scenario);
  if (!known && scenario !== SWEEP_SCENARIO) resolveScenario(loaded, scenario); // throws: no such scenario
  const base = known ? written.scenarios![scenario] : undefined;
  const changes = [...(base?.changes ?? []), ...overrides.map((o) => ({ path: o.path, set: o.set, why: "sweep" }))];
  // Only the cell's scenario is needed: resolving copies the model without its scenarios.
  const raw = { ...written, scenarios: { [CELL]: { changes } } };
  const resolved = resolveScenario({ ...loaded, raw }, CELL);
  return { scenario, spec: resolved.model, tables: resolved.tables };
}

/** The name under which a scenario's changes and a sweep cell's values are resolved together. */
const CELL = "sweep-cell";

/**
 * The run's start date (--start-date wins over run.startDate), set on every variant, after
 * checking what a dated run needs: a whole-day warm-up (time 0 is a calendar day's start hour),
 * no run.startDayOfWeek or run.startMonth beside run.startDate in the file (the date sets both),
 * and a start date for any dated period (a dated capacity, dated demand, a change from a date).
 */
function datedRun(loaded: LoadedModel, request: ExperimentRequest, settings: RunSettings, scenarios: readonly string[], variants: Variant[]): string | undefined {
  const startDate = request.startDate ?? loaded.model.run.startDate;
  const issues: Issue[] = [];
  if (request.startDate !== undefined && typeof parseIsoDate(request.startDate) !== "number") {
    issues.push({ code: "invalid_value", path: ["--start-date"], message: `expected a calendar date YYYY-MM-DD, e.g. 2026-10-01, got ${JSON.stringify(request.startDate)}` });
  }
  const run = (loaded.raw as { run?: Record<string, unknown> }).run ?? {};
  if (run["startDate"] !== undefined) {
    for (const key of ["startDayOfWeek", "startMonth"]) {
      if (run[key] !== undefined) issues.push({ code: "invalid_value", path: ["run", key], message: `run.startDate ${String(run["startDate"])} sets the weekday and the month; remove run.${key}` });
    }
  }
  if (startDate !== undefined && !Number.isInteger(settings.warmupDays)) {
    const where = request.warmupDays !== undefined ? ["--warmup-days"] : ["run", "warmupDays"];
    issues.push({ code: "invalid_value", path: where, message: `a run with a start date needs a warm-up of whole days (it ends at 00:00 on the start date, or its start hour), got ${settings.warmupDays}` });
  }
  if (startDate === undefined) {
    // The baseline's first dated period, else each scenario that brings one (a change from a date).
    const need = "give run.startDate (YYYY-MM-DD, the first day of the results period) or --start-date";
    const own = datedPath(variants[0]!.spec);
    if (own !== undefined) issues.push({ code: "missing", path: own, message: `dated periods need the run's start date: ${need}` });
    else {
      variants.forEach((variant, i) => {
        if (i === 0 || !Object.hasOwn(loaded.model.scenarios, scenarios[i]!) || datedPath(variant.spec) === undefined) return;
        issues.push({ code: "missing", path: ["scenarios", scenarios[i]!], message: `this scenario's dated changes (from a date) need the run's start date: ${need}` });
      });
    }
  }
  if (issues.length > 0) throw new PathflowInputError(issues, loaded.file);
  if (startDate !== undefined) {
    variants.forEach((variant, i) => {
      variants[i] = { ...variant, spec: { ...variant.spec, run: { ...variant.spec.run, startDate } } };
    });
  }
  return startDate;
}

/** The path of the first dated period of a resolved model, if it has one. */
function datedPath(spec: Variant["spec"]): (string | number)[] | undefined {
  for (const [id, segment] of Object.entries(spec.segments)) {
    if (segment.demandMultiplierByDate !== undefined) return ["segments", id, "demandMultiplierByDate"];
  }
  for (const [id, node] of Object.entries(spec.nodes)) {
    if (node.type === "homecare" && node.paidHoursByDate !== undefined) return ["nodes", id, "paidHoursByDate"];
    const key = node.type === "unit" ? "servers" : node.type === "ed" ? "cubicles" : node.type === "ambulance" ? "vehicles" : undefined;
    if (key === undefined) continue;
    const capacity = (node as Record<string, unknown>)[key];
    if (typeof capacity === "object" && capacity !== null && "dated" in capacity && capacity.dated !== undefined) return ["nodes", id, key, "dated"];
  }
  return undefined;
}

function modelFacts(loaded: LoadedModel, scenarios: readonly string[], startDate: string | undefined): ModelFacts {
  const spec = loaded.model;
  const nodes = Object.entries(spec.nodes).map(([id, n]) => ({ id, type: n.type, description: n.description ?? "" }));
  const has: Record<ResourceName, boolean> = {
    ambulance_hours: nodes.some((n) => n.type === "ambulance"),
    ed_cubicle_hours: nodes.some((n) => n.type === "ed"),
    acute_bed_days: Object.values(spec.nodes).some((n) => n.type === "unit" && n.role === "acute"),
    community_bed_days: Object.values(spec.nodes).some((n) => n.type === "unit" && n.role === "community"),
    homecare_hours: nodes.some((n) => n.type === "homecare"),
  };
  const described: Record<string, { description: string; changes: string[] }> = {};
  for (const s of scenarios) {
    if (!Object.hasOwn(spec.scenarios, s)) continue;
    described[s] = { description: spec.scenarios[s]?.description ?? "", changes: describeScenario(loaded.raw, s) };
    const part = { changes: described[s].changes };
    if (scenarios.includes(demandPart(s))) described[demandPart(s)] = { ...part, description: `The demand change of ${s} alone (its capacity as the scenario it is compared with): the demand part of a split by counterfactual.` };
    if (scenarios.includes(capacityPart(s))) described[capacityPart(s)] = { ...part, description: `${s} compared with its demand part: the capacity part of a split by counterfactual.` };
  }
  return {
    file: loaded.file,
    name: spec.name,
    description: spec.description ?? "",
    acuityBands: spec.acuityBands,
    nodes,
    resources: RESOURCES.filter((r) => has[r]),
    hasEd: has.ed_cubicle_hours,
    scenarios: described,
    parameters: flattenParameters(loaded.raw),
    calendar: { startMonth: spec.run.startMonth, startDayOfWeek: spec.run.startDayOfWeek, ...(startDate === undefined ? {} : { startDate }), ...(spec.run.startHour === undefined ? {} : { startHour: spec.run.startHour }) },
  };
}

/** The model's parameters as path → value rows (leaves of the model file as written). */
export function flattenParameters(raw: unknown, prefix = ""): { path: string; value: string }[] {
  const rows: { path: string; value: string }[] = [];
  const walk = (v: unknown, path: string) => {
    if (path === "$schema" || path.startsWith("scenarios") || path === "description" || path === "name") return;
    if (Array.isArray(v) && v.every((x) => typeof x === "number")) rows.push({ path, value: v.join(", ") });
    else if (v !== null && typeof v === "object" && !Array.isArray(v) && "type" in v && typeof (v as { type: unknown }).type === "string" && Object.values(v).every((x) => typeof x !== "object")) {
      rows.push({ path, value: Object.entries(v).map(([k, x]) => `${k}=${String(x)}`).join(", ") });
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`);
    else if (!path.endsWith(".description")) rows.push({ path, value: String(v) });
  };
  walk(raw, prefix);
  return rows;
}
