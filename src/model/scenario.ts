/**
 * Scenarios: named sets of changes applied to the model as written, then validated again like
 * any model. A change names a parameter by a dotted path (`nodes.acute.servers`, array indices as
 * `.0.` or `[0]`, a key that is not an id as `["*"]`) and either `set`s a new value or `scale`s
 * the numbers there by a factor.
 *
 * Scaling rules: a number is multiplied (whole-number parameters such as beds are rounded to the
 * nearest whole number); a list or object has each number in it scaled; a distribution has its
 * location and scale parameters scaled (mean, sd, min, mode, max, value, scale, values,
 * observations — never shape, k or probabilities), so the variable itself is scaled; a weekly
 * capacity calendar has each `value` scaled, never its hours; dated periods of a capacity have their
 * add and set scaled, never their dates.
 */
import { PathflowInputError, formatPath, type Issue, type IssuePath } from "../errors.js";
import type { DistributionSpec, DistributionType } from "../random/distribution-spec.js";
import { describeDistribution, DISTRIBUTION_TYPES, scaledParameters } from "../random/families.js";
import { nearest } from "./check.js";
import { validateModelObject, type LoadedModel } from "./load.js";
import { defaultOf, isPlainObject, isWholeNumberAt, keysOf, schemaAt } from "./schema-introspection.js";
import { Model } from "./schema.js";
import { setOwn } from "./own.js";
import { parseChangePath } from "./change-path.js";
import { periodProblem } from "../dates.js";
export { parseChangePath } from "./change-path.js";

/** One change as applied: where, what it was and what it became. */
export interface AppliedChange {
  /** Index of the change in the scenario's `changes`. */
  readonly index: number;
  /** The path as written in the model file. */
  readonly text: string;
  /** The parsed path (array indices as numbers). */
  readonly target: ReadonlyArray<string | number>;
  readonly kind: "set" | "scale";
  /** The factor, for `scale`. */
  readonly factor?: number;
  readonly before: unknown;
  readonly after: unknown;
  readonly why: string;
}

/**
 * A deep copy of the raw model with scenario `name`'s changes applied. Throws one
 * PathflowInputError if the scenario does not exist or a change cannot be applied (an unknown
 * parameter, nothing to scale). The result still needs validating (see `resolveScenario`).
 */
export function applyScenario(raw: unknown, name: string): unknown {
  const result = applyChanges(raw, name);
  if (result.issues.length > 0) throw new PathflowInputError(result.issues, `scenario "${name}"`);
  // Whole, scenarios included (resolving leaves them out: a resolved scenario needs none).
  if (isPlainObject(raw) && Object.hasOwn(raw, "scenarios") && isPlainObject(result.model)) setOwn(result.model, "scenarios", structuredClone(raw["scenarios"]));
  return result.model;
}

/**
 * The loaded model with scenario `name` applied and validated again (schema, cross-checks,
 * rates CSVs). Problems caused by a change are reported at that change
 * (`scenarios.<name>.changes[i].set`); others prefixed "with this scenario". Throws one
 * PathflowInputError with all of them.
 */
export function resolveScenario(loaded: LoadedModel, name: string): LoadedModel {
  const applied = applyChanges(loaded.raw, name);
  if (!applied.found) throw new PathflowInputError(applied.issues, `scenario "${name}"`);
  // Validate even when some changes could not be applied (they were skipped), so that one run
  // reports every problem of the scenario.
  const result = validateModelObject(applied.model, loaded.dir, loaded.tables, loaded.dataDirs);
  if (result.model !== undefined && applied.issues.length === 0) {
    return { ...loaded, raw: applied.model, model: result.model, tables: result.tables };
  }
  // Reported in the order of the changes, then the problems no single change explains.
  const issues = [...applied.issues, ...result.issues.map((issue) => attribute(issue, name, applied.changes))];
  const order = (issue: Issue): number => (typeof issue.path[3] === "number" ? issue.path[3] : Infinity);
  throw new PathflowInputError(
    issues
      .map((issue, i) => ({ issue, i }))
      .sort((a, b) => order(a.issue) - order(b.issue) || a.i - b.i)
      .map(({ issue }) => issue),
    `scenario "${name}"`,
  );
}

/** Every problem in every scenario of a loaded model (for `pathflow validate`). */
export function validateScenarios(loaded: LoadedModel): Issue[] {
  const issues: Issue[] = [];
  for (const name of Object.keys(loaded.model.scenarios)) {
    try {
      resolveScenario(loaded, name);
    } catch (error) {
      if (error instanceof PathflowInputError) for (const issue of error.issues) issues.push(issue);
      else throw error;
    }
  }
  return issues;
}

