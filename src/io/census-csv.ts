/**
 * census.csv (docs/census.md): reading it, validated against the model like a model file, and
 * writing it. Every problem names the file, the row as a spreadsheet numbers it (the header is
 * row 1) and the column; all problems are gathered into one PathflowInputError (exit 2).
 */
import { PathflowInputError } from "../errors.js";
import { DECIMAL, FileIssues, quote, readTable } from "../estimate/csv-table.js";
import { EXIT_NODE, type CompiledModel, type CompiledNode } from "../model/compiled.js";
import type { CensusPlan, CensusRow, CensusStatus } from "../types.js";
import { toCsv } from "./csv.js";

/** The columns of census.csv, in the order pathflow writes them. */
export const CENSUS_COLUMNS = ["scenario", "replication", "patient", "node", "segment", "acuity", "status", "hours_in_status", "hours_at_node", "next", "package_hours_per_week", "phase"] as const;
const REQUIRED = ["node", "segment", "acuity", "status", "hours_in_status"];
const OPTIONAL = CENSUS_COLUMNS.filter((c) => !REQUIRED.includes(c));

/** Largest census file read. */
const MAX_CENSUS_BYTES = 512 * 2 ** 20;

const STATUSES: readonly CensusStatus[] = ["waiting", "in-service", "blocked", "on-package"];
/** The statuses a patient may have at each kind of node. */
const STATUSES_AT: Record<CompiledNode["kind"], readonly CensusStatus[]> = {
  ambulance: ["waiting", "in-service", "blocked"],
  ed: ["waiting", "in-service", "blocked"],
  unit: ["waiting", "in-service", "blocked"],
  homecare: ["waiting", "on-package"],
  placement: [],
};

/** census.csv's text for these rows. */
export function censusCsv(rows: readonly CensusRow[]): string {
  return toCsv(
    CENSUS_COLUMNS,
    rows.map((r) => [r.scenario ?? "", r.replication ?? "", r.patient ?? "", r.node, r.segment, r.acuity, r.status, r.hoursInStatus, r.hoursAtNode, r.next ?? "", r.packageHoursPerWeek ?? "", r.phase ?? ""]),
  );
}

/**
 * Reads and validates a census file against compiled models, every row against every model (a
 * row must make sense in each). Throws one PathflowInputError listing every problem.
 */
export function readCensus(file: string, models: readonly CompiledModel[]): CensusRow[] {
  const issues = new FileIssues(file);
  const rows = parseCensus(file, issues, { names: [], models, all: null, baseline: "" }).rows;
  const found = issues.finish();
  if (found.length > 0) throw new PathflowInputError(found, `census ${file} is not valid`);
  return rows;
}

/** The scenarios of a run, for reading a census: each row is checked against its own scenario's model. */
export interface CensusRun {
  /** The run's scenarios, in order. */
  readonly names: readonly string[];
  /** Their compiled models, in the same order. */
  readonly models: readonly CompiledModel[];
  /** Every scenario of the model file (a row may name one this run does not run); null: any name. */
  readonly all: readonly string[] | null;
  /** The scenario the others are compared with: its state stands in for a scenario with none of its own. */
  readonly baseline: string;
}

/**
 * Reads a census for a run (docs/census.md): every row validated against the model of its
 * scenario (a row naming none: against every scenario's), then grouped into states — each
 * scenario's own rows, else the rows naming no scenario, else the baseline's; within them one
 * state per replication given, or one for every replication. A patient named in the file has the
 * same id in every state (the same person in each scenario's state); rows without one get ids of
 * their own. Throws one PathflowInputError listing every problem.
 */
export function readCensusPlan(file: string, run: CensusRun): CensusPlan {
  const issues = new FileIssues(file);
  const { rows, rowNumbers } = parseCensus(file, issues, run);
  const plan = group(file, rows, rowNumbers, run, issues);
  const found = issues.finish();
  if (found.length > 0 || plan === null) throw new PathflowInputError(found, `census ${file} is not valid`);
  return plan;
}

function parseCensus(file: string, issues: FileIssues, run: CensusRun): { rows: CensusRow[]; rowNumbers: number[] } {
  const rows: CensusRow[] = [];
  const rowNumbers: number[] = [];
  const info = readTable(file, MAX_CENSUS_BYTES, issues, { required: REQUIRED, optional: OPTIONAL }, (cell, row) => {
    const parsed = parseRow(cell, row, run, issues);
    if (parsed !== null) {
      rows.push(parsed);
      rowNumbers.push(row);
    }
  });
  if (info !== null) {
    for (const name of info.ignoredColumns) issues.file(`unknown column ${quote(name)} (the columns are ${CENSUS_COLUMNS.join(", ")})`);
  }
  return { rows, rowNumbers };
}

