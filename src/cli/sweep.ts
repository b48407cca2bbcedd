/**
 * `pathflow sweep`: the full grid of parameter values, one experiment per cell, written to
 * sweep.csv (one row per cell and KPI, KPI difference or release measure, with mean and 95% CI).
 *
 *   --set PATH=V1,V2,…        values for the compared scenario only (the intervention)
 *   --set-both PATH=V1,V2,…   values for the baseline and the scenario alike (the context)
 * Without --scenario the compared scenario is the baseline plus the --set values ("sweep").
 */
import { join } from "node:path";
import { PathflowInputError, type Issue } from "../errors.js";
import { prepareExperiment, runExperiment, type ExperimentResult } from "../experiment/experiment.js";
import { kpiDifferences, kpiSummary, releaseTable } from "../experiment/summaries.js";
import type { Override } from "../experiment/task.js";
import { ensureDir, writeFileAtomic } from "../io/atomic.js";
import { buildReport, writeWorkbook } from "../report/index.js";
import { toCsv, type CsvValue } from "../io/csv.js";
import { loadModel } from "../model/load.js";
import { parseChangePath } from "../model/scenario.js";
import { progressReporter, type RunFlags } from "./run.js";
import { INTERRUPTED, OK } from "./exit.js";

export interface SweepAxis {
  readonly path: string;
  readonly values: readonly unknown[];
  /** true: applied to baseline and scenario; false: to the scenario only. */
  readonly both: boolean;
}

/** Parses `PATH=V1,V2,…`; values are JSON where they parse (numbers, true, null), text otherwise. */
export function parseAxis(text: string, both: boolean, flag: string): SweepAxis {
  const eq = text.indexOf("=");
  const issue = (message: string): never => {
    throw new PathflowInputError([{ code: "invalid_flag", path: [flag], message }], `${flag} ${text}`);
  };
  if (eq <= 0) issue(`expected PATH=V1,V2,…, got "${text}"`);
  const path = text.slice(0, eq).trim();
  const parsed = parseChangePath(path);
  if ("error" in parsed) issue(parsed.error);
  const values = text
    .slice(eq + 1)
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "")
    .map((v) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        return v;
      }
    });
  if (values.length === 0) issue(`${path} has no values`);
  return { path, values, both };
}

/** Every combination of the axes' values, first axis slowest. */
export function grid(axes: readonly SweepAxis[]): unknown[][] {
  let cells: unknown[][] = [[]];
  for (const axis of axes) cells = cells.flatMap((cell) => axis.values.map((v) => [...cell, v]));
  return cells;
}

/** A header-safe column name for a path: `segments.care-home.demandMultiplier` → `segments_care_home_demand_multiplier`. */
export function columnFor(path: string): string {
  return path
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** A cell's values as changes: for baseline and scenario alike (--set-both), for the scenario only (--set). */
function cellOverrides(axes: readonly SweepAxis[], cell: readonly unknown[]): { both: Override[]; only: Override[] } {
  const both: Override[] = [];
  const only: Override[] = [];
  axes.forEach((axis, i) => (axis.both ? both : only).push({ path: axis.path, set: cell[i] }));
  return { both, only };
}

export interface SweepFlags extends RunFlags {
  set?: string[];
  setBoth?: string[];
}

export async function sweepCommand(modelPath: string, flags: Record<string, unknown>): Promise<number> {
  const f = flags as SweepFlags;
  const axes = [...(f.set ?? []).map((t) => parseAxis(t, false, "--set")), ...(f.setBoth ?? []).map((t) => parseAxis(t, true, "--set-both"))];
  if (axes.length === 0) {
    const issues: Issue[] = [{ code: "invalid_flag", path: ["--set"], message: "give at least one --set or --set-both PATH=V1,V2,…" }];
    throw new PathflowInputError(issues, "sweep");
  }
  const loaded = await loadModel(modelPath);
  const out = f.out ?? join("results", `${loaded.model.name}-sweep`);
  const cells = grid(axes);
  const baseline = f.baseline ?? "baseline";
  const compared = f.scenario && f.scenario.length > 0 ? f.scenario : ["sweep"];
  const progress = progressReporter(f.quiet ?? false, `${loaded.model.name} sweep`);
  const rows: CsvValue[][] = [];
  const columns = axes.map((a) => columnFor(a.path));
  // Check every cell's values before running any: a bad value in the last cell must not cost the
  // runs of all the cells before it (and then fail with nothing written).
  for (const cell of cells) {
    const { both, only } = cellOverrides(axes, cell);
    await prepareExperiment({ modelFile: modelPath, scenarios: compared, baseline, overrides: both, scenarioOverrides: only });
  }
  let completed = 0;
  let partial = false;
  for (const [index, cell] of cells.entries()) {
    if (f.signal?.aborted) {
      partial = true;
      break;
    }
    const { both, only } = cellOverrides(axes, cell);
    const result: ExperimentResult = await runExperiment({
      modelFile: modelPath,
      scenarios: compared,
      baseline,
      replications: f.reps === "auto" ? { precision: f.precision ?? 0.05, maxReplications: f.maxReps ?? 200 } : f.reps,
      seed: f.seed,
      days: f.days,
      warmupDays: f.warmupDays,
      workers: f.workers,
      overrides: both,
      scenarioOverrides: only,
      signal: f.signal,
      onProgress: (done, total) => progress.update(index * total + done, cells.length * total),
    });
    if (result.partial) partial = true;
    const prefix = [index + 1, ...cell.map((v) => (typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : JSON.stringify(v)))];
    for (const r of kpiSummary(result)) rows.push([...prefix, r.scenario, "kpi", r.kpi, "mean", r.unit, r.mean, r.ci_low, r.ci_high, r.n_reps]);
    for (const r of kpiDifferences(result)) rows.push([...prefix, r.scenario, "kpi_difference", r.kpi, "mean_diff", r.unit, r.mean_diff, r.ci_low, r.ci_high, r.n_reps]);
    for (const r of releaseTable(result)) rows.push([...prefix, r.scenario, "release", r.resource, r.measure, r.unit, r.mean, r.ci_low, r.ci_high, r.n_reps]);
    completed++;
    if (partial) break;
  }
  progress.stop();
  await ensureDir(out);
  const header = ["cell", ...columns, "scenario", "kind", "name", "measure", "unit", "mean", "ci_low", "ci_high", "n_reps"];
  await writeFileAtomic(join(out, "sweep.csv"), toCsv(header, rows, { bom: f.bom ?? false }));
  const meta: CsvValue[][] = [
    ["model_file", modelPath],
    ["baseline", baseline],
    ["scenarios", compared.join(";")],
    ...axes.map((a, i): CsvValue[] => [`${columns[i]}`, `${a.path}=${a.values.map((v) => JSON.stringify(v)).join(",")} (${a.both ? "baseline and scenario: --set-both" : "scenario only: --set"})`]),
    ["cells", cells.length],
    ["cells_completed", completed],
    ["partial", partial],
    ["command", ["pathflow", "sweep", modelPath, ...process.argv.slice(4)].join(" ")],
  ];
  await writeFileAtomic(join(out, "sweep_metadata.csv"), toCsv(["key", "value"], meta, { bom: f.bom ?? false }));
  await buildReport(out);
  if (f.xlsx) await writeWorkbook(out);
  process.stdout.write(`sweep: ${completed} of ${cells.length} cells written to ${join(out, "sweep.csv")}${partial ? " (PARTIAL: interrupted)" : ""}\n`);
  return partial ? INTERRUPTED : OK;
}
