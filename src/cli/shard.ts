/**
 * `pathflow run|sweep … --shard K/N`: run slice K of N of the work into its own folder,
 * `<out>/shard-K-of-N/` (shard.json + replications.jsonl, io/shard-format.ts), each replication
 * flushed to disk as it finishes. The same command run again on that folder continues it (a
 * requeued or preempted array task, a shard rerun after a failure): finished replications are
 * kept, and a folder holding a shard of another experiment is refused.
 */
import { join } from "node:path";
import { PathflowInputError } from "../errors.js";
import { estimateWork } from "../experiment/estimate.js";
import { planExperiment, type ExperimentPlan } from "../experiment/plan.js";
import { matchDriftRange, workerExperiment } from "../experiment/experiment.js";
import type { RunOptions } from "../types.js";
import { manifestDifferences } from "../experiment/merge.js";
import { parseShard, runTasks, shardTasks, type ShardSlice } from "../experiment/shard.js";
import { parseAxis, planSweep } from "../experiment/sweep.js";
import type { WorkerData } from "../experiment/task.js";
import type { PoolOptions } from "../experiment/pool.js";
import { workersFor } from "../experiment/estimate.js";
import { OutputFolder } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { buildManifest, manifestPlans, hasShard, readShard, RESULTS_FILE, ShardJournal, unitKey, variantsHash, dedupeVariants, type ShardContents, type ShardManifest, type ShardRequest } from "../io/shard-format.js";
import { loadModel } from "../model/load.js";
import { VERSION } from "../version.js";
import { INTERRUPTED, OK } from "./exit.js";
import { startProgress } from "./progress.js";
import { checkWork, driftRangeFlag, measuredDriftFlag, folderUse, replicationsFromFlags, stageNote, type RunFlags } from "./run.js";
import type { SweepFlags } from "./sweep.js";

/** Flags that shape the output files, which a shard does not write (`pathflow merge` does). */
const OUTPUT_FLAGS: readonly [keyof RunFlags, string][] = [
  ["bom", "--bom"],
  ["xlsx", "--xlsx"],
  ["warmupReport", "--warmup-report"],
];

/** The folder of slice K of N inside the --out folder: shard-07-of-64 (zero-padded, so they list in order). */
export function shardFolderName(slice: ShardSlice): string {
  const width = String(slice.count - 1).length;
  return `shard-${String(slice.index).padStart(width, "0")}-of-${slice.count}`;
}

/** The plans of a run or sweep and what was asked, from a model and the flags (or a manifest's request). */
async function planShardWork(kind: "run" | "sweep", modelPath: string, request: ShardRequest, settings: { replications: number | undefined; seed?: number | undefined; days?: number | undefined; warmupDays?: number | undefined }, match: RunOptions = {}) {
  const loaded = await loadModel(modelPath, { dataDirs: request.dataDirs });
  const ask = { scenarios: request.scenarios, baseline: request.baseline, startDate: request.startDate, ...settings };
  // Every shard matches the drift range's intercepts the same way (the same search on the same replications), so the manifests agree.
  if (kind === "run") return { plans: [await matchDriftRange(planExperiment(loaded, { ...ask, driftRange: request.driftRange, measuredDrift: request.measuredDrift }), match)], sweep: null };
  const sweep = planSweep(loaded, { ...ask, axes: request.axes });
  return { plans: sweep.cells.map((c) => c.plan), sweep: { axes: sweep.axes, cells: sweep.cells.map((c) => ({ index: c.index, values: c.values })) } };
}

