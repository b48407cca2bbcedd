/**
 * Writes an experiment's output files. Every file goes to a temporary name and is renamed when
 * complete, so an interrupted or failed run never leaves a half file that looks whole.
 */
import { join } from "node:path";
import { GENERATOR_NAME, STREAM_ALLOCATION } from "../random/streams.js";
import type { ExperimentResult } from "../experiment/experiment.js";
import { flows, kpiByClass, kpiDifferences, kpiSummary, releaseTable, timeseries, warmupCheck, driftRangeTable, flippedTable } from "../experiment/summaries.js";
import { summaryMarkdown } from "../experiment/narrative.js";
import { admissionDecisions, segmentTable } from "../experiment/group-tables.js";
import { CsvWriter, type CsvValue } from "./csv.js";
import { joinEvents } from "./events.js";
import { ensureDir, writeFileAtomic } from "./atomic.js";
import { renderStressReport } from "./stress.js";
import { writingFile } from "./output-problem.js";
import { writeGlossary, type GlossaryNames } from "./glossary.js";
import { VERSION } from "../version.js";
import { ranges } from "../experiment/shard.js";
import type { KpiValue, OutputOptions, RunInfo } from "../types.js";
export type { OutputOptions, RunInfo } from "../types.js";

/** Why the answers should be read with care (trustWarnings), one row each; header only when none. */
export const WARNINGS_FILE = "warnings.csv";

/** The names a glossary describes for these results: their KPIs, daily metrics and release rows. */
export function glossaryNames(results: readonly ExperimentResult[]): GlossaryNames {
  const kpis = new Set<string>();
  const classKpis = new Set<string>();
  const daily = new Set<string>();
  const measures = new Set<string>();
  const resources = new Set<string>();
  for (const result of results) {
    for (const s of result.scenarios) {
      for (const k of Object.keys(result.kpis[s] ?? {})) kpis.add(k);
      for (const c of result.byClass[s] ?? []) classKpis.add(c.kpi);
      for (const m of Object.keys(result.daily[s] ?? {})) daily.add(m);
    }
    for (const r of releaseTable(result)) {
      measures.add(r.measure);
      resources.add(r.resource);
    }
  }
  const groupMeasures = new Set(results.flatMap((r) => segmentTable(r).map((x) => x.measure)));
  const startDate = results[0]?.model.calendar.startDate;
  return { kpis: [...kpis], classKpis: [...classKpis], dailyMetrics: [...daily].sort(), releaseMeasures: [...measures], resources: [...resources], groupMeasures: [...groupMeasures], ...(startDate === undefined ? {} : { startDate }) };
}

/** Writes one CSV table atomically; returns how many cells were empty. */
export function writeTable(dir: string, name: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: OutputOptions): Promise<number> {
  return writingFile(join(dir, name), () => writeRows(join(dir, name), header, rows, options));
}