/**
 * One line per change of scenario `name`, e.g. `nodes.acute.servers: 1750 → 1800 (more beds)`.
 * `model` is the model as written or as validated. Throws like `applyScenario`.
 */
export function describeScenario(model: unknown, name: string): string[] {
  const result = applyChanges(model, name);
  if (result.issues.length > 0) throw new PathflowInputError(result.issues, `scenario "${name}"`);
  return result.changes.map((change) => {
    const notes = [change.kind === "scale" ? `×${formatNumber(change.factor ?? NaN)}` : "", change.why].filter((note) => note !== "");
    const suffix = notes.length > 0 ? ` (${notes.join("; ")})` : "";
    return `${change.text}: ${formatValue(change.before)} → ${formatValue(change.after)}${suffix}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Applying changes
// ---------------------------------------------------------------------------------------------

interface RawChange {
  path?: unknown;
  set?: unknown;
  scale?: unknown;
  why?: unknown;
  from?: unknown;
  to?: unknown;
}

/** The model with the scenario's changes applied; a change that cannot be applied is skipped and reported. */
function applyChanges(raw: unknown, name: string): { found: boolean; model: unknown; changes: AppliedChange[]; issues: Issue[] } {
  // The copy a scenario is applied to leaves the scenarios out: a resolved scenario needs none of
  // them, and copying and validating every other scenario for each one made validation grow with
  // the square of their number (4,000 scenarios took a minute and a half).
  const scenarios = isPlainObject(raw) && isPlainObject(raw["scenarios"]) ? raw["scenarios"] : defaultScenarios();
  const model: unknown = isPlainObject(raw) ? structuredClone(withoutScenarios(raw)) : structuredClone(raw);
  const issues: Issue[] = [];
  const changes: AppliedChange[] = [];
  const scenario = Object.hasOwn(scenarios, name) ? scenarios[name] : undefined;
  if (scenario === undefined) {
    const names = Object.keys(scenarios);
    const close = nearest(name, names);
    issues.push({
      code: "unknown_reference",
      path: ["scenarios"],
      message: `no scenario named ${JSON.stringify(name)}${close !== undefined ? ` (did you mean ${JSON.stringify(close)}?)` : ""}; scenarios are ${names.length > 0 ? names.join(", ") : "(none)"}`,
    });
    return { found: false, model, changes, issues };
  }
  const list = isPlainObject(scenario) && Array.isArray(scenario["changes"]) ? (scenario["changes"] as unknown[]) : [];
  list.forEach((entry, index) => {
    const at = ["scenarios", name, "changes", index];
    const change: RawChange = isPlainObject(entry) ? entry : {};
    const problem = (key: string, message: string): void => {
      issues.push({ code: "invalid_value", path: [...at, key], message });
    };
    if (typeof change.path !== "string") return problem("path", "a change needs a path (text), e.g. nodes.acute.servers");
    const text = change.path;
    const why = typeof change.why === "string" ? change.why : "";
    const parsed = parseChangePath(text);
    if ("error" in parsed) return problem("path", parsed.error);
    const off = offLimits(parsed.path);
    if (off !== undefined) return problem("path", off);
    const hasSet = change.set !== undefined;
    const hasScale = change.scale !== undefined;
    if (hasSet && hasScale) return problem("scale", "give either set (a new value) or scale (a factor), not both");
    if (!hasSet && !hasScale) return problem("path", "a change needs set (a new value) or scale (a factor)");
    const place = locate(model, parsed.path, text);
    if ("error" in place) return problem("path", place.error);
    if (change.from !== undefined || change.to !== undefined) {
      const dated = applyDated(model, place, change, text, why, index);
      if ("key" in dated) return problem(dated.key, dated.message);
      changes.push(dated);
      return;
    }
    const { parent, key, target } = place;
    const exists = Object.hasOwn(parent, key);
    if (hasSet) {
      const before = exists ? (parent as Record<string | number, unknown>)[key] : undefined;
      const after = structuredClone(change.set);
      setOwn(parent, key, after);
      changes.push({ index, text, target, kind: "set", before, after, why });
      return;
    }
    const factor = change.scale;
    if (typeof factor !== "number" || !Number.isFinite(factor) || factor < 0) {
      return problem("scale", `scale must be a finite number ≥ 0, got ${JSON.stringify(factor)}`);
    }
    let before: unknown;
    if (exists) {
      before = (parent as Record<string | number, unknown>)[key];
    } else {
      const schema = schemaAt(Model, target, model);
      const fallback = schema !== undefined ? defaultOf(schema) : { found: false };
      if (!fallback.found) return problem("path", `${JSON.stringify(text)} is not set in the model, so there is nothing to scale; use set`);
      before = fallback.value;
    }
    const scaled = scaleValue(before, factor, target, model);
    if (scaled.count === 0) {
      return problem("scale", `nothing to scale at ${JSON.stringify(text)}: it holds ${formatValue(before)}, with no numbers in it`);
    }
    setOwn(parent, key, scaled.value);
    changes.push({ index, text, target, kind: "scale", factor, before, after: scaled.value, why });
  });
  return { found: true, model, changes, issues };
}

/** The capacities a change from a date may change, by node type (home care: its paid hours, into paidHoursByDate). */
const CAPACITY_KEYS: Readonly<Record<string, string>> = { unit: "servers", ed: "cubicles", ambulance: "vehicles", homecare: "paidHoursPerWeek" };

/**
 * A change that holds from a date (to a date): it becomes a dated period of the model — a
 * demand multiplier's `demandMultiplierByDate` entry (the new value over the old), a capacity's
 * `dated` entry that sets the new value — so the model outside the period is the model as written.
 */
function applyDated(
  model: unknown,
  place: { parent: Container; key: string | number; target: Array<string | number> },
  change: RawChange,
  text: string,
  why: string,
  index: number,
): AppliedChange | { key: string; message: string } {
  const { from, to } = change;
  if (typeof from !== "string") return { key: from === undefined ? "to" : "from", message: from === undefined ? "to needs from: the first day the change holds" : "from must be a date, YYYY-MM-DD or MM-DD" };
  if (to !== undefined && typeof to !== "string") return { key: "to", message: "to must be a date, YYYY-MM-DD or MM-DD" };
  const period = { from, ...(to === undefined ? {} : { to }) };
  const bad = periodProblem(period);
  if (bad !== undefined) return { key: bad.key, message: bad.message };
  const { parent, key, target } = place;
  const current = (parent as Record<string | number, unknown>)[key];
  const scale = change.scale;
  if (scale !== undefined && (typeof scale !== "number" || !Number.isFinite(scale) || scale < 0)) return { key: "scale", message: `scale must be a finite number ≥ 0, got ${JSON.stringify(scale)}` };
  const newValue = (old: number): number | undefined => (change.set !== undefined ? (typeof change.set === "number" ? change.set : undefined) : old * (scale as number));
  const owner = isPlainObject(model) ? model : {};
  const isSegment = target.length === 3 && target[0] === "segments" && target[2] === "demandMultiplier";
  const node = target.length === 3 && target[0] === "nodes" && isPlainObject(owner["nodes"]) ? (owner["nodes"] as Record<string, unknown>)[String(target[1])] : undefined;
  const isCapacity = isPlainObject(node) && CAPACITY_KEYS[String(node["type"])] === target[2];
  const text_ = `${text} from ${from}${to === undefined ? "" : ` to ${String(to)}`}`;
  const kind = change.set !== undefined ? "set" : "scale";
  const factor = kind === "scale" ? { factor: scale as number } : {};
  if (isSegment) {
    const before = typeof current === "number" ? current : 1;
    const after = newValue(before);
    if (after === undefined || after < 0) return { key: "set", message: `a demand multiplier from a date must be a number ≥ 0, got ${JSON.stringify(change.set)}` };
    if (before === 0) return { key: "path", message: `${text} is 0 (no demand), so a change from a date cannot be a multiple of it; change segments.<id>.arrivals instead` };
    const segment = parent as Record<string, unknown>;
    const list = Array.isArray(segment["demandMultiplierByDate"]) ? [...(segment["demandMultiplierByDate"] as unknown[])] : [];
    list.push({ ...period, multiplier: after / before, ...(why === "" ? {} : { why }) });
    setOwn(segment, "demandMultiplierByDate", list);
    return { index, text: text_, target: [...target.slice(0, 2), "demandMultiplierByDate", list.length - 1], kind, ...factor, before, after, why };
  }
  if (isCapacity && node["type"] === "homecare") {
    const before = typeof current === "number" ? current : 0;
    const after = newValue(before);
    if (after === undefined || !Number.isFinite(after) || after < 0) return { key: "set", message: `paid hours from a date must be a number ≥ 0, got ${JSON.stringify(change.set)}` };
    const list = Array.isArray(node["paidHoursByDate"]) ? [...(node["paidHoursByDate"] as unknown[])] : [];
    list.push({ ...period, set: after, ...(why === "" ? {} : { why }) });
    setOwn(node, "paidHoursByDate", list);
    return { index, text: text_, target: [...target.slice(0, 2), "paidHoursByDate", list.length - 1], kind, ...factor, before, after, why };
  }
  if (isCapacity) {
    if (!isPlainObject(current) && typeof current !== "number") return { key: "path", message: `${text} is ${JSON.stringify(current)}: only a number or a calendar of ${String(target[2])} can change from a date` };
    const base = typeof current === "number" ? current : isPlainObject(current) && typeof current["value"] === "number" ? current["value"] : undefined;
    if (base === undefined && change.set === undefined) {
      return { key: "scale", message: `${text} follows a weekly calendar: a change from a date can set a number of ${String(target[2])} (set), not scale the calendar` };
    }
    const raw = newValue(base ?? 0);
    const after = raw === undefined ? undefined : kind === "scale" ? Math.round(raw) : raw;
    if (after === undefined || !Number.isInteger(after) || after < 0) return { key: "set", message: `a capacity from a date must be a whole number ≥ 0, got ${JSON.stringify(change.set)}` };
    const entry = { ...period, set: after, ...(why === "" ? {} : { why }) };
    const holder: Record<string, unknown> = typeof current === "number" ? { value: current } : isPlainObject(current) ? { ...current } : {};
    const list = Array.isArray(holder["dated"]) ? [...(holder["dated"] as unknown[]), entry] : [entry];
    holder["dated"] = list;
    setOwn(parent, key, holder);
    return { index, text: text_, target: [...target, "dated", list.length - 1], kind, ...factor, before: base ?? current, after, why };
  }
  return { key: "from", message: `a change from a date can change a segment's demandMultiplier or a capacity (nodes.<id>.servers, cubicles, vehicles, paidHoursPerWeek), not ${text}` };
}

/** Run settings that belong to the experiment (the plan, the command line), not to a scenario. */
const EXPERIMENT_SETTINGS = ["days", "warmupDays", "replications", "seed", "startDate"];

/** Why a change may not touch `path`, if it may not. */
function offLimits(path: ReadonlyArray<string | number>): string | undefined {
  if (path[0] === "scenarios") return "a scenario cannot change scenarios (its own or another's): each scenario is applied to the model as written";
  if (path[0] === "run" && (path.length === 1 || EXPERIMENT_SETTINGS.includes(String(path[1])))) {
    return `a scenario cannot change ${path.length === 1 ? "the run settings" : `run.${String(path[1])}`}: days, warm-up, replications, seed and start date are the experiment's, the same for every scenario (set them in run, or with --days, --warmup-days, --reps, --seed, --start-date; a change that starts on a date takes from)`;
  }
  return undefined;
}

function withoutScenarios(raw: Record<string, unknown>): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (key !== "scenarios") setOwn(rest, key, value);
  return rest;
}

function defaultScenarios(): Record<string, unknown> {
  const fallback = defaultOf(Model.shape.scenarios);
  return isPlainObject(fallback.value) ? fallback.value : {};
}

type Container = Record<string, unknown> | unknown[];

/**
 * Finds the container and key a path names. Every step but the last must exist in the model; the
 * last may be missing from an object if the schema allows that key there (then `set` adds it).
 */
function locate(
  model: unknown,
  path: ReadonlyArray<string | number>,
  text: string,
): { parent: Container; key: string | number; target: Array<string | number> } | { error: string } {
  const target: Array<string | number> = [];
  let node: unknown = model;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    if (Array.isArray(node)) {
      const index = typeof step === "number" ? step : /^\d+$/.test(step) ? Number(step) : NaN;
      if (!(index >= 0 && index < node.length)) {
        return { error: `no such parameter ${JSON.stringify(text)}: ${formatPath(target)} is a list of ${node.length}, indices 0 to ${node.length - 1}` };
      }
      target.push(index);
      if (last) return { parent: node, key: index, target };
      node = node[index];
      continue;
    }
    if (!isPlainObject(node)) {
      return { error: `no such parameter ${JSON.stringify(text)}: ${formatPath(target)} is ${describeKind(node)}, with nothing inside` };
    }
    const key = String(step);
    target.push(key);
    if (last) {
      if (Object.hasOwn(node, key) || schemaAt(Model, target, model) !== undefined) return { parent: node, key, target };
      return { error: unknownParameter(text, target, node, model) };
    }
    if (!Object.hasOwn(node, key)) return { error: unknownParameter(text, target, node, model) };
    node = node[key];
  }
  return { error: "the path is empty" };
}

