/**
 * `pathflow run`: call the library, write the files, print the summary. Progress goes to stderr
 * from the start (a bar on a terminal, plain lines otherwise; --quiet turns it off and nothing
 * else); stdout carries the summary table, the planner's summary and any warnings.
 */
import { join } from "node:path";
import { runExperiment, type ExperimentResult } from "../experiment/experiment.js";
import { planExperiment, type AutoReplications, type ExperimentPlan } from "../experiment/plan.js";
import { trustWarnings } from "../experiment/warnings.js";
import { ReplicationError, type PoolOptions } from "../experiment/pool.js";
import { summaryMarkdown } from "../experiment/narrative.js";
import { kpiSummary, warmupCheck } from "../experiment/summaries.js";
import { ReplicationsFile, writeOutputs } from "../io/outputs.js";
import { EventsFile } from "../io/events.js";
import { OutputFolder, freshFolderName, type FolderUse } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { loadModel } from "../model/load.js";
import { PathflowInputError } from "../errors.js";
import type { TrustWarning } from "../types.js";
import { describeEstimate, estimateWork, type WorkEstimate } from "../experiment/estimate.js";
import { FAILURE, INTERRUPTED, OK } from "./exit.js";
import { startProgress } from "./progress.js";
import { meanCi, textTable, warningsText } from "./table.js";

export interface RunFlags {
  scenario?: string[];
  baseline?: string;
  reps?: number | "auto";
  precision?: number;
  /** With --reps auto: what must reach --precision (headline KPIs, or the release ratio). */
  target?: "kpis" | "release-ratio";
  maxReps?: number;
  seed?: number;
  days?: number;
  warmupDays?: number;
  workers?: number;
  out?: string;
  events?: boolean;
  quiet?: boolean;
  bom?: boolean;
  warmupReport?: boolean;
  xlsx?: boolean;
  force?: boolean;
  yes?: boolean;
  dataDir?: string[];
  /** --drift-range b2,… or --no-drift-range (false); true (commander's default for the pair) means the model's. */
  driftRange?: number[] | boolean;
  signal?: AbortSignal;
}

/**
 * Refuses a run beyond sane limits unless --yes (exit 2 before any file is written); returns the
 * estimate in words, which progress says after its start line.
 */
export function checkWork(estimate: WorkEstimate, f: RunFlags): string {
  if (estimate.beyond.length > 0 && f.yes !== true) {
    throw new PathflowInputError(
      [{ code: "invalid_flag", path: ["--yes"], message: `this run would take ${estimate.beyond.join(", and ")}: shorten --days, run fewer --reps or scenarios (or a smaller grid), or add --yes to run it anyway` }],
      "the run is too large to start unasked",
    );
  }
  return describeEstimate(estimate);
}

/** How the run may use an existing --out folder: empty only, or --force. */
export function folderUse(f: RunFlags): FolderUse {
  return f.force === true ? "force" : "new";
}

/** The KPIs the summary table shows, where the model has them. */
export const SUMMARY_KPIS = [
  "ga_occupancy_pct",
  "ed_4h_pct",
  "ed_12h_pct",
  "amb_c2_mean_min",
  "handover_mean_min",
  "nctr_pct_of_beds",
  "admissions_per_day",
  "admissions_low_acuity_pct",
  "homecare_waiting_mean_people",
];

function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}

function summaryTable(result: ExperimentResult): string {
  const rows = kpiSummary(result);
  const kpis = SUMMARY_KPIS.filter((k) => rows.some((r) => r.kpi === k));
  const chosen = kpis.length > 0 ? kpis : [...new Set(rows.map((r) => r.kpi))].slice(0, 8);
  const lines = chosen.map((kpi) => [
    kpi,
    ...result.scenarios.map((s) => {
      const r = rows.find((x) => x.scenario === s && x.kpi === kpi);
      return r === undefined ? "" : meanCi(r.mean, r.ci_low, r.ci_high);
    }),
  ]);
  return textTable(["kpi", ...result.scenarios], lines);
}

