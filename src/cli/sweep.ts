/**
 * `pathflow sweep`: parse the grid flags, plan every cell (validating all before any runs), run
 * the grid on one pool, write sweep.csv, sweep_metadata.csv, warnings.csv and the report, and
 * print a table of the swept values against the headline measures.
 *
 *   --set PATH=V1,V2,…        values for the compared scenario only (the intervention)
 *   --set-both PATH=V1,V2,…   values for the baseline and the scenario alike (the context)
 * Without --scenario the compared scenario is the baseline plus the --set values ("sweep").
 */
import { join } from "node:path";
import type { PoolOptions } from "../experiment/pool.js";
import { parseAxis, planSweep, runSweep } from "../experiment/sweep.js";
import { kpiSummary, releaseTable } from "../experiment/summaries.js";
import { trustWarnings } from "../experiment/warnings.js";
import { OutputFolder, freshFolderName } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { writeSweepOutputs } from "../io/sweep-outputs.js";
import { loadModel } from "../model/load.js";
import type { ExperimentResult, SweepResult, TrustWarning } from "../types.js";
import { INTERRUPTED, OK } from "./exit.js";
import { startProgress } from "./progress.js";
import { SUMMARY_KPIS, checkWork, folderUse, replicationsFromFlags, startLine, type RunFlags } from "./run.js";
import { meanCi, textTable, warningsText } from "./table.js";
import { estimateWork } from "../experiment/estimate.js";
import { shardCommand } from "./shard.js";

export interface SweepFlags extends RunFlags {
  set?: string[];
  setBoth?: string[];
}

export async function sweepCommand(modelPath: string, flags: Record<string, unknown>, pool: PoolOptions = {}): Promise<number> {
  const f = flags as SweepFlags;
  if (f.shard !== undefined) return shardCommand("sweep", modelPath, f, pool);
  const replications = replicationsFromFlags(f);
  const axes = [...(f.set ?? []).map((t) => parseAxis(t, false, "--set")), ...(f.setBoth ?? []).map((t) => parseAxis(t, true, "--set-both"))];
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  const plan = planSweep(loaded, { axes, scenarios: f.scenario, baseline: f.baseline, replications, seed: f.seed, days: f.days, warmupDays: f.warmupDays, startDate: f.startDate });
  const estimated = checkWork(
    estimateWork(
      plan.cells.map((cell) => cell.plan),
      f.workers,
    ),
    f,
  );
  const out = f.out ?? (await freshFolderName(join("results", `${loaded.model.name}-sweep`)));
  // Claimed once every cell is known to be valid: locked, refused if it holds files (unless --force).
  const folder = await OutputFolder.claim(out, folderUse(f));
  let result: SweepResult;
  let warnings: SweepWarnings;
  try {
    const settings = plan.cells[0]!.plan.settings;
    const perCell = typeof settings.replications === "number" ? settings.replications : Math.min(settings.replications.maxReplications, settings.replications.minReplications ?? 10);
    const progress = startProgress(
      { label: `${loaded.model.name} sweep`, quiet: f.quiet ?? false },
      `${plan.cells.length} cells, each ${startLine(plan.cells[0]!.plan.scenarios.length, settings.replications, settings.days, settings.warmupDays)}`,
      plan.cells.length * perCell,
      [estimated],
    );
    try {
      result = await runSweep(plan, {
        workers: f.workers,
        workerFile: pool.workerFile,
        signal: f.signal,
        onProgress: (done, total) => progress.update(done, total),
      });
    } finally {
      progress.stop();
    }
    const command = ["pathflow", "sweep", modelPath, ...process.argv.slice(4)].join(" ");
    warnings = await writeSweepFolder(out, result, { modelFile: modelPath, command }, f);
  } catch (error) {
    await folder.abandon();
    throw error;
  }
  await folder.release();
  return printSweepSummary(out, result, warnings);
}

type SweepWarnings = { cell: number; warning: TrustWarning }[];

/** A sweep's files (sweep.csv, its metadata, warnings, glossary, report; results.xlsx with --xlsx): a sweep and a merge of its shards write through here. */
export async function writeSweepFolder(out: string, result: SweepResult, run: { readonly modelFile: string; readonly command: string }, f: { readonly bom?: boolean | undefined; readonly xlsx?: boolean | undefined }): Promise<SweepWarnings> {
  const warnings = result.results.flatMap(({ cell, result: r }) => trustWarnings(cell.plan, r).map((warning) => ({ cell: cell.index, warning })));
  await writeSweepOutputs(out, result, { modelFile: run.modelFile, command: run.command, warnings }, { bom: f.bom ?? false });
  // Loaded only when asked for: the workbook library takes a while to load.
  if (f.xlsx) await writingFile(join(out, "results.xlsx"), async () => (await import("../report/index.js")).writeWorkbook(out));
  return warnings;
}