async function writeRows(path: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: OutputOptions): Promise<number> {
  const writer = await CsvWriter.open(path, header, { bom: options.bom ?? false });
  try {
    for (const row of rows) {
      writer.writeRow(row);
      if (writer.pendingBytes > 1 << 20) await writer.flush();
    }
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.emptyCells;
}

/**
 * Streams kpi_replications.csv while the run goes on: open it before the run, feed each
 * replication's result, close (or abort) at the end.
 */
export class ReplicationsFile {
  private constructor(private readonly writer: CsvWriter) {}

  static async open(dir: string, options: OutputOptions = {}): Promise<ReplicationsFile> {
    await ensureDir(dir);
    return new ReplicationsFile(await CsvWriter.open(join(dir, "kpi_replications.csv"), ["scenario", "replication", "kpi", "value"], { bom: options.bom ?? false }));
  }

  /** One replication's KPIs; a KPI it observed nothing of (null) is an empty cell. */
  async add(scenario: string, replication: number, kpis: Record<string, KpiValue>): Promise<void> {
    for (const [kpi, value] of Object.entries(kpis)) this.writer.writeRow([scenario, replication, kpi, value]);
    if (this.writer.pendingBytes > 1 << 20) await this.writer.flush();
  }

  close(): Promise<void> {
    return this.writer.close();
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}

/** Writes every output file except kpi_replications.csv (streamed during the run). */
export async function writeOutputs(dir: string, result: ExperimentResult, info: RunInfo, options: OutputOptions = {}): Promise<string[]> {
  await ensureDir(dir);
  const notes: string[] = [];
  const model = result.model;
  const meta: [string, CsvValue][] = [
    ["model", model.name],
    ["model_file", model.file],
    ["scenarios", result.scenarios.join(";")],
    ["baseline", result.baseline],
    ["seed", result.settings.seed],
    ["generator", GENERATOR_NAME],
    ["stream_allocation", STREAM_ALLOCATION],
    ["replications_requested", result.replications.requested],
    ["replications_completed", result.replications.completed],
    ["days", result.settings.days],
    ["warmup_days", result.settings.warmupDays],
    // only in a run started from a census (run --census)
    ...(result.census === undefined ? [] : [["census", `${result.census.file} (${result.census.patients} patients; ${result.census.states})`] as [string, CsvValue]]),
    // only in a dated run: the first day of the results period (the warm-up runs the days before it)
    ...(model.calendar.startDate === undefined ? [] : [["start_date", model.calendar.startDate] as [string, CsvValue]]),
    ["pathflow_version", VERSION],
    ["node_version", process.version],
    ["workers", result.workers],
    ["started", result.startedAt.toISOString()],
    ["finished", result.finishedAt.toISOString()],
    ["wall_seconds", info.wallSeconds],
    ["events_simulated", result.events],
    ["partial", result.state === "partial"],
    // only in a partial merge of shards (pathflow merge --allow-partial)
    ...(result.state === "partial" && result.reason === "missing" ? [["replications_missing", ranges(result.missing)] as [string, CsvValue]] : []),
    ["conservation_problems", result.conservationProblems.length],
    ...(info.extraMetadata ?? []).map(([k, v]) => [k, v] as [string, CsvValue]),
    ["command", info.command],
  ];
  await writeTable(dir, "run_metadata.csv", ["key", "value"], meta, options);

  // A table whose empty cells (a value that cannot be computed) the run notes.
  const counted = async (file: string, header: readonly string[], rows: Iterable<readonly CsvValue[]>): Promise<void> => {
    const n = await writeTable(dir, file, header, rows, options);
    if (n > 0) notes.push(`${file}: ${n} empty cells (a value that cannot be computed, e.g. a confidence interval from one replication)`);
  };
  await counted(
    "kpi_summary.csv",
    ["scenario", "kpi", "unit", "mean", "sd", "ci_low", "ci_high", "p10", "p50", "p90", "n_reps"],
    kpiSummary(result).map((r) => [r.scenario, r.kpi, r.unit, r.mean, r.sd, r.ci_low, r.ci_high, r.p10, r.p50, r.p90, r.n_reps]),
  );
  await counted(
    "kpi_by_class.csv",
    ["scenario", "kpi", "unit", "class_type", "class", "mean", "ci_low", "ci_high", "n_reps"],
    kpiByClass(result).map((r) => [r.scenario, r.kpi, r.unit, r.class_type, r.class, r.mean, r.ci_low, r.ci_high, r.n_reps]),
  );
  await counted(
    "kpi_difference.csv",
    ["scenario", "baseline", "kpi", "unit", "mean_diff", "ci_low", "ci_high", "n_reps"],
    kpiDifferences(result).map((r) => [r.scenario, r.baseline, r.kpi, r.unit, r.mean_diff, r.ci_low, r.ci_high, r.n_reps]),
  );
  await counted(
    "release.csv",
    ["scenario", "baseline", "resource", "unit", "measure", "mean", "ci_low", "ci_high", "n_reps"],
    releaseTable(result).map((r) => [r.scenario, r.baseline, r.resource, r.unit, r.measure, r.mean, r.ci_low, r.ci_high, r.n_reps]),
  );
  await writeTable(
    dir,
    "timeseries_daily.csv",
    ["scenario", "day", "date", "metric", "unit", "mean", "p10", "p90"],
    (function* () {
      for (const r of timeseries(result)) yield [r.scenario, r.day, r.date, r.metric, r.unit, r.mean, r.p10, r.p90];
    })(),
    options,
  );
  await counted(
    "flows.csv",
    ["scenario", "source", "acuity_band", "admissions_per_day", "ci_low", "ci_high"],
    flows(result).map((r) => [r.scenario, r.source, r.acuity_band, r.admissions_per_day, r.ci_low, r.ci_high]),
  );
  if (model.hasEd) await counted(
    "admission_decisions.csv",
    ["scenario", "pressure_band_pct", "acuity_band", "view", "decisions", "admitted_pct", "ci_low", "ci_high", "n_reps"],
    admissionDecisions(result).map((r) => [r.scenario, r.pressure_band_pct, r.acuity_band, r.view, r.decisions, r.admitted_pct, r.ci_low, r.ci_high, r.n_reps]),
  );
  await counted(
    "segments.csv",
    ["scenario", "baseline", "segment", "route", "measure", "value_type", "unit", "mean", "ci_low", "ci_high", "n_reps"],
    segmentTable(result).map((r) => [r.scenario, r.baseline, r.segment, r.route, r.measure, r.value_type, r.unit, r.mean, r.ci_low, r.ci_high, r.n_reps]),
  );
  if (result.driftRange !== undefined) {
    await counted(
      "drift_range.csv",
      ["scenario", "resource", "unit", "drift_strength", "matched_intercept", "intercept_source", "baseline_occupancy_pct", "occupancy_vs_model_points", "expected", "spare", "drift", "release_ratio", "ci_low", "ci_high", "n_reps"],
      driftRangeTable(result).map((r) => [r.scenario, r.resource, r.unit, r.drift_strength, r.matched_intercept, r.intercept_source, r.baseline_occupancy_pct, r.occupancy_vs_model_points, r.expected, r.spare, r.drift, r.release_ratio, r.ci_low, r.ci_high, r.n_reps]),
    );
  }
  if (model.hasEd && result.scenarios.length > 1) {
    await counted(
      "decisions_flipped.csv",
      ["scenario", "acuity_band", "flip", "per_year", "ci_low", "ci_high", "n_reps"],
      flippedTable(result).map((r) => [r.scenario, r.acuity_band, r.flip, r.per_year, r.ci_low, r.ci_high, r.n_reps]),
    );
  }
  // summary.md: the scenarios' paragraphs, then the uncertainty section of a run --uncertainty.
  const appendix = info.summaryAppendix ?? "";
  if (result.scenarios.length > 1 || appendix !== "") await writingFile(join(dir, "summary.md"), () => writeFileAtomic(join(dir, "summary.md"), `${summaryMarkdown(result)}${appendix === "" ? "" : `\n${appendix.trimEnd()}\n`}`));
  if (info.eventsWritten) await writingFile(join(dir, "events.csv"), () => joinEvents(dir, result.replications.completed, options));
  const warnings = info.warnings ?? [];
  await writeTable(dir, WARNINGS_FILE, ["scenario", "code", "message"], warnings.map((w) => [w.scenario, w.code, w.message]), options);

  const warmup = warmupCheck(result);
  await writingFile(join(dir, "stress.md"), () => writeFileAtomic(join(dir, "stress.md"), stressReport(result, info, warmup, [...warnings.map((w) => `Warning: ${w.message}`), ...notes])));
  // last but the report: it describes every file in the folder
  await writingFile(join(dir, "glossary.csv"), () => writeGlossary(dir, glossaryNames([result]), options));
  // report.html; loaded here, as the chart libraries take a second to load
  await writingFile(join(dir, "report.html"), async () => (await import("../report/index.js")).buildReport(dir));
  return notes;
}

function stressReport(result: ExperimentResult, info: RunInfo, warmup: ReturnType<typeof warmupCheck>, notes: readonly string[]): string {
  const model = result.model;
  const scenarios = result.scenarios.map((name) => ({
    name,
    description: model.scenarios[name]?.description ?? "",
    changes: model.scenarios[name]?.changes ?? [],
  }));
  return renderStressReport({
    purpose:
      "Estimate, with confidence intervals, how much upstream capacity each scenario's avoided demand should release, how much is realised as spare capacity or better flow, and what absorbs the rest — acuity drift (across a like-for-like range of drift strengths), longer stays, previously unmet demand, changed blocking — each measured by counterfactual runs under common random numbers.",
    modelName: model.name,
    modelDescription: model.description,
    nodes: model.nodes,
    scenarios,
    parameters: model.parameters,
    outputs: [
      "kpi_replications.csv — every KPI, every replication",
      "kpi_summary.csv — mean, sd, 95% t-interval, p10/p50/p90 over replications",
      "kpi_by_class.csv — per-patient KPIs (waits of both definitions, reneging, blocked time, time in system) by segment, acuity band and for everyone, 95% t-interval",
      "kpi_difference.csv — paired differences against the baseline (common random numbers), 95% t-interval",
      "release.csv — release accounting per resource (expected, spare, each absorber by counterfactual, unexplained, release ratio; capacity added and left idle) and flow changes",
      "drift_range.csv — the release across the drift range, each baseline re-matched to the same occupancy",
      "decisions_flipped.csv — admission decisions each scenario flipped, by acuity band",
      "summary.md — the planner's summary, one paragraph per scenario",
      "timeseries_daily.csv — daily means and p10/p90 across replications",
      "flows.csv — admissions per day by source and acuity band (raw case mix)",
      "admission_decisions.csv — admitted share of ED decisions by bed pressure and acuity band, and case-mix standardised, 95% CIs",
      "segments.csv — results by patient group (segment × route of arrival) per day, with paired differences against the baseline, 95% CIs",
      "warnings.csv — why an answer should be read with care (saturated baseline, demand and capacity changed together, --reps auto short of its target)",
      "glossary.csv — every file, column, KPI, daily metric, release measure and warning, with its unit",
    ],
    ciMethod:
      "Student-t 95% intervals over independent replications; scenario comparisons use paired differences replication by replication under common random numbers (each patient draws its own keyed random numbers at arrival).",
    warmupDays: result.settings.warmupDays,
    ...(result.census === undefined ? {} : { census: `${result.census.file} (${result.census.patients} patients; ${result.census.states}; each remaining duration drawn given the time already spent)` }),
    runLengthDays: result.settings.days,
    ...(model.calendar.startDate === undefined ? {} : { startDate: model.calendar.startDate }),
    replications: result.replications.completed,
    replicationsRequested: result.replications.requested,
    warmupCheck: warmup === null ? "" : `MSER-5 on the baseline's mean daily ${warmup.metric} suggests discarding ${warmup.truncateDays} of ${warmup.observedDays} results days (0 means the warm-up was long enough).`,
    software: `pathflow ${VERSION}`,
    nodeVersion: process.version,
    generator: GENERATOR_NAME,
    streams: STREAM_ALLOCATION,
    seed: result.settings.seed,
    wallSeconds: info.wallSeconds,
    partial: result.state === "partial",
    notes: [...notes, ...result.conservationProblems],
    command: info.command,
  });
}
