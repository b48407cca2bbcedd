/**
 * `pathflow run`: call the library, write the files, print the summary. Progress goes to stderr
 * from the start (a bar on a terminal, plain lines otherwise; --quiet turns it off and nothing
 * else); stdout carries the summary table, the planner's summary and any warnings.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { buildManifest, RESULTS_FILE, RUN_JOURNAL_DIR, ShardJournal, type ShardContents, type ShardManifest, type ShardRequest } from "../io/shard-format.js";
import { shardCommand } from "./shard.js";
import { resumeCommand } from "./resume.js";
import { ranges } from "../experiment/shard.js";
export { ranges } from "../experiment/shard.js";
import { VERSION } from "../version.js";
import { matchDriftRange, runExperiment, type ExperimentResult } from "../experiment/experiment.js";
import { planExperiment, type AutoReplications, type ExperimentPlan } from "../experiment/plan.js";
import { trustWarnings } from "../experiment/warnings.js";
import { ReplicationError, type PoolOptions } from "../experiment/pool.js";
import { summaryMarkdown } from "../experiment/narrative.js";
import { kpiSummary, warmupCheck } from "../experiment/summaries.js";
import { ReplicationsFile, writeOutputs } from "../io/outputs.js";
import { EventsFile } from "../io/events.js";
import { EPISODES, openEpisodesFile } from "../io/episodes.js";
import { OutputFolder, freshFolderName, type FolderUse } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { loadModel } from "../model/load.js";
import { planUncertainty, runUncertainty, UNCERTAINTY_STREAM, type UncertaintyPlan, type UncertaintyResult } from "../experiment/uncertainty.js";
import { writeUncertaintyOutputs } from "../io/uncertainty-outputs.js";
import { compileModel } from "../model/compile.js";
import { readCensusPlan } from "../io/census-csv.js";
import { PathflowInputError } from "../errors.js";
import type { MeasuredDrift, ReplicationTaskResult, TrustWarning } from "../types.js";
import { readDriftEstimate } from "../experiment/drift-from.js";
import { describeEstimate, estimateWork, workersFor, type WorkEstimate } from "../experiment/estimate.js";
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
  /** --start-date YYYY-MM-DD: the first day of the results period (overrides run.startDate). */
  startDate?: string;
  workers?: number;
  out?: string;
  events?: boolean;
  /** Write episodes.csv: the ED decisions of the results period, in estimate-drift's format. */
  episodes?: boolean;
  /** estimate.json of `pathflow estimate-drift`: the drift range becomes its interval of b2. */
  driftFrom?: string;
  quiet?: boolean;
  bom?: boolean;
  warmupReport?: boolean;
  xlsx?: boolean;
  force?: boolean;
  yes?: boolean;
  dataDir?: string[];
  /** --drift-range b2,… or --no-drift-range (false); true (commander's default for the pair) means the model's. */
  driftRange?: number[] | boolean;
  /** `K/N`, or `N` with K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. */
  shard?: string;
  /** A run folder (or shard folder) to continue. */
  resume?: string;
  /** --uncertainty N: draw N parameter sets from the model's uncertainty section and run each. */
  uncertainty?: number;
  /** A census file to start every replication from (docs/census.md). */
  census?: string;
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

/** How a run's results are produced: replications run (or read back), each handed to `onReplication` in order. */
export type ProduceResult = (onReplication: (r: ReplicationTaskResult) => Promise<void>, onProgress: (done: number, total: number) => void) => Promise<ExperimentResult>;

/**
 * The files of a run: kpi_replications.csv (and events.csv) as replications complete, the rest at
 * the end. A run, a resumed run and a merge of shards all write through here, so their files are
 * the same.
 */