export async function shardCommand(kind: "run" | "sweep", modelPath: string, f: SweepFlags, pool: PoolOptions): Promise<number> {
  const slice = parseShard(f.shard!);
  const issues = OUTPUT_FLAGS.filter(([key]) => f[key] !== undefined && f[key] !== false).map(([, flag]) => ({
    code: "invalid_flag" as const,
    path: [flag],
    message: `a shard writes no output files, only its replications: give ${flag} to pathflow merge, which writes them`,
  }));
  if (f.events === true) issues.push({ code: "invalid_flag", path: ["--events"], message: "the event log is not kept in shards: run the replications you want to trace on one machine (e.g. --reps 2 --events)" });
  if (f.episodes === true) issues.push({ code: "invalid_flag", path: ["--episodes"], message: "episodes are not kept in shards: run the replications whose ED attendances you want on one machine (e.g. --reps 5 --episodes)" });
  if (f.reps === "auto") issues.push({ code: "invalid_flag", path: ["--reps"], message: "--reps auto decides how many replications to run from the results so far, which no shard sees: give a number of replications" });
  if (issues.length > 0) throw new PathflowInputError(issues, `${kind} --shard`);
  const replications = replicationsFromFlags(f);
  const axes = kind === "sweep" ? [...(f.set ?? []).map((t) => parseAxis(t, false, "--set")), ...(f.setBoth ?? []).map((t) => parseAxis(t, true, "--set-both"))] : [];
  const request: ShardRequest = { modelFile: modelPath, dataDirs: f.dataDir ?? [], scenarios: f.scenario, baseline: f.baseline, axes, output: { bom: false, xlsx: false, warmupReport: false, events: false }, driftRange: kind === "run" ? driftRangeFlag(f) : false, ...(kind === "run" && f.driftFrom !== undefined ? { measuredDrift: measuredDriftFlag(f) } : {}), ...(f.startDate === undefined ? {} : { startDate: f.startDate }) };
  const { plans, sweep } = await planShardWork(kind, modelPath, request, { replications: typeof replications === "number" ? replications : undefined, seed: f.seed, days: f.days, warmupDays: f.warmupDays }, { workers: f.workers, workerFile: pool.workerFile, signal: f.signal, onStage: stageNote(f, kind) });
  // --reps, or the model's run.replications
  const loadedReps = plans[0]!.settings.replications as number;
  const tasks = shardTasks(plans.length, loadedReps, slice);
  const command = ["pathflow", kind, modelPath, ...process.argv.slice(4)].join(" ");
  const manifest = buildManifest({ kind, plans, sweep, shard: slice, request, workers: workersFor(f.workers, tasks.length), command, version: VERSION });
  const estimated = checkWork(estimateWork(plans, f.workers, tasks.length / Math.max(1, plans.length * loadedReps)), f);
  const dir = join(f.out ?? join("results", `${plans[0]!.model.name}-shards`), shardFolderName(slice));

  // A folder already holding this shard is continued; one holding another experiment's is refused (unless --force).
  const existing = f.force !== true && (await hasShard(dir));
  const folder = await OutputFolder.claim(dir, existing ? "resume" : folderUse(f));
  let contents: ShardContents | undefined;
  try {
    if (existing) {
      contents = await readShard(dir);
      const diff = manifestDifferences(contents.manifest, manifest);
      if (diff.length === 0 && (contents.manifest.shard.index !== slice.index || contents.manifest.shard.count !== slice.count)) diff.push(`shard ${slice.index} of ${slice.count} (against ${contents.manifest.shard.index} of ${contents.manifest.shard.count})`);
      if (diff.length > 0) {
        throw new PathflowInputError(
          [{ code: "file", path: ["--out"], message: `${dir} holds a shard of another experiment: ${diff.join("; ")}; choose another --out, or add --force to replace it` }],
          `cannot use the shard folder ${dir}`,
        );
      }
    }
  } catch (error) {
    await folder.release();
    throw error;
  }
  return continueShard(dir, folder, contents ?? manifest, f, pool, estimated);
}