/**
 * Replications as the flags ask: a number, `--reps auto` with its precision and cap, or the
 * model's. --precision and --max-reps mean something only with --reps auto: given without it they
 * are an error (exit 2), not silently ignored.
 */
export function replicationsFromFlags(f: RunFlags): number | AutoReplications | undefined {
  if (f.reps === "auto") return { precision: f.precision ?? 0.05, maxReplications: f.maxReps ?? 200, ...(f.target === "release-ratio" ? { target: "release-ratio" as const } : {}) };
  const given = f.reps === undefined ? "without --reps (the model's run.replications apply)" : `with --reps ${f.reps}`;
  const stray = (["--precision", "--max-reps", "--target"] as const).filter((flag) => (flag === "--precision" ? f.precision : flag === "--max-reps" ? f.maxReps : f.target) !== undefined);
  if (stray.length > 0) {
    throw new PathflowInputError(
      stray.map((flag) => ({ code: "invalid_flag", path: [flag], message: `applies only with --reps auto, but was given ${given}: add --reps auto, or leave ${flag} out` })),
      `${stray.join(" and ")} without --reps auto`,
    );
  }
  return f.reps;
}

/** What the run is about to do, for the line progress starts with. */
export function startLine(scenarios: number, replications: number | AutoReplications, days: number, warmupDays: number): string {
  const reps =
    typeof replications === "number"
      ? `${replications} replication${replications === 1 ? "" : "s"}`
      : replications.target === "release-ratio"
        ? `replications until each scenario's release ratio has a 95% CI within ±${replications.precision} (at most ${replications.maxReplications})`
        : `replications until the 95% CIs are within ${Number((100 * replications.precision).toPrecision(3))}% (at most ${replications.maxReplications})`;
  const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return `running ${plural(scenarios, "scenario", "scenarios")} × ${reps}, ${plural(days, "day", "days")} after ${plural(warmupDays, "day's", "days'")} warm-up`;
}

/** How to run a failed replication again: replications are keyed by (seed, number), so any run with that seed and enough replications repeats it. */
function reproduceHint(error: ReplicationError): string {
  const { replication, seed } = error;
  return `To reproduce it, run the same command with --seed ${seed} --reps ${replication + 1} --workers 1 (replication ${replication} draws the same random numbers in any run with seed ${seed}).`;
}

/** The files of a run: kpi_replications.csv (and events.csv) as replications complete, the rest at the end. */
async function runAndWrite(modelPath: string, plan: ExperimentPlan, out: string, f: RunFlags, pool: PoolOptions, started: number, estimated: string): Promise<{ result: ExperimentResult; notes: string[]; warnings: TrustWarning[] }> {
  const { settings } = plan;
  const firstTarget = typeof settings.replications === "number" ? settings.replications : Math.min(settings.replications.maxReplications, settings.replications.minReplications ?? 10);
  const progress = startProgress({ label: plan.model.name, quiet: f.quiet ?? false }, startLine(plan.scenarios.length, settings.replications, settings.days, settings.warmupDays), firstTarget, [estimated]);
  const replicationsPath = join(out, "kpi_replications.csv");
  const eventsPath = join(out, "events.csv");
  const file = await writingFile(replicationsPath, () => ReplicationsFile.open(out, { bom: f.bom ?? false }));
  const events = f.events ? await writingFile(eventsPath, () => EventsFile.open(out, { bom: f.bom ?? false })) : undefined;
  let result: ExperimentResult;
  try {
    result = await runExperiment(plan, {
      workers: f.workers,
      workerFile: pool.workerFile,
      eventsDir: f.events ? out : undefined,
      signal: f.signal,
      onProgress: (done, total) => progress.update(done, total),
      onStage: (text) => progress.note(text),
      onReplication: async (r) => {
        await writingFile(replicationsPath, async () => {
          for (const s of r.scenarios) await file.add(s.scenario, r.replication, s.kpis);
        });
        if (events !== undefined) await writingFile(eventsPath, () => events.append(r.replication));
      },
    });
  } catch (error) {
    progress.stop();
    await file.abort();
    await events?.abort();
    if (error instanceof ReplicationError) error.message += `\n${reproduceHint(error)}`;
    throw error;
  }
  progress.note(`writing results to ${out}`);
  progress.stop();
  await writingFile(replicationsPath, () => file.close());
  if (events !== undefined) await writingFile(eventsPath, () => events.close());
  const command = ["pathflow", "run", modelPath, ...process.argv.slice(4)].join(" ");
  const warnings = trustWarnings(plan, result);
  const notes = await writeOutputs(out, result, { command, wallSeconds: (Date.now() - started) / 1000, eventsWritten: false, warnings }, { bom: f.bom ?? false });
  // Loaded only when asked for: the workbook library takes a while to load.
  if (f.xlsx) await writingFile(join(out, "results.xlsx"), async () => (await import("../report/index.js")).writeWorkbook(out));
  return { result, notes, warnings };
}