export async function writeRunFolder(
  out: string,
  plan: ExperimentPlan,
  produce: ProduceResult,
  f: { readonly quiet?: boolean | undefined; readonly bom?: boolean | undefined; readonly xlsx?: boolean | undefined; readonly events?: boolean | undefined; readonly episodes?: boolean | undefined },
  run: { readonly command: string; readonly started: number; readonly startLine: string; readonly notes: readonly string[] },
  afterRun?: (result: ExperimentResult) => Promise<{ summary: string; notes: string[]; interrupted?: boolean; metadata?: [string, string | number][] }>,
): Promise<{ result: ExperimentResult; notes: string[]; warnings: TrustWarning[]; appendix: string; interrupted: boolean }> {
  const { settings } = plan;
  const firstTarget = typeof settings.replications === "number" ? settings.replications : Math.min(settings.replications.maxReplications, settings.replications.minReplications ?? 10);
  const progress = startProgress({ label: plan.model.name, quiet: f.quiet ?? false }, run.startLine, firstTarget, run.notes);
  const replicationsPath = join(out, "kpi_replications.csv");
  const eventsPath = join(out, "events.csv");
  const file = await writingFile(replicationsPath, () => ReplicationsFile.open(out, { bom: f.bom ?? false }));
  const events = f.events === true ? await writingFile(eventsPath, () => EventsFile.open(out, { bom: f.bom ?? false })) : undefined;
  const episodesPath = join(out, `${EPISODES}.csv`);
  const episodes = f.episodes === true ? await writingFile(episodesPath, () => openEpisodesFile(out, { bom: f.bom ?? false })) : undefined;
  let result: ExperimentResult;
  try {
    result = await produce(
      async (r) => {
        await writingFile(replicationsPath, async () => {
          for (const s of r.scenarios) await file.add(s.scenario, r.replication, s.kpis);
        });
        if (events !== undefined) await writingFile(eventsPath, () => events.append(r.replication));
        if (episodes !== undefined) await writingFile(episodesPath, () => episodes.append(r.replication));
      },
      (done, total) => progress.update(done, total),
    );
  } catch (error) {
    progress.stop();
    await file.abort();
    await events?.abort();
    await episodes?.abort();
    if (error instanceof ReplicationError) error.message += `\n${reproduceHint(error)}`;
    throw error;
  }
  progress.note(`writing results to ${out}`);
  progress.stop();
  await writingFile(replicationsPath, () => file.close());
  if (events !== undefined) await writingFile(eventsPath, () => events.close());
  if (episodes !== undefined) await writingFile(episodesPath, () => episodes.close());
  // A stage after the run (the parameter sets of --uncertainty), its files written before the glossary describes the folder.
  const after: { summary: string; notes: string[]; interrupted?: boolean; metadata?: [string, string | number][] } = afterRun === undefined || result.state === "partial" ? { summary: "", notes: [] } : await afterRun(result);
  const warnings = trustWarnings(plan, result);
  const notes = [
    ...(await writeOutputs(out, result, { command: run.command, wallSeconds: (Date.now() - run.started) / 1000, eventsWritten: false, warnings, summaryAppendix: after.summary, extraMetadata: after.metadata }, { bom: f.bom ?? false })),
    ...after.notes,
  ];
  // Loaded only when asked for: the workbook library takes a while to load.
  if (f.xlsx) await writingFile(join(out, "results.xlsx"), async () => (await import("../report/index.js")).writeWorkbook(out));
  return { result, notes, warnings, appendix: after.summary, interrupted: after.interrupted === true };
}