/** `run --resume DIR` where DIR is a shard folder: plan it again from its model and go on. */
export async function resumeShard(modelPath: string | undefined, dir: string, f: RunFlags, pool: PoolOptions): Promise<number> {
  const contents = await readShard(dir);
  const m = contents.manifest;
  const model = modelPath ?? m.request.modelFile;
  const { plans } = await planShardWork(m.kind, model, { ...m.request, dataDirs: f.dataDir ?? m.request.dataDirs }, { replications: m.replications as number, seed: m.seed, days: m.days, warmupDays: m.warmupDays }, { workers: f.workers, workerFile: pool.workerFile, signal: f.signal, onStage: stageNote(f, m.kind) });
  checkSameModel(dir, m, plans, model);
  const folder = await OutputFolder.claim(dir, "resume", "--resume");
  const share = shardTasks(plans.length, m.replications as number, m.shard).length / Math.max(1, plans.length * (m.replications as number));
  return continueShard(dir, folder, contents, f, pool, checkWork(estimateWork(plans, f.workers, share), f));
}

/** Refuses to continue a shard or run whose model (or its rates, scenarios, sweep values) has changed since it started. */
export function checkSameModel(dir: string, m: ShardManifest, plans: readonly ExperimentPlan[], model: string): void {
  const now = variantsHash(dedupeVariants(plans).variants);
  const problems: string[] = [];
  if (now !== m.modelHash) problems.push(`${model} as it is now (model hash ${now.slice(0, 12)}) is not the model the run started with (${m.modelHash.slice(0, 12)}): the model file, a rates file or a scenario changed`);
  if (m.pathflowVersion !== VERSION) problems.push(`it was started by pathflow ${m.pathflowVersion}, and this is ${VERSION}: finish it with that version`);
  if (problems.length > 0) throw new PathflowInputError(problems.map((message) => ({ code: "file" as const, path: ["--resume"], message })), `cannot resume ${dir}`);
}

/** Runs the units of a shard that it does not hold yet, each appended to its journal as it finishes. */
async function continueShard(dir: string, folder: OutputFolder, start: ShardContents | ShardManifest, f: RunFlags, pool: PoolOptions, estimated: string): Promise<number> {
  const m = "manifest" in start ? start.manifest : start;
  const known = "manifest" in start ? start.results : new Map<string, unknown>();
  const reps = m.replications as number;
  const all = shardTasks(m.experiments.length, reps, m.shard);
  const todo = all.filter((t) => !known.has(unitKey(t.experiment, t.replication)));
  const data: WorkerData = {
    variants: m.variants,
    // The same worker experiments a run ships (drift range and all), with the manifest's variant indices.
    experiments: manifestPlans(m).map((plan, i) => ({ ...workerExperiment(plan, 0, undefined), variants: m.experiments[i]!.variants })),
  };
  const label = `shard ${m.shard.index} of ${m.shard.count}`;
  const unit = m.kind === "sweep" ? "cell replications" : "replications";
  const resumed = known.size > 0 ? [`${known.size} of its ${all.length} ${unit} already run are kept`] : [];
  const progress = startProgress({ label: `${m.modelName} ${label}`, quiet: f.quiet ?? false }, `running ${label}: ${todo.length} ${unit} into ${dir}`, todo.length, [estimated, ...resumed]);
  let ran = 0;
  try {
    const journal = await writingFile(dir, () => ("manifest" in start ? ShardJournal.resume(start) : ShardJournal.create(dir, m)));
    try {
      ({ ran } = await runTasks(data, todo, {
        workers: f.workers,
        workerFile: pool.workerFile,
        signal: f.signal,
        onFinished: (task, result) => writingFile(join(dir, RESULTS_FILE), () => journal.append(task.experiment, result)),
        onProgress: (done) => progress.update(done, todo.length),
      }));
    } finally {
      progress.stop();
      await journal.close();
    }
  } catch (error) {
    await ("manifest" in start ? folder.release() : folder.abandon());
    throw error;
  }
  await folder.release();
  const have = all.length - todo.length + ran;
  const interrupted = ran < todo.length;
  process.stdout.write(`${label}: ${have} of ${all.length} ${unit} in ${dir}${interrupted ? ` (PARTIAL: interrupted; run the same command again, or pathflow run --resume ${dir}, to continue)` : ""}\n`);
  return interrupted ? INTERRUPTED : OK;
}
