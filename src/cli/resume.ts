/**
 * `pathflow run [MODEL] --resume DIR`: continue an interrupted or killed run (its journal,
 * `DIR/.pathflow-shard/`) or a shard folder. The model is read again (from MODEL, or the path the
 * run was started with) and must be the one the run started with (its hash); only the missing
 * replications run, and the files are written from all of them, in order — the same bytes as a run
 * never interrupted.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { PathflowInputError } from "../errors.js";
import { estimateWork } from "../experiment/estimate.js";
import { planExperiment } from "../experiment/plan.js";
import { matchDriftRange } from "../experiment/experiment.js";
import type { PoolOptions } from "../experiment/pool.js";
import { OutputFolder } from "../io/folder.js";
import { hasShard, MANIFEST_FILE, readShard, RUN_JOURNAL_DIR } from "../io/shard-format.js";
import { loadModel } from "../model/load.js";
import { OK } from "./exit.js";
import { checkWork, continueRun, stageNote, type RunFlags } from "./run.js";
import { checkSameModel, resumeShard } from "./shard.js";

/** Flags that fix what a run is: a resumed run keeps the ones it started with. */
const FIXED_ON_RESUME: readonly [keyof RunFlags, string][] = [
  ["scenario", "--scenario"],
  ["baseline", "--baseline"],
  ["reps", "--reps"],
  ["precision", "--precision"],
  ["maxReps", "--max-reps"],
  ["seed", "--seed"],
  ["days", "--days"],
  ["warmupDays", "--warmup-days"],
  ["startDate", "--start-date"],
  ["out", "--out"],
  ["force", "--force"],
  ["shard", "--shard"],
  ["events", "--events"],
  ["episodes", "--episodes"],
  ["driftFrom", "--drift-from"],
  ["bom", "--bom"],
  ["xlsx", "--xlsx"],
  ["warmupReport", "--warmup-report"],
];

/**
 * `run [MODEL] --resume DIR`: continue an interrupted run (or shard) from the replications its
 * journal holds. The model is read again (from MODEL, or the path the run was started with) and
 * must be the one the run started with; only the missing replications run, and the files are
 * written from all of them, in order — the same bytes as a run never interrupted.
 */
export async function resumeCommand(modelPath: string | undefined, dir: string, f: RunFlags, pool: PoolOptions): Promise<number> {
  const stray = FIXED_ON_RESUME.filter(([key]) => f[key] !== undefined && f[key] !== false);
  if (stray.length > 0) {
    throw new PathflowInputError(
      stray.map(([, flag]) => ({ code: "invalid_flag", path: [flag], message: `cannot be combined with --resume: a resumed run keeps the settings it started with` })),
      "run --resume",
    );
  }
  if (await hasShard(dir)) return resumeShard(modelPath, dir, f, pool);
  const journalDir = join(dir, RUN_JOURNAL_DIR);
  if (!(await hasShard(journalDir))) {
    const meta = await readFile(join(dir, "run_metadata.csv"), "utf8").catch(() => "");
    if (/^partial,false$/m.test(meta)) {
      process.stdout.write(`${dir} holds a complete run: nothing to resume\n`);
      return OK;
    }
    throw new PathflowInputError(
      [{ code: "file", path: ["--resume"], message: `${dir} holds no run to resume (no ${join(RUN_JOURNAL_DIR, MANIFEST_FILE)} and no ${MANIFEST_FILE}): give the --out folder of a run that was interrupted or killed, or a shard folder` }],
      `cannot resume ${dir}`,
    );
  }
  const contents = await readShard(journalDir);
  const m = contents.manifest;
  if (m.request.output.events || m.request.output.episodes === true) {
    const [flag, what] = m.request.output.events ? ["--events", "event log"] : ["--episodes", "episodes file"];
    throw new PathflowInputError([{ code: "file", path: ["--resume"], message: `${dir} is a run with ${flag}, whose ${what} is not kept across an interruption: run it again (with --force)` }], `cannot resume ${dir}`);
  }
  const model = modelPath ?? m.request.modelFile;
  const loaded = await loadModel(model, { dataDirs: f.dataDir ?? m.request.dataDirs });
  // The drift range's intercepts, where a search found them, are found again: the same search on the same replications.
  const plan = await matchDriftRange(
    planExperiment(loaded, { scenarios: m.request.scenarios, baseline: m.request.baseline, replications: m.replications, seed: m.seed, days: m.days, warmupDays: m.warmupDays, startDate: m.request.startDate, driftRange: m.request.driftRange, measuredDrift: m.request.measuredDrift }),
    { workers: f.workers, workerFile: pool.workerFile, signal: f.signal, onStage: stageNote(f, loaded.model.name) },
  );
  checkSameModel(dir, m, [plan], model);
  const known = contents.results.size;
  const total = typeof m.replications === "number" ? m.replications : m.replications.maxReplications;
  const estimated = checkWork(estimateWork([plan], f.workers, Math.max(0, total - known) / total), f);
  const folder = await OutputFolder.claim(dir, "resume", "--resume");
  const output = m.request.output;
  const resumed: RunFlags = { ...f, bom: output.bom, xlsx: output.xlsx, warmupReport: output.warmupReport, events: false, episodes: false };
  return continueRun(dir, folder, plan, contents, resumed, pool, { started: Date.now(), command: m.command, estimated });
}