/** What a run prints once its files are written: the summary table, the narrative, warnings; returns the exit code. */
export function printRunSummary(plan: ExperimentPlan, out: string, written: { result: ExperimentResult; notes: readonly string[]; warnings: readonly TrustWarning[]; appendix?: string; interrupted?: boolean }, warmupReport: boolean): number {
  const { result, notes, warnings } = written;
  const partial = result.state === "complete" ? "" : result.reason === "missing" ? ` (PARTIAL: replications ${ranges(result.missing)} missing)` : " (PARTIAL: interrupted)";
  // --quiet silences progress only: the summary is what the user asked for.
  process.stdout.write(`${plan.model.name}: ${result.replications.completed} replications × ${result.scenarios.length} scenarios, ${result.settings.days} days after ${result.settings.warmupDays} days warm-up, seed ${result.settings.seed}${partial}\n\n`);
  process.stdout.write(`${summaryTable(result)}\n\n`);
  if (result.scenarios.length > 1) process.stdout.write(`${summaryMarkdown(result)}\n`);
  if (written.appendix !== undefined && written.appendix !== "") process.stdout.write(`${written.appendix.trimEnd()}\n\n`);
  if (warmupReport) {
    const w = warmupCheck(result);
    if (w !== null) process.stdout.write(`Warm-up check (MSER-5 on daily ${w.metric}): discard ${w.truncateDays} of ${w.observedDays} days${w.truncateDays === 0 ? " — the warm-up is long enough" : " — consider a longer --warmup-days"}.\n\n`);
  }
  process.stdout.write(warningsText(warnings.map((warning) => ({ warning }))));
  for (const note of notes) process.stderr.write(`note: ${note}\n`);
  if (result.conservationProblems.length > 0) {
    for (const p of result.conservationProblems) process.stderr.write(`pathflow: conservation check failed: ${p}\n`);
  }
  process.stdout.write(`results written to ${out}\n`);
  if ((result.state === "partial" && result.reason === "interrupted") || written.interrupted === true) return INTERRUPTED;
  return result.conservationProblems.length > 0 ? FAILURE : OK;
}

export async function runCommand(modelPath: string | undefined, flags: Record<string, unknown>, pool: PoolOptions = {}): Promise<number> {
  const f = flags as RunFlags;
  if (f.uncertainty !== undefined) refuseWithUncertainty(f);
  if (f.resume !== undefined && f.census !== undefined) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--census"], message: "cannot be combined with --resume yet: a run started from a census cannot be resumed; run it again" }], "--census with --resume");
  }
  if (f.resume !== undefined) return resumeCommand(modelPath, f.resume, f, pool);
  if (modelPath === undefined) throw new PathflowInputError([{ code: "invalid_flag", path: ["model"], message: "give the model file to run (or --resume DIR to continue a run)" }], "pathflow run");
  if (f.census !== undefined && f.shard !== undefined) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--census"], message: "cannot be combined with --shard yet: run without --shard" }], "--census with --shard");
  }
  if (f.shard !== undefined) return shardCommand("run", modelPath, f, pool);
  const started = Date.now();
  const replications = replicationsFromFlags(f);
  // Read and validate everything (model, scenarios, baseline) before creating any file: a bad
  // --scenario or --baseline must not leave an empty output directory behind.
  const measuredDrift = measuredDriftFlag(f);
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  const planned = planExperiment(loaded, { scenarios: f.scenario, baseline: f.baseline, replications, seed: f.seed, days: f.days, warmupDays: f.warmupDays, startDate: f.startDate, driftRange: driftRangeFlag(f), measuredDrift });
  // A census is read and validated against every scenario before anything runs; the drift
  // range's intercepts are then matched from the census too (the same run settings).
  const plan = await matchDriftRange(withCensus(planned, f.census, Object.keys(loaded.model.scenarios)), { workers: f.workers, workerFile: pool.workerFile, signal: f.signal, onStage: stageNote(f, loaded.model.name) });
  // Every parameter set planned (and validated) before the folder is claimed: a bad set is exit 2 with nothing written.
  const uncertainty = f.uncertainty === undefined ? undefined : withSetsCensus(planUncertainty(loaded, { scenarios: f.scenario, baseline: f.baseline, replications, seed: f.seed, days: f.days, warmupDays: f.warmupDays, startDate: f.startDate }, f.uncertainty, plan), plan);
  const estimated = checkWork(estimateWork([plan, ...(uncertainty?.sets.map((s) => s.plan) ?? [])], f.workers), f);
  const out = f.out ?? (await freshFolderName(join("results", `${plan.model.name}-${timestamp(new Date())}`)));
  // The output folder is claimed (locked; refused if it holds files, unless --force) only now
  // that the input is known to be good; after a failure nothing of this run is left in it.
  const folder = await OutputFolder.claim(out, folderUse(f));
  const command = ["pathflow", "run", modelPath, ...process.argv.slice(4)].join(" ");
  const manifest = buildManifest({
    kind: "run",
    plans: [plan],
    sweep: null,
    shard: { index: 0, count: 1 },
    request: requestOf(modelPath, f, measuredDrift),
    workers: workersFor(f.workers, typeof replications === "number" ? replications : Infinity),
    command,
    version: VERSION,
  });
  return continueRun(out, folder, plan, manifest, f, pool, { started, command, estimated, uncertainty });
}