function unknownParameter(text: string, target: ReadonlyArray<string | number>, container: Record<string, unknown>, model: unknown): string {
  const key = String(target[target.length - 1]);
  const parentPath = target.slice(0, -1);
  const allowed = keysOf(schemaAt(Model, parentPath, model) ?? Model, container) ?? Object.keys(container);
  const candidates = [...new Set([...allowed, ...Object.keys(container)])];
  const close = nearest(key, candidates);
  const where = parentPath.length === 0 ? "the model" : formatPath(parentPath);
  const hint = close !== undefined ? `did you mean ${JSON.stringify(close)}?` : `it has ${candidates.join(", ")}`;
  return `no such parameter ${JSON.stringify(text)}: ${where} has no ${JSON.stringify(key)}; ${hint}`;
}

/** `value` (found at `path` in `model`) with its numbers multiplied by `factor`; `count` numbers changed. */
function scaleValue(value: unknown, factor: number, path: ReadonlyArray<string | number>, model: unknown): { value: unknown; count: number } {
  if (typeof value === "number") {
    const product = value * factor;
    return { value: isWholeNumberAt(Model, path, model) ? Math.round(product) : product, count: 1 };
  }
  if (Array.isArray(value)) {
    let count = 0;
    const out = value.map((item, i) => {
      const scaled = scaleValue(item, factor, [...path, i], model);
      count += scaled.count;
      return scaled.value;
    });
    return { value: out, count };
  }
  if (!isPlainObject(value)) return { value, count: 0 };
  const type = value["type"];
  let keys: readonly string[];
  if (typeof type === "string" && (DISTRIBUTION_TYPES as readonly string[]).includes(type)) {
    keys = scaledParameters(type as DistributionType);
  } else if (Array.isArray(value["calendar"])) {
    return scaleCalendar(value, factor, path, model);
  } else {
    keys = Object.keys(value);
  }
  let count = 0;
  const out: Record<string, unknown> = { ...value };
  for (const key of keys) {
    if (!Object.hasOwn(value, key)) continue;
    const scaled = scaleValue(value[key], factor, [...path, key], model);
    setOwn(out, key, scaled.value);
    count += scaled.count;
  }
  return { value: out, count };
}