/** The run's states from validated rows (see readCensusPlan); problems go to `issues`. */
function group(file: string, rows: readonly CensusRow[], rowNumbers: readonly number[], run: CensusRun, issues: FileIssues): CensusPlan | null {
  // With bad rows left out, a state may look empty: say so only when every row was good.
  const rowsLeftOut = issues.issues.length > 0;
  // Ids: a named patient keeps one id across states; an unnamed row has an id of its own.
  const byPatient = new Map<string, number>();
  for (const r of rows) if (r.patient !== null && r.patient !== undefined && !byPatient.has(r.patient)) byPatient.set(r.patient, byPatient.size);
  let next = byPatient.size;
  const withIds = rows.map((r) => ({ ...r, id: r.patient === null || r.patient === undefined ? next++ : byPatient.get(r.patient)! }));
  const indicesOf = (scenario: string | null): number[] => withIds.flatMap((r, i) => ((r.scenario ?? null) === scenario ? [i] : []));
  const states: Record<string, CensusRow[][]> = {};
  const checked = new Set<string>();
  for (const [at, name] of run.names.entries()) {
    // A file with no rows at all (a census of an empty system) is an empty start for everyone.
    if (rows.length === 0 && !rowsLeftOut) {
      states[name] = [[]];
      continue;
    }
    let chosen = indicesOf(name);
    let from = name;
    if (chosen.length === 0) [chosen, from] = [indicesOf(null), "(no scenario)"];
    if (chosen.length === 0 && name !== run.baseline) [chosen, from] = [indicesOf(run.baseline), run.baseline];
    if (chosen.length === 0) {
      if (!rowsLeftOut) issues.file(`has no state for scenario ${name}: give it rows of its own, rows with no scenario, or rows of the baseline ${run.baseline}`);
      continue;
    }
    // Rows another scenario's state lends this one must fit this scenario's model too (rows naming
    // no scenario were checked against every scenario's already).
    if (from !== name && from !== "(no scenario)") {
      for (const i of chosen) {
        const problem = misfit(withIds[i]!, run.models[at]!);
        if (problem !== null) issues.row(rowNumbers[i]!, problem.column, `${problem.message} — in scenario ${name}, which starts from ${from}'s rows (it has none of its own)`);
      }
    }
    const numbered = chosen.filter((i) => withIds[i]!.replication !== null && withIds[i]!.replication !== undefined);
    if (numbered.length > 0 && numbered.length < chosen.length) {
      if (!checked.has(from)) {
        const loose = chosen.find((i) => withIds[i]!.replication === null || withIds[i]!.replication === undefined)!;
        issues.row(rowNumbers[loose]!, "replication", `is empty but other rows of ${from === "(no scenario)" ? "no scenario" : `scenario ${from}`} give one: give every row of a state its replication, or none`);
      }
      checked.add(from);
      continue;
    }
    const byReplication = new Map<number, number[]>();
    for (const i of chosen) {
      const k = withIds[i]!.replication ?? -1;
      const list = byReplication.get(k) ?? [];
      list.push(i);
      byReplication.set(k, list);
    }
    if (!checked.has(from)) {
      checked.add(from);
      for (const [k, list] of byReplication) duplicates(list, withIds, rowNumbers, from, k, issues);
    }
    // State k is the replication labelled k (0 … the largest label): a label with no rows is a
    // state with nobody in it. Without labels, one state for every replication.
    const top = Math.max(...byReplication.keys());
    states[name] = top < 0 ? [byReplication.get(-1)!.map((i) => withIds[i]!)] : Array.from({ length: top + 1 }, (_, k) => (byReplication.get(k) ?? []).map((i) => withIds[i]!));
  }
  if (issues.issues.length > 0) return null;
  return { file, states, idSpace: next, patients: rows.length };
}

/** A patient named twice in one state. */
function duplicates(indices: readonly number[], rows: readonly CensusRow[], rowNumbers: readonly number[], scenario: string, replication: number, issues: FileIssues): void {
  const seen = new Map<string, number>();
  for (const i of indices) {
    const name = rows[i]!.patient;
    if (name === null || name === undefined) continue;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, rowNumbers[i]!);
    else {
      const where = `${scenario === "(no scenario)" ? "the rows with no scenario" : `scenario ${scenario}`}${replication >= 0 ? `, replication ${replication}` : ""}`;
      issues.row(rowNumbers[i]!, "patient", `${quote(name)} is already in the state of ${where} (row ${first}): one row per patient`);
    }
  }
}

