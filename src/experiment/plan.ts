/**
 * Planning an experiment: the stage between a validated model and the worker pool. Each scenario
 * the run needs is resolved (its changes applied, plus a sweep cell's) and validated once, here,
 * into a variant — plain, clonable data that workers compile and run without ever reading the
 * model file. The plan also holds the run settings (in one place) and the facts about the model
 * that the output writers need, so nothing downstream goes back to the file.
 */
import { PathflowInputError, type Issue } from "../errors.js";
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
  return { model: modelFacts(loaded, scenarios), scenarios, baseline, comparedWith, variants, settings, driftRange: planDriftRange(variants[0]!, request, demandScenarios(scenarios, variants, comparedWith, baseline)) };
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
  const changes = [...(base?.changes ?? []), ...overrides.map((o) => (o.scale === undefined ? { path: o.path, set: o.set, why: "sweep" } : { path: o.path, scale: o.scale, why: "sweep" }))];
  // Only the cell's scenario is needed: resolving copies the model without its scenarios.
  const raw = { ...written, scenarios: { [CELL]: { changes } } };
  const resolved = resolveScenario({ ...loaded, raw }, CELL);
  return { scenario, spec: resolved.model, tables: resolved.tables };
}

/** The name under which a scenario's changes and a sweep cell's values are resolved together. */
const CELL = "sweep-cell";

function modelFacts(loaded: LoadedModel, scenarios: readonly string[]): ModelFacts {
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
    calendar: { startMonth: spec.run.startMonth, startDayOfWeek: spec.run.startDayOfWeek },
  };
}

/** The model's parameters as path → value rows (leaves of the model file as written). */
export function flattenParameters(raw: unknown, prefix = ""): { path: string; value: string }[] {
  const rows: { path: string; value: string }[] = [];
  const walk = (v: unknown, path: string) => {
    if (path === "$schema" || path.startsWith("scenarios") || path === "calibration" || path === "description" || path === "name") return;
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