/**
 * --uncertainty runs its parameter sets after the central run, all in one process: it is not
 * sharded or resumed (yet), and every set needs the same replications (common random numbers), so
 * --reps auto, which decides the count as it goes, is refused too.
 */
function refuseWithUncertainty(f: RunFlags): void {
  const clash = f.shard !== undefined ? "--shard" : f.resume !== undefined ? "--resume" : f.reps === "auto" ? "--reps auto" : undefined;
  if (clash === undefined) return;
  throw new PathflowInputError(
    [{ code: "invalid_flag", path: ["--uncertainty"], message: `cannot be combined with ${clash}: every parameter set runs the same fixed replications in one process (give --reps N and run without ${clash})` }],
    `--uncertainty with ${clash}`,
  );
}

/** The stage after the central run: every parameter set on one pool (its own progress), then its files. */
function uncertaintyStage(out: string, uplan: UncertaintyPlan, f: RunFlags, pool: PoolOptions, name: string): (central: ExperimentResult) => Promise<{ summary: string; notes: string[] }> {
  return async (central) => {
    const reps = uplan.sets[0]!.plan.settings.replications as number;
    const progress = startProgress({ label: `${name} uncertainty`, quiet: f.quiet ?? false }, `running ${uplan.sets.length} parameter sets (Latin hypercube) × ${reps} replications, the same random numbers as the central run`, uplan.sets.length * reps, []);
    let u: UncertaintyResult;
    try {
      u = await runUncertainty(uplan, { workers: f.workers, workerFile: pool.workerFile, signal: f.signal, onProgress: (done, total) => progress.update(done, total) });
    } finally {
      progress.stop();
    }
    const written = await writeUncertaintyOutputs(out, u, central, { bom: f.bom ?? false });
    const partial = u.state === "partial" ? [`--uncertainty was interrupted: its files hold the ${u.results.length} of ${uplan.sets.length} parameter sets that completed`] : [];
    const metadata: [string, string | number][] = [
      ["uncertainty_sets", u.results.length],
      ["uncertainty_sampling", `Latin hypercube over ${uplan.parameters.map((p) => p.name).join(", ")}; each parameter's column from ${UNCERTAINTY_STREAM}; every set runs replications 0 to ${reps - 1} (common random numbers)`],
    ];
    return { ...written, notes: [...written.notes, ...partial], interrupted: u.state === "partial", metadata };
  };
}

/**
 * Every parameter set starts from the central run's census (--census), read and validated once
 * against the central variants: a set changes parameter values, never which nodes, segments and
 * statuses exist, and a census patient may stand beyond a unit's capacity (nobody is evicted).
 */
function withSetsCensus(uplan: UncertaintyPlan, central: ExperimentPlan): UncertaintyPlan {
  if (central.census === undefined) return uplan;
  return { ...uplan, sets: uplan.sets.map((s) => ({ ...s, plan: { ...s.plan, census: central.census } })) };
}

/**
 * The plan starting from the census in `file` (each row read and validated against its scenario's
 * model, or every scenario's), or as it is without one. `scenarios`: every scenario of the model.
 */
export function withCensus(plan: ExperimentPlan, file: string | undefined, scenarios: readonly string[]): ExperimentPlan {
  if (file === undefined) return plan;
  const census = readCensusPlan(file, { names: plan.scenarios, models: plan.variants.map((v) => compileModel(v.spec, v.tables)), all: scenarios, baseline: plan.baseline });
  return { ...plan, census };
}

/** What a run asked for, kept in its journal so that --resume plans the same run. */
function requestOf(modelPath: string, f: RunFlags, measuredDrift: MeasuredDrift | undefined): ShardRequest {
  return {
    modelFile: modelPath,
    dataDirs: f.dataDir ?? [],
    scenarios: f.scenario,
    baseline: f.baseline,
    axes: [],
    output: { bom: f.bom ?? false, xlsx: f.xlsx ?? false, warmupReport: f.warmupReport ?? false, events: f.events ?? false, episodes: f.episodes ?? false },
    driftRange: driftRangeFlag(f),
    ...(measuredDrift === undefined ? {} : { measuredDrift }),
    ...(f.startDate === undefined ? {} : { startDate: f.startDate }),
  };
}

