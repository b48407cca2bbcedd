/**
 * `pathflow calibrate MODEL --targets targets.csv --parameters parameters.csv`: fit the parameters
 * so the baseline reproduces the observed figures, each within its tolerance; write the fit report
 * (fit_report.csv, fit_report.md), the trace of every evaluation (calibration_trace.csv) and the
 * calibrated model file. Progress on stderr; the fit table and verdict on stdout. Exit 0 when every
 * target is met, 3 (NOT_MET) when they cannot be met together (the files are still written and the
 * message names the targets that conflict), 2 for bad input, 130 when interrupted.
 */
import { basename, join } from "node:path";
import { PathflowInputError, type Issue } from "../errors.js";
import { calibrate, formatFigure, type CalibrationResult } from "../experiment/calibrate.js";
import { workersFor } from "../experiment/estimate.js";
import type { PoolOptions } from "../experiment/pool.js";
import { writeFileAtomic } from "../io/atomic.js";
import { calibratedModelText, fitReportCsv, fitReportMarkdown, modelText, readParameters, readTargets, targetUnit, TRACE_FILE, traceCsv, verdict } from "../io/calibration-files.js";
import { OutputFolder, freshFolderName } from "../io/folder.js";
import { writingFile } from "../io/output-problem.js";
import { loadModel } from "../model/load.js";
import { VERSION } from "../version.js";
import { NOT_MET, OK } from "./exit.js";
import { startProgress } from "./progress.js";
import { textTable } from "./table.js";

export interface CalibrateFlags {
  targets: string;
  parameters: string;
  budget?: number;
  reps?: number;
  seed?: number;
  days?: number;
  warmupDays?: number;
  workers?: number;
  baseline?: string;
  out?: string;
  modelOut?: string;
  force?: boolean;
  bom?: boolean;
  quiet?: boolean;
  dataDir?: string[];
  signal?: AbortSignal;
}

/** Evaluations a calibration runs at most unless --budget says otherwise. */
export const DEFAULT_BUDGET = 40;

export async function calibrateCommand(modelPath: string, flags: Record<string, unknown>, pool: PoolOptions = {}): Promise<number> {
  const f = flags as unknown as CalibrateFlags;
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  // The text the calibrated copy is made from: the file as it was read, whatever happens to it meanwhile.
  const text = modelText(modelPath);
  const baseline = f.baseline ?? "baseline";
  // Both files are checked before either is refused, so one run reports every problem.
  const issues: Issue[] = [];
  const read = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (!(error instanceof PathflowInputError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
  const targets = read(() => readTargets(f.targets, loaded, baseline));
  const parameters = read(() => readParameters(f.parameters, loaded, baseline));
  if (targets === undefined || parameters === undefined) throw new PathflowInputError(issues, "cannot calibrate");
  const budget = f.budget ?? DEFAULT_BUDGET;
  if (budget < parameters.length + 2) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--budget"], message: `${budget} evaluations cannot fit ${parameters.length} parameters: the fit needs one at the start, ${parameters.length} to learn how each parameter moves the targets and at least one step (give --budget ${parameters.length + 2} or more)` }], "cannot calibrate");
  }
  const out = f.out ?? (await freshFolderName(join("results", `${loaded.model.name}-calibrate`)));
  const folder = await OutputFolder.claim(out, f.force === true ? "force" : "new");
  let result: CalibrationResult;
  try {
    const reps = f.reps ?? loaded.model.run.replications;
    const settings = `${parameters.length} parameters to ${targets.length} targets, at most ${budget} evaluations of ${reps} replications × ${f.days ?? loaded.model.run.days} days after ${f.warmupDays ?? loaded.model.run.warmupDays} days warm-up (seed ${f.seed ?? loaded.model.run.seed}, common random numbers), ${workersFor(f.workers, reps)} workers`;
    const progress = startProgress({ label: `${loaded.model.name} calibrate`, quiet: f.quiet ?? false }, settings, budget * reps);
    try {
      result = await calibrate(
        loaded,
        { targets, parameters, budget, replications: reps, seed: f.seed, days: f.days, warmupDays: f.warmupDays, baseline },
        {
          workers: f.workers,
          workerFile: pool.workerFile,
          signal: f.signal,
          onProgress: (done, total) => progress.update(done, total),
          onEvaluation: (e, best) => {
            const worst = e.means.map((m, i) => ({ i, off: Math.abs(m - targets[i]!.value) / targets[i]!.tolerance })).sort((a, b) => b.off - a.off)[0]!;
            progress.note(`evaluation ${e.index} (${e.kind}): ${parameters.map((p, j) => `${p.path} ${p.change === "scale" ? "×" : "="} ${formatFigure(e.values[j]!)}`).join(", ")}; objective ${formatFigure(e.objective)} (best ${formatFigure(best.objective)}), worst ${targets[worst.i]!.name} ${formatFigure(worst.off)} tolerances off`);
          },
        },
      );
    } finally {
      progress.stop();
    }
    const files = { model: modelPath, targets: f.targets, parameters: f.parameters };
    const bom = f.bom ?? false;
    const write = (name: string, text: string): Promise<void> => writingFile(join(out, name), () => writeFileAtomic(join(out, name), text));
    await write("fit_report.csv", fitReportCsv(result, bom));
    await write("fit_report.md", fitReportMarkdown(result, files));
    await write(TRACE_FILE, traceCsv(result, bom));
    const note = `pathflow calibrate ${VERSION} to ${basename(f.targets)}`;
    const modelFile = f.modelOut ?? join(out, "calibrated_model.json");
    await writingFile(modelFile, () => writeFileAtomic(modelFile, calibratedModelText(text, loaded, result, note)));
  } catch (error) {
    await folder.abandon();
    throw error;
  }
  await folder.release();
  return printCalibration(out, f.modelOut ?? join(out, "calibrated_model.json"), result);
}

function printCalibration(out: string, modelFile: string, result: CalibrationResult): number {
  const rows = result.targets.map((t) => {
    const ci = t.ci.low === null || t.ci.high === null ? "" : ` [${formatFigure(t.ci.low)}, ${formatFigure(t.ci.high)}]`;
    return [t.target.name, `${formatFigure(t.target.value)} ± ${formatFigure(t.target.tolerance)}`, `${formatFigure(t.ci.mean)}${ci}`, targetUnit(t.target), t.within ? "yes" : "NO"];
  });
  process.stdout.write(`${textTable(["target", "observed", "model (95% CI)", "unit", "within"], rows)}\n\n`);
  const params = result.parameters.map((p) => [p.parameter.path, p.parameter.change === "scale" ? "×1" : formatFigure(p.parameter.start), `${p.parameter.change === "scale" ? "×" : ""}${formatFigure(p.value)}`, `${formatFigure(p.parameter.lower)} – ${formatFigure(p.parameter.upper)}${p.atBound === null ? "" : ` (at ${p.atBound})`}`]);
  process.stdout.write(`${textTable(["parameter", "from", "fitted", "bounds"], params)}\n\n${verdict(result)}\n`);
  process.stdout.write(`fit report written to ${join(out, "fit_report.md")}; calibrated model written to ${modelFile}\n`);
  if (result.state !== "unmet") return OK;
  process.stderr.write(`pathflow calibrate: the targets cannot be met together:\n${result.conflicts.map((c) => `  - ${c}`).join("\n")}\n`);
  return NOT_MET;
}
