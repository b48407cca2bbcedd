/**
 * The files of `pathflow calibrate`: the targets and parameters CSVs it reads (validated like a
 * model file: every problem named by file, row — the header is row 1, as a spreadsheet numbers
 * it — and column, all reported together) and the files it writes: the fit report (CSV and
 * markdown), the trace of every evaluation, and the calibrated model file.
 *
 * targets.csv:    target, value, tolerance[, source]
 * parameters.csv: parameter, lower, upper[, change][, why]
 *
 * The calibrated model is the model file's own text with the fitted values put in place (its
 * layout, comments and order kept, so a diff shows only what changed) and a `calibration` record
 * near the top listing every change: path, from, set (and the factor of a scale) and why.
 */
import { readFileSync } from "node:fs";
import { applyEdits, modify, parse as parseJsonc, type FormattingOptions } from "jsonc-parser";
import { PathflowInputError, type Issue } from "../errors.js";
import { DECIMAL, FileIssues, quote, readTable } from "../estimate/csv-table.js";
import {
  formatFigure,
  parseTargetName,
  reportedBy,
  targetProblem,
  overridesFor,
  valueAtPath,
  wholeAt,
  type CalibrationParameter,
  type CalibrationResult,
  type CalibrationTarget,
} from "../experiment/calibrate.js";
import { planExperiment } from "../experiment/plan.js";
import { parseChangePath } from "../model/change-path.js";
import type { LoadedModel } from "../model/load.js";
import { kpiUnit } from "../pathway/kpis.js";
import { GROUP_MEASURES } from "../pathway/groups.js";
import { toCsv } from "./csv.js";

/** Largest targets or parameters file read (they are a few rows). */
const MAX_BYTES = 4 * 2 ** 20;

const number = (text: string | undefined): number | undefined => (text !== undefined && DECIMAL.test(text) ? Number(text) : undefined);

/** Reads and checks the targets file against the model. Throws one PathflowInputError with every problem. */
export function readTargets(file: string, loaded: LoadedModel, baseline = "baseline"): CalibrationTarget[] {
  const issues = new FileIssues(file);
  const reported = reportedBy(loaded, baseline);
  const targets: CalibrationTarget[] = [];
  const seen = new Map<string, number>();
  let skipped = 0;
  // `kpi` and `your_value` are the columns of the targets.csv `pathflow init` writes: it can be filled in and used as it is.
  const info = readTable(file, MAX_BYTES, issues, { required: ["target|kpi", "value|your_value", "tolerance"], optional: ["source", "notes", "unit", "description", "period"] }, (cell, row) => {
    const name = cell("target") ?? cell("kpi")!;
    const valueText = cell("value") ?? cell("your_value")!;
    if (valueText === "" && cell("tolerance") === "") {
      skipped++; // a row left blank: not a target
      return;
    }
    const value = number(valueText);
    const tolerance = number(cell("tolerance"));
    let ok = true;
    const bad = (column: string, message: string): void => {
      issues.row(row, column, message);
      ok = false;
    };
    if (name === "") bad("target", "empty: name a KPI (as in kpi_summary.csv) or segment.<segment>.<measure>");
    else if (seen.has(name)) bad("target", `${quote(name)} is already a target in row ${seen.get(name)}`);
    const measure = parseTargetName(name);
    const problem = name === "" ? undefined : targetProblem(measure, reported);
    if (problem !== undefined) bad("target", problem);
    if (value === undefined) bad(cell("value") === undefined ? "your_value" : "value", `expected a number, got ${quote(valueText)}`);
    if (tolerance === undefined || !(tolerance > 0)) bad("tolerance", `expected a number above 0 (the half-width of the acceptable band, in the target's units), got ${quote(cell("tolerance")!)}`);
    seen.set(name, row);
    if (ok) targets.push({ name, measure, value: value!, tolerance: tolerance!, source: cell("source") ?? cell("notes") ?? "" });
  });
  if (info !== null && info.rows - skipped === 0) issues.file("has no targets: give one row per observed figure (target, value, tolerance, source)");
  const found = issues.finish();
  if (found.length > 0) throw new PathflowInputError(found, `${file}: cannot use these targets`);
  return targets;
}