/**
 * --drift-from FILE: the local estimate of drift strength, read once (undefined without the flag).
 * It sets the drift range, so it cannot be given with --drift-range or --no-drift-range.
 */
export function measuredDriftFlag(f: RunFlags): MeasuredDrift | undefined {
  if (f.driftFrom === undefined) return undefined;
  if (f.driftRange !== undefined && f.driftRange !== true) {
    const flag = f.driftRange === false ? "--no-drift-range" : "--drift-range";
    throw new PathflowInputError([{ code: "invalid_flag", path: [flag], message: `cannot be combined with --drift-from, which sets the drift range from the estimate's interval: give one or the other` }], `${flag} with --drift-from`);
  }
  return readDriftEstimate(f.driftFrom);
}

/** --drift-range b2,… (the strengths), --no-drift-range (false), or neither (the model's: undefined). */
export function driftRangeFlag(f: RunFlags): number[] | false | undefined {
  return f.driftRange === true ? undefined : f.driftRange;
}

/** Says a stage before replications start (the drift range's search) on stderr, unless --quiet. */
export function stageNote(f: RunFlags, name: string): (text: string) => void {
  return (text) => {
    if (f.quiet !== true) process.stderr.write(`${name}: ${text}\n`);
  };
}

/**
 * Runs (or goes on running) a claimed run folder: its journal (`.pathflow-shard/`) takes each
 * replication the moment it finishes; the outputs are written from every replication in order;
 * the journal is removed once the run is complete (and kept when it is not, for --resume).
 */
export async function continueRun(
  out: string,
  folder: OutputFolder,
  plan: ExperimentPlan,
  start: ShardManifest | ShardContents,
  f: RunFlags,
  pool: PoolOptions,
  run: { started: number; command: string; estimated: string; uncertainty?: UncertaintyPlan | undefined },
): Promise<number> {
  const journalDir = join(out, RUN_JOURNAL_DIR);
  const known = new Map<number, () => Promise<ReplicationTaskResult>>();
  if ("manifest" in start) for (const r of start.results.values()) known.set(r.replication, r.load);
  let written: Awaited<ReturnType<typeof writeRunFolder>>;
  let journal: ShardJournal | undefined;
  try {
    journal = await writingFile(journalDir, () => ("manifest" in start ? ShardJournal.resume(start) : ShardJournal.create(journalDir, start)));
    const j = journal;
    const lines = [run.estimated, ...(known.size > 0 ? [`resuming: ${known.size} replication${known.size === 1 ? "" : "s"} already run are kept`] : [])];
    written = await writeRunFolder(
      out,
      plan,
      (onReplication, onProgress) =>
        runExperiment(plan, {
          workers: f.workers,
          workerFile: pool.workerFile,
          eventsDir: f.events ? out : undefined,
          episodesDir: f.episodes ? out : undefined,
          signal: f.signal,
          completed: known,
          onFinished: (r) => writingFile(join(journalDir, RESULTS_FILE), () => j.append(0, r)),
          onProgress,
          onReplication,
        }),
      f,
      { command: run.command, started: run.started, startLine: startLine(plan.scenarios.length, plan.settings.replications, plan.settings.days, plan.settings.warmupDays), notes: lines },
      run.uncertainty === undefined ? undefined : uncertaintyStage(out, run.uncertainty, f, pool, plan.model.name),
    );
    await journal.close();
    journal = undefined;
    if (written.result.state === "complete") await rm(journalDir, { recursive: true, force: true });
  } catch (error) {
    await journal?.close();
    await folder.abandon();
    throw error;
  }
  await folder.release();
  if (written.result.state === "partial") process.stderr.write(`pathflow: to run the missing replications, pathflow run --resume ${out}\n`);
  return printRunSummary(plan, out, written, f.warmupReport ?? false);
}