/** A capacity calendar with each entry's value scaled (and rounded); the hours stay. */
function scaleCalendar(
  value: Record<string, unknown>,
  factor: number,
  path: ReadonlyArray<string | number>,
  model: unknown,
): { value: unknown; count: number } {
  let count = 0;
  const calendar = (value["calendar"] as unknown[]).map((entry, i) => {
    if (!isPlainObject(entry) || typeof entry["value"] !== "number") return entry;
    count++;
    const scaled = scaleValue(entry["value"], factor, [...path, "calendar", i, "value"], model);
    return { ...entry, value: scaled.value };
  });
  // Dated periods' numbers (add, set) scale with the calendar they lie over.
  if (Array.isArray(value["dated"])) {
    const dated = scaleValue(value["dated"], factor, [...path, "dated"], model);
    return { value: { ...value, calendar, dated: dated.value }, count: count + dated.count };
  }
  return { value: { ...value, calendar }, count };
}

// ---------------------------------------------------------------------------------------------
// Attributing validation issues to changes
// ---------------------------------------------------------------------------------------------

/** Reports an issue found after applying a scenario at the change that caused it, if any. */
function attribute(issue: Issue, name: string, changes: readonly AppliedChange[]): Issue {
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i]!;
    if (startsWith(issue.path, change.target)) {
      return {
        code: issue.code,
        path: ["scenarios", name, "changes", change.index, change.kind],
        message: `${formatPath(issue.path)}: ${issue.message}`,
      };
    }
  }
  return { code: issue.code, path: ["scenarios", name], message: `with this scenario, ${formatPath(issue.path)}: ${issue.message}` };
}

function startsWith(path: IssuePath, prefix: IssuePath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((key, i) => String(key) === String(path[i]));
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(6)));
}

function formatValue(value: unknown): string {
  if (value === undefined) return "(not set)";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (isPlainObject(value) && typeof value["type"] === "string" && (DISTRIBUTION_TYPES as readonly string[]).includes(value["type"])) {
    try {
      return describeDistribution(value as unknown as DistributionSpec);
    } catch {
      // fall through to JSON
    }
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "number") && value.length <= 12) {
    return `[${value.map((v) => formatNumber(v as number)).join(", ")}]`;
  }
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" ? Number(v.toPrecision(6)) : v));
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
