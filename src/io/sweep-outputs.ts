/**
 * Writes a sweep's files: sweep.csv (one row per cell and KPI, KPI difference or release
 * measure, with mean and 95% CI) and sweep_metadata.csv. Each file is written to a temporary
 * name and renamed when complete.
 */
import { join } from "node:path";
import { columnFor, type SweepResult } from "../experiment/sweep.js";
import { kpiDifferences, kpiSummary, releaseTable } from "../experiment/summaries.js";
import { ensureDir, writeFileAtomic } from "./atomic.js";
import { toCsv, type CsvValue } from "./csv.js";
import { writingFile } from "./output-problem.js";
import { writeGlossary } from "./glossary.js";
import { WARNINGS_FILE, glossaryNames } from "./outputs.js";
import type { TrustWarning } from "../types.js";

/**
 * Writes sweep.csv, sweep_metadata.csv, warnings.csv, glossary.csv and report.html. `run` says
 * what was run: the model file and the command line; and the warnings of each cell (trustWarnings).
 */
export async function writeSweepOutputs(
  dir: string,
  sweep: SweepResult,
  run: { readonly modelFile: string; readonly command: string; readonly warnings?: readonly { readonly cell: number; readonly warning: TrustWarning }[] },
  options: { bom?: boolean } = {},
): Promise<void> {
  const { axes } = sweep.plan;
  const columns = axes.map((a) => columnFor(a.path));
  const rows: CsvValue[][] = [];
  for (const { cell, result } of sweep.results) {
    const prefix = [cell.index, ...cell.values.map((v) => (typeof v === "number" || typeof v === "string" || typeof v === "boolean" ? v : JSON.stringify(v)))];
    for (const r of kpiSummary(result)) rows.push([...prefix, r.scenario, "kpi", r.kpi, "mean", r.unit, r.mean, r.ci_low, r.ci_high, r.n_reps]);
    for (const r of kpiDifferences(result)) rows.push([...prefix, r.scenario, "kpi_difference", r.kpi, "mean_diff", r.unit, r.mean_diff, r.ci_low, r.ci_high, r.n_reps]);
    for (const r of releaseTable(result)) rows.push([...prefix, r.scenario, "release", r.resource, r.measure, r.unit, r.mean, r.ci_low, r.ci_high, r.n_reps]);
  }
  await ensureDir(dir);
  const bom = options.bom ?? false;
  const header = ["cell", ...columns, "scenario", "kind", "name", "measure", "unit", "mean", "ci_low", "ci_high", "n_reps"];
  const write = (name: string, text: string): Promise<void> => writingFile(join(dir, name), () => writeFileAtomic(join(dir, name), text));
  await write("sweep.csv", toCsv(header, rows, { bom }));
  const meta: CsvValue[][] = [
    ["model_file", run.modelFile],
    ["baseline", sweep.plan.baseline],
    ["scenarios", sweep.plan.scenarios.join(";")],
    ...axes.map((a, i): CsvValue[] => [`${columns[i]}`, `${a.path}=${a.values.map((v) => JSON.stringify(v)).join(",")} (${a.both ? "baseline and scenario: --set-both" : "scenario only: --set"})`]),
    ["cells", sweep.plan.cells.length],
    ["cells_completed", sweep.results.length],
    ["partial", sweep.state === "partial"],
    ["command", run.command],
  ];
  await write("sweep_metadata.csv", toCsv(["key", "value"], meta, { bom }));
  const warnings = (run.warnings ?? []).map(({ cell, warning: w }): CsvValue[] => [cell, w.scenario, w.code, w.message]);
  await write(WARNINGS_FILE, toCsv(["cell", "scenario", "code", "message"], warnings, { bom }));
  const swept = Object.fromEntries(axes.map((a, i) => [columns[i]!, ["", `Swept parameter ${a.path}, ${a.both ? "in the baseline and the scenario alike (--set-both)" : "in the compared scenario only (--set)"}`] as const]));
  await writingFile(join(dir, "glossary.csv"), () => writeGlossary(dir, { ...glossaryNames(sweep.results.map((r) => r.result)), dailyMetrics: [], extraColumns: swept }, { bom }));
  // The report modules load only here: the chart library takes about a second to load.
  await writingFile(join(dir, "report.html"), async () => (await import("../report/index.js")).buildReport(dir));
}