function parseRow(cell: (name: string) => string | undefined, row: number, run: CensusRun, issues: FileIssues): CensusRow | null {
  const before = issues.issues.length;
  const text = (name: string): string => cell(name) ?? "";
  const bad = (column: string, message: string): void => issues.row(row, column, message);

  // Whose state the row is: a scenario of the model (one this run does not run: the row is skipped).
  const scenarioText = text("scenario").trim();
  const scenario = scenarioText === "" ? null : scenarioText;
  let models = run.models;
  if (scenario !== null && run.all !== null) {
    if (!run.all.includes(scenario)) {
      bad("scenario", `${quote(scenario)} is not a scenario of the model (the scenarios are ${run.all.join(", ")})`);
      return null;
    }
    const at = run.names.indexOf(scenario);
    if (at < 0) return null;
    models = [run.models[at]!];
  }
  const model = models[0]!;
  const replicationText = text("replication").trim();
  let replication: number | null = null;
  if (replicationText !== "") {
    replication = Number(replicationText);
    if (!/^\d+$/.test(replicationText) || replication > 1e6) bad("replication", `must be a whole number from 0 to 1000000, or empty (every replication), got ${quote(replicationText)}`);
  }
  const patientText = text("patient").trim();
  if (patientText.length > 100) bad("patient", `is ${patientText.length} characters long: at most 100`);
  const patient = patientText === "" ? null : patientText;

  const nodeId = text("node");
  const nodeIndex = model.nodeIndex.get(nodeId);
  const node = nodeIndex === undefined ? undefined : model.nodes[nodeIndex];
  if (node === undefined) bad("node", `${quote(nodeId)} is not a node of the model (the nodes are ${model.nodes.map((n) => n.id).join(", ")})`);
  else if (node.kind === "placement") bad("node", `${quote(nodeId)} is a placement: list a patient waiting for a placement at the bed it holds, status blocked, next ${nodeId}`);

  const segmentId = text("segment");
  const segment = model.segments.find((s) => s.id === segmentId);
  if (segment === undefined) bad("segment", `${quote(segmentId)} is not a segment of the model (the segments are ${model.segments.map((s) => s.id).join(", ")})`);

  const acuityText = text("acuity");
  const acuity = Number(acuityText);
  if (!/^\s*\d+\s*$/.test(acuityText) || acuity < 1 || acuity > model.bands) bad("acuity", `must be a whole number from 1 to ${model.bands}, got ${quote(acuityText)}`);

  const statusText = text("status");
  const status = STATUSES.find((s) => s === statusText);
  if (status === undefined) bad("status", `must be one of ${STATUSES.join(", ")}, got ${quote(statusText)}`);
  else if (node !== undefined && node.kind !== "placement" && !STATUSES_AT[node.kind].includes(status)) {
    bad("status", `${status} is impossible at ${node.kind} node ${node.id} (possible: ${STATUSES_AT[node.kind].join(", ")})`);
  }

  const hoursInStatus = hours(text("hours_in_status"), "hours_in_status", bad, true);
  const atNodeText = text("hours_at_node");
  const hoursAtNode = atNodeText === "" ? hoursInStatus : hours(atNodeText, "hours_at_node", bad, true);
  if (hoursAtNode !== null && hoursInStatus !== null && hoursAtNode < hoursInStatus) bad("hours_at_node", `must be at least hours_in_status (${hoursInStatus}), got ${hoursAtNode}`);

  // next: required when blocked; optional for a unit's patient in service; otherwise empty.
  const nextText = text("next");
  let next: string | null = nextText === "" ? null : nextText;
  if (node !== undefined && status !== undefined && segment !== undefined) {
    for (const m of models) {
      const n = m.nodes[m.nodeIndex.get(node.id)!]!;
      const problem = nextProblem(m, n, segment.index, status, next);
      if (problem !== null) {
        bad(problem.column, problem.message);
        next = null;
        break;
      }
    }
  }

  const packageText = text("package_hours_per_week");
  let packageHours: number | null = null;
  const takesPackage = status === "on-package" || (node?.kind === "homecare" && status === "waiting") || (status === "blocked" && next !== null && model.nodes[model.nodeIndex.get(next) ?? -1]?.kind === "homecare");
  if (packageText !== "") {
    if (!takesPackage) bad("package_hours_per_week", "applies only to a patient on a care package or waiting for one: leave it empty");
    else {
      packageHours = hours(packageText, "package_hours_per_week", bad, false);
      if (packageHours !== null && !(packageHours > 0)) bad("package_hours_per_week", `must be a number > 0, got ${quote(packageText)}`);
      const problem = packageHours === null ? null : (models.map((m) => capacityProblem(m, packageHours!)).find((x) => x !== null) ?? null);
      if (problem !== null) bad(problem.column, problem.message);
    }
  } else if (status === "on-package") bad("package_hours_per_week", "is required for a patient on a package (care hours a week)");

  const phaseText = text("phase");
  let phase: CensusRow["phase"] = null;
  if (status === "on-package") {
    if (phaseText === "reablement" || phaseText === "long-term") phase = phaseText;
    else bad("phase", `must be reablement or long-term for a patient on a package, got ${quote(phaseText)}`);
  } else if (phaseText !== "") bad("phase", "applies only to a patient on a package: leave it empty");

  if (issues.issues.length > before) return null;
  return { scenario, replication, patient, node: nodeId, segment: segmentId, acuity, status: status!, hoursInStatus: hoursInStatus!, hoursAtNode: hoursAtNode!, next, packageHoursPerWeek: packageHours, phase };
}