export async function runCommand(modelPath: string, flags: Record<string, unknown>, pool: PoolOptions = {}): Promise<number> {
  const f = flags as RunFlags;
  const started = Date.now();
  const replications = replicationsFromFlags(f);
  // Read and validate everything (model, scenarios, baseline) before creating any file: a bad
  // --scenario or --baseline must not leave an empty output directory behind.
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  const plan = planExperiment(loaded, { scenarios: f.scenario, baseline: f.baseline, replications, seed: f.seed, days: f.days, warmupDays: f.warmupDays, driftRange: f.driftRange === true ? undefined : f.driftRange });
  const estimated = checkWork(estimateWork([plan], f.workers), f);
  const out = f.out ?? (await freshFolderName(join("results", `${plan.model.name}-${timestamp(new Date())}`)));
  // The output folder is claimed (locked; refused if it holds files, unless --force) only now
  // that the input is known to be good; after a failure nothing of this run is left in it.
  const folder = await OutputFolder.claim(out, folderUse(f));
  let result: ExperimentResult;
  let notes: string[];
  let warnings: TrustWarning[];
  try {
    ({ result, notes, warnings } = await runAndWrite(modelPath, plan, out, f, pool, started, estimated));
  } catch (error) {
    await folder.abandon();
    throw error;
  }
  await folder.release();

  // --quiet silences progress only: the summary is what the user asked for.
  process.stdout.write(`${plan.model.name}: ${result.replications.completed} replications × ${result.scenarios.length} scenarios, ${result.settings.days} days after ${result.settings.warmupDays} days warm-up, seed ${result.settings.seed}${result.state === "partial" ? " (PARTIAL: interrupted)" : ""}\n\n`);
  process.stdout.write(`${summaryTable(result)}\n\n`);
  if (result.scenarios.length > 1) process.stdout.write(`${summaryMarkdown(result)}\n`);
  if (f.warmupReport) {
    const w = warmupCheck(result);
    if (w !== null) process.stdout.write(`Warm-up check (MSER-5 on daily ${w.metric}): discard ${w.truncateDays} of ${w.observedDays} days${w.truncateDays === 0 ? " — the warm-up is long enough" : " — consider a longer --warmup-days"}.\n\n`);
  }
  process.stdout.write(warningsText(warnings.map((warning) => ({ warning }))));
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (result.conservationProblems.length > 0) {
    for (const p of result.conservationProblems) process.stderr.write(`pathflow: conservation check failed: ${p}\n`);
  }
  process.stdout.write(`results written to ${out}\n`);
  if (result.state === "partial") return INTERRUPTED;
  return result.conservationProblems.length > 0 ? FAILURE : OK;
}
