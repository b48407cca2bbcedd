/**
 * `pathflow sweep`: parse the grid flags, plan every cell (validating all before any runs), run
 * the grid on one pool, write sweep.csv and sweep_metadata.csv.
 *
 *   --set PATH=V1,V2,…        values for the compared scenario only (the intervention)
 *   --set-both PATH=V1,V2,…   values for the baseline and the scenario alike (the context)
 * Without --scenario the compared scenario is the baseline plus the --set values ("sweep").
 */
import { join } from "node:path";
import type { PoolOptions } from "../experiment/pool.js";
import { parseAxis, planSweep, runSweep, type SweepResult } from "../experiment/sweep.js";
import { OutputFolder, freshFolderName } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { writeSweepOutputs } from "../io/sweep-outputs.js";
import { loadModel } from "../model/load.js";
import { INTERRUPTED, OK } from "./exit.js";
import { progressReporter } from "./progress.js";
import { checkWork, folderUse, type RunFlags } from "./run.js";
import { estimateWork } from "../experiment/estimate.js";

export interface SweepFlags extends RunFlags {
  set?: string[];
  setBoth?: string[];
}

export async function sweepCommand(modelPath: string, flags: Record<string, unknown>, pool: PoolOptions = {}): Promise<number> {
  const f = flags as SweepFlags;
  const axes = [...(f.set ?? []).map((t) => parseAxis(t, false, "--set")), ...(f.setBoth ?? []).map((t) => parseAxis(t, true, "--set-both"))];
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  const plan = planSweep(loaded, {
    axes,
    scenarios: f.scenario,
    baseline: f.baseline,
    replications: f.reps === "auto" ? { precision: f.precision ?? 0.05, maxReplications: f.maxReps ?? 200 } : f.reps,
    seed: f.seed,
    days: f.days,
    warmupDays: f.warmupDays,
  });
  checkWork(
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
  try {
    const progress = progressReporter(f.quiet ?? false, `${loaded.model.name} sweep`);
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
    await writeSweepOutputs(out, result, { modelFile: modelPath, command }, { bom: f.bom ?? false });
    // Loaded only when asked for: the workbook library takes a while to load.
    if (f.xlsx) await writingFile(join(out, "results.xlsx"), async () => (await import("../report/index.js")).writeWorkbook(out));
  } catch (error) {
    await folder.abandon();
    throw error;
  }
  await folder.release();
  const partial = result.state === "partial";
  process.stdout.write(`sweep: ${result.results.length} of ${plan.cells.length} cells written to ${join(out, "sweep.csv")}${partial ? " (PARTIAL: interrupted)" : ""}\n`);
  return partial ? INTERRUPTED : OK;
}