/** What a sweep prints once its files are written; returns the exit code. */
export function printSweepSummary(out: string, result: SweepResult, warnings: SweepWarnings): number {
  const partial = result.state === "partial";
  const interrupted = partial && result.results.every(({ result: r }) => r.state === "complete" || r.reason === "interrupted");
  if (result.results.length > 0) process.stdout.write(`${sweepTable(result)}\n\n`);
  process.stdout.write(warningsText(groupByCells(warnings)));
  const how = !partial ? "" : interrupted ? " (PARTIAL: interrupted)" : " (PARTIAL: replications missing)";
  process.stdout.write(`sweep: ${result.results.length} of ${result.plan.cells.length} cells written to ${join(out, "sweep.csv")}${how}\n`);
  return partial && interrupted ? INTERRUPTED : OK;
}

/** Release resources in the order a sweep's table picks its headline from. */
const HEADLINE_RESOURCES = ["acute_bed_days", "community_bed_days", "ed_cubicle_hours", "homecare_hours", "ambulance_hours"];
const RELEASE_COLUMNS: readonly [measure: string, title: string][] = [
  ["expected_release", "expected"],
  ["realised_as_spare_capacity", "spare"],
  ["absorbed_by_drift", "drift"],
  ["release_ratio", "ratio"],
];

/**
 * One row per cell and compared scenario: the swept values, then the headline measures with their
 * 95% CI half-widths — the release accounting of the first resource with an expected release (acute
 * bed-days where the model has them) and the baseline's G&A occupancy; for a model without release
 * accounting, the compared scenario's headline KPIs.
 */
export function sweepTable(sweep: SweepResult): string {
  const { axes } = sweep.plan;
  const names = axes.map((a) => a.path.split(".").at(-1) ?? a.path);
  const axisTitles = axes.map((a, i) => (names.indexOf(names[i]!) === names.lastIndexOf(names[i]!) ? names[i]! : a.path));
  const releases = sweep.results.map(({ result }) => releaseTable(result));
  const resource = HEADLINE_RESOURCES.find((r) => releases.some((rows) => rows.some((x) => x.resource === r && x.measure === "expected_release" && x.mean !== 0)));
  const first = sweep.results[0]!.result;
  const kpis = headlineKpis(first);
  const header = [...axisTitles, "scenario"];
  if (resource !== undefined) header.push(...RELEASE_COLUMNS.map(([, title]) => `${resource} ${title}`), "baseline ga_occupancy_pct");
  else header.push(...kpis);
  const rows: string[][] = [];
  sweep.results.forEach(({ cell, result }, i) => {
    const values = cell.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    const summary = kpiSummary(result);
    for (const scenario of result.scenarios) {
      const reference = result.comparedWith[scenario] ?? result.baseline;
      if (scenario === reference) continue;
      const cells = [...values, scenario];
      if (resource !== undefined) {
        for (const [measure] of RELEASE_COLUMNS) {
          const r = releases[i]!.find((x) => x.scenario === scenario && x.resource === resource && x.measure === measure);
          // "—": not reported (a ratio whose expected release is not material or interval not informative).
          cells.push(r === undefined ? "—" : meanCi(r.mean, r.ci_low, r.ci_high));
        }
        const occupancy = summary.find((x) => x.scenario === reference && x.kpi === "ga_occupancy_pct");
        cells.push(occupancy === undefined ? "" : meanCi(occupancy.mean, occupancy.ci_low, occupancy.ci_high));
      } else {
        for (const kpi of kpis) {
          const r = summary.find((x) => x.scenario === scenario && x.kpi === kpi);
          cells.push(r === undefined ? "" : meanCi(r.mean, r.ci_low, r.ci_high));
        }
      }
      rows.push(cells);
    }
  });
  return textTable(header, rows, axes.length + 1);
}

/** The KPIs a model without release accounting is summarised by: the run summary's, else its first four. */
function headlineKpis(result: ExperimentResult): string[] {
  const names = [...new Set(kpiSummary(result).map((r) => r.kpi))];
  const headline = SUMMARY_KPIS.filter((k) => names.includes(k));
  return (headline.length > 0 ? headline : names).slice(0, 4);
}

/** The same warning (code and scenario) in several cells, said once with the cells it applies to. */
function groupByCells(warnings: readonly { readonly cell: number; readonly warning: TrustWarning }[]): { where: string; warning: TrustWarning }[] {
  const groups = new Map<string, { cells: number[]; warning: TrustWarning }>();
  for (const { cell, warning } of warnings) {
    const key = `${warning.code}|${warning.scenario}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { cells: [cell], warning });
    else group.cells.push(cell);
  }
  return [...groups.values()].map(({ cells, warning }) => ({
    where: cells.length === 1 ? `cell ${cells[0]}` : `cells ${cells.join(", ")}; figures for cell ${cells[0]}, the others are in warnings.csv`,
    warning,
  }));
}