/** Reads and checks the parameters file against the model. Throws one PathflowInputError with every problem. */
export function readParameters(file: string, loaded: LoadedModel, baseline = "baseline"): CalibrationParameter[] {
  const issues = new FileIssues(file);
  const parameters: CalibrationParameter[] = [];
  const seen = new Map<string, number>();
  const info = readTable(file, MAX_BYTES, issues, { required: ["parameter", "lower", "upper"], optional: ["change", "why"] }, (cell, row) => {
    const path = cell("parameter")!;
    const change = (cell("change") ?? "").toLowerCase() || "set";
    const lower = number(cell("lower"));
    const upper = number(cell("upper"));
    let ok = true;
    const bad = (column: string, message: string): void => {
      issues.row(row, column, message);
      ok = false;
    };
    const parsed = parseChangePath(path);
    if (path === "") bad("parameter", "empty: give a change path as in a scenario, e.g. nodes.acute.servers");
    else if ("error" in parsed) bad("parameter", parsed.error);
    else if (seen.has(path)) bad("parameter", `${quote(path)} is already fitted in row ${seen.get(path)}`);
    if (change !== "set" && change !== "scale") bad("change", `expected set (fit the value) or scale (fit a factor on the numbers there), got ${quote(cell("change")!)}`);
    if (lower === undefined) bad("lower", `expected a number, got ${quote(cell("lower")!)}`);
    if (upper === undefined) bad("upper", `expected a number, got ${quote(cell("upper")!)}`);
    if (lower !== undefined && upper !== undefined && !(upper > lower)) bad("upper", `must be above lower (${formatFigure(lower)})`);
    if (change === "scale" && lower !== undefined && !(lower > 0)) bad("lower", "a scale factor must be above 0");
    seen.set(path, row);
    if (!ok || "error" in parsed) return;
    let start = 1;
    if (change === "set") {
      const here = valueAtPath(loaded.raw, parsed.path);
      if (typeof here !== "number") {
        bad("parameter", here === undefined ? `the model has no value at ${path} (a parameter the model file does not write cannot be set; give its value in the model first)` : `${path} holds ${Array.isArray(here) ? "a list" : typeof here === "object" ? "an object (a distribution or calendar)" : `a ${typeof here}`}, not one number: fit it with change scale (a factor on every number in it)`);
        return;
      }
      start = here;
    }
    const p: CalibrationParameter = { path, change: change as CalibrationParameter["change"], lower: lower!, upper: upper!, start: Math.min(upper!, Math.max(lower!, start)), whole: change === "set" && wholeAt(loaded, path), why: cell("why") ?? "" };
    // Each bound must give a valid model on its own (e.g. a share above 100, beds below 0).
    for (const [column, v] of [["lower", p.lower], ["upper", p.upper]] as const) {
      const message = invalidAt(loaded, baseline, p, v);
      if (message !== undefined) bad(column, `the model is not valid with ${path} ${change === "scale" ? "scaled by" : "at"} ${formatFigure(v)}: ${message}`);
    }
    if (ok) parameters.push(p);
  });
  if (info !== null && info.rows === 0) issues.file("has no parameters: give one row per parameter to fit (parameter, lower, upper, change, why)");
  const found = issues.finish();
  if (found.length > 0) throw new PathflowInputError(found, `${file}: cannot use these parameters`);
  return parameters;
}