/** What a valid row's place and package do not fit in `model` (another scenario's), or null. */
function misfit(row: CensusRow, model: CompiledModel): { column: string; message: string } | null {
  const node = model.nodes[model.nodeIndex.get(row.node)!]!;
  const segment = model.segments.find((x) => x.id === row.segment)!.index;
  return nextProblem(model, node, segment, row.status, row.next) ?? (row.packageHoursPerWeek === null ? null : capacityProblem(model, row.packageHoursPerWeek));
}

/** A package larger than the whole of `model`'s home-care capacity, or null. */
function capacityProblem(model: CompiledModel, hoursPerWeek: number): { column: string; message: string } | null {
  const hc = model.nodes.find((n) => n.kind === "homecare");
  if (hc?.kind !== "homecare" || hoursPerWeek <= hc.capacityHoursPerWeek) return null;
  return { column: "package_hours_per_week", message: `${hoursPerWeek} is more than the whole home-care capacity (${hc.capacityHoursPerWeek} delivered hours a week)` };
}

/** A number of hours (or hours a week): a plain decimal, finite, ≥ 0. */
function hours(text: string, column: string, bad: (column: string, message: string) => void, required: boolean): number | null {
  if (text === "") {
    if (required) bad(column, "is required (a number ≥ 0)");
    return null;
  }
  const x = Number(text);
  if (!DECIMAL.test(text) || !Number.isFinite(x) || x < 0) {
    bad(column, `must be a number ≥ 0, got ${quote(text)}`);
    return null;
  }
  return x;
}

/** Why `next` does not fit a patient of segment `segment` with this status at `node`, or null. */
function nextProblem(model: CompiledModel, node: CompiledNode, segment: number, status: CensusStatus, next: string | null): { column: string; message: string } | null {
  const name = (i: number): string => (i === EXIT_NODE ? "exit" : model.nodes[i]!.id);
  let allowed: number[] = [];
  if (node.kind === "unit") {
    const outcomes = node.outcomesBySegment[segment];
    if (outcomes === null || outcomes === undefined) return { column: "segment", message: `segment ${model.segments[segment]!.id} never comes to ${node.id} (no outcomes there)` };
    allowed = [...new Set(outcomes.to)];
  } else if (node.kind === "ed") allowed = [node.admitTo];
  else if (node.kind === "ambulance") allowed = [node.to];
  const reachable = allowed.map(name);
  if (status === "blocked") {
    const places = allowed.filter((i) => i !== EXIT_NODE && model.nodes[i]!.kind !== "ambulance");
    if (next === null) return { column: "next", message: `is required for a blocked patient: the place it waits for (${places.map(name).join(", ") || "none from here"})` };
    if (!places.map(name).includes(next)) return { column: "next", message: `${quote(next)} is not a place a patient held at ${node.id} can wait for (possible: ${places.map(name).join(", ") || "none"})` };
    return null;
  }
  if (next === null) return null;
  if (status === "in-service" && node.kind === "unit") {
    return reachable.includes(next) ? null : { column: "next", message: `${quote(next)} is not where a ${model.segments[segment]!.id} patient goes from ${node.id} (possible: ${reachable.join(", ")})` };
  }
  return { column: "next", message: `applies only to a blocked patient, or one in service at a unit: leave it empty` };
}