/** Why the model is invalid with one parameter at `v` (the first problem), or undefined. */
function invalidAt(loaded: LoadedModel, baseline: string, p: CalibrationParameter, v: number): string | undefined {
  try {
    planExperiment(loaded, { scenarios: [baseline], baseline, driftRange: false, overrides: overridesFor(loaded, [p], [p.whole ? Math.round(v) : v]) });
    return undefined;
  } catch (error) {
    if (!(error instanceof PathflowInputError)) throw error;
    const first = error.issues[0];
    return first === undefined ? error.message : first.message;
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

/** The unit of a target, for the report. */
export function targetUnit(t: CalibrationTarget): string {
  if (t.measure.kind === "kpi") return kpiUnit(t.measure.name);
  const m = t.measure;
  return GROUP_MEASURES.find((g) => g.name === m.measure)?.unit ?? "";
}

export const FIT_REPORT_HEADER = ["target", "unit", "observed", "tolerance", "model_mean", "ci_low", "ci_high", "n_reps", "difference", "difference_in_tolerances", "within_tolerance", "source"];

/** fit_report.csv: one row per target at the best point found. */
export function fitReportCsv(result: CalibrationResult, bom = false): string {
  return toCsv(
    FIT_REPORT_HEADER,
    result.targets.map((f) => [f.target.name, targetUnit(f.target), f.target.value, f.target.tolerance, f.ci.mean, f.ci.low, f.ci.high, f.ci.n, f.ci.mean - f.target.value, f.scaled, f.within ? "yes" : "no", f.target.source]),
    { bom },
  );
}

export const TRACE_FILE = "calibration_trace.csv";

/** calibration_trace.csv: every evaluation in order, the parameter values and each target's model mean. */
export function traceCsv(result: CalibrationResult, bom = false): string {
  const header = ["evaluation", "kind", ...result.parameters.map((p) => p.parameter.path), "objective", ...result.targets.map((t) => t.target.name)];
  return toCsv(
    header,
    result.evaluations.map((e) => [e.index, e.kind, ...e.values, e.objective, ...e.means]),
    { bom },
  );
}

/** What was run, in a line: replications, length, seed. */
export function settingsLine(result: CalibrationResult): string {
  const s = result.settings;
  const reps = typeof s.replications === "number" ? s.replications : s.replications.maxReplications;
  return `${reps} replications of the ${result.baseline} × ${s.days} days after ${s.warmupDays} days warm-up, seed ${s.seed}, the same for every evaluation (common random numbers)`;
}

/** The verdict in a sentence. */
export function verdict(result: CalibrationResult): string {
  const n = result.targets.length;
  const outside = result.targets.filter((t) => !t.within).length;
  if (result.state === "met") return `All ${n} targets are within tolerance after ${result.evaluations.length} evaluations.`;
  if (result.state === "interrupted") return `Interrupted after ${result.evaluations.length} evaluations: the best point so far leaves ${outside} of ${n} targets outside tolerance.`;
  const why = result.stop === "budget" ? "the budget of evaluations ran out" : "no step from there improved the fit";
  return `NOT MET: ${outside} of ${n} targets are outside tolerance at the best point found (${why}, after ${result.evaluations.length} evaluations).`;
}

/** fit_report.md: the verdict, the targets table, the parameters and any conflicts. */
export function fitReportMarkdown(result: CalibrationResult, files: { readonly model: string; readonly targets: string; readonly parameters: string }): string {
  const lines = [`# Calibration of ${files.model}`, "", verdict(result), "", `Targets: ${files.targets}. Parameters: ${files.parameters}. Each evaluation ran ${settingsLine(result)}. 95% CI: t-interval over replications.`, ""];
  lines.push("| target | observed | model (95% CI) | within tolerance | source |", "|---|---|---|---|---|");
  for (const f of result.targets) {
    const ci = f.ci.low === null || f.ci.high === null ? "" : ` [${formatFigure(f.ci.low)}, ${formatFigure(f.ci.high)}]`;
    const unit = targetUnit(f.target);
    lines.push(`| ${f.target.name} | ${formatFigure(f.target.value)} ± ${formatFigure(f.target.tolerance)}${unit === "" ? "" : ` ${unit}`} | ${formatFigure(f.ci.mean)}${ci} | ${f.within ? "yes" : "**no**"} | ${escapeCell(f.target.source)} |`);
  }
  lines.push("", "| parameter | change | from | fitted | bounds | why |", "|---|---|---|---|---|---|");
  for (const p of result.parameters) {
    const q = p.parameter;
    const bound = p.atBound === null ? "" : ` (at ${p.atBound} bound)`;
    lines.push(`| ${q.path} | ${q.change} | ${q.change === "scale" ? "×1" : formatFigure(q.start)} | ${q.change === "scale" ? "×" : ""}${formatFigure(p.value)}${bound} | ${formatFigure(q.lower)} – ${formatFigure(q.upper)} | ${escapeCell(q.why)} |`);
  }
  if (result.conflicts.length > 0) lines.push("", "## Targets not met together", "", ...result.conflicts.map((c) => `- ${c}`));
  return `${lines.join("\n")}\n`;
}

const escapeCell = (text: string): string => text.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");

/**
 * The calibrated model file's text: `text` (the model file as written) with each fitted value put
 * at its path, and the `calibration` record (after `description`) listing every change with why.
 * Changes of an earlier calibration at other paths are kept in the record; one at a refitted path
 * keeps its original `from`.
 */
export function calibratedModelText(text: string, loaded: LoadedModel, result: CalibrationResult, note: string): string {
  const overrides = overridesFor(loaded, result.parameters.map((p) => p.parameter), result.parameters.map((p) => p.value));
  const formatting: FormattingOptions = detectFormatting(text);
  let out = text;
  const records: { path: string; from: unknown; set: unknown; scale?: number; why: string }[] = [];
  for (const [j, p] of result.parameters.entries()) {
    const path = (parseChangePath(p.parameter.path) as { path: (string | number)[] }).path;
    const from = valueAtPath(loaded.raw, path);
    const set = overrides[j]!.set;
    out = applyEdits(out, modify(out, path, set, { formattingOptions: formatting }));
    const why = p.parameter.why === "" ? `fitted by ${note}` : p.parameter.why;
    records.push({ path: p.parameter.path, from, set, ...(p.parameter.change === "scale" ? { scale: roundFactor(p.value) } : {}), why });
  }
  const earlier = (loaded.raw as { calibration?: { changes?: { path: string; from?: unknown; scale?: number }[] } }).calibration?.changes ?? [];
  const kept = earlier.filter((c) => !records.some((r) => r.path === c.path));
  for (const r of records) {
    // Refitted: the record keeps the value before the first calibration, and a factor only where it is one from there.
    const before = earlier.find((c) => c.path === r.path);
    if (before === undefined) continue;
    r.from = before.from;
    if (r.scale !== undefined && before.scale !== undefined) r.scale = roundFactor(r.scale * before.scale);
    else delete r.scale;
  }
  const targets = result.targets.map((t) => `${t.target.name} ${formatFigure(t.target.value)} ± ${formatFigure(t.target.tolerance)}`).join(", ");
  const record = {
    description: `Fitted by ${note} (${targets}). ${verdict(result)} Each evaluation ran ${settingsLine(result)}. The values below are already in this file; this record says where they came from.`,
    changes: [...kept, ...records],
  };
  const keys = Object.keys(parseJsonc(out) as object);
  const position = keys.includes("calibration") ? undefined : Math.max(0, keys.indexOf("description") + 1);
  out = applyEdits(out, modify(out, ["calibration"], record, { formattingOptions: formatting, ...(position === undefined ? {} : { getInsertionIndex: () => position }) }));
  return out;
}

/** A scale factor as the record shows it (the values themselves are exact). */
const roundFactor = (v: number): number => Number(v.toPrecision(6));

/** The indentation the file uses (two spaces unless it says otherwise). */
function detectFormatting(text: string): FormattingOptions {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
  return indent.startsWith("\t") ? { insertSpaces: false, tabSize: 1, eol: eolOf(text) } : { insertSpaces: true, tabSize: indent.length, eol: eolOf(text) };
}

const eolOf = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");

/** Reads a model file's text as written (for the calibrated copy). */
export function modelText(file: string): string {
  return readFileSync(file, "utf8");
}

export type { Issue };
