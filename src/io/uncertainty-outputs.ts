/**
 * The files of run --uncertainty: uncertainty.csv, uncertainty_parameters.csv and
 * uncertainty_drivers.csv (experiment/uncertainty-tables.ts holds their rows). Written atomically,
 * before the glossary that describes them.
 */
import type { ExperimentResult } from "../experiment/experiment.js";
import type { UncertaintyResult } from "../experiment/uncertainty.js";
import { driverTable, parameterTable, uncertaintyTable } from "../experiment/uncertainty-tables.js";
import { uncertaintyMarkdown } from "../experiment/uncertainty-narrative.js";
import type { OutputOptions } from "../types.js";
import { writeTable } from "./outputs.js";

export const UNCERTAINTY_FILES = ["uncertainty.csv", "uncertainty_parameters.csv", "uncertainty_drivers.csv"] as const;

/** Writes the three files; returns the summary.md section and notes on empty cells. */
export async function writeUncertaintyOutputs(dir: string, u: UncertaintyResult, central: ExperimentResult, options: OutputOptions = {}): Promise<{ summary: string; notes: string[] }> {
  const rows = uncertaintyTable(u, central);
  const drivers = driverTable(u, central);
  const notes: string[] = [];
  const counted = async (file: string, n: Promise<number>): Promise<void> => {
    const empty = await n;
    if (empty > 0) notes.push(`${file}: ${empty} empty cells (a value that cannot be computed, e.g. a CI from one replication, or a correlation of a measure that does not vary)`);
  };
  await counted(
    "uncertainty.csv",
    writeTable(
      dir,
      "uncertainty.csv",
      ["scenario", "baseline", "kind", "name", "measure", "unit", "p10", "p50", "p90", "n_sets", "central_mean", "central_ci_low", "central_ci_high", "central_n_reps"],
      rows.map((r) => [r.scenario, r.baseline, r.kind, r.name, r.measure, r.unit, r.p10, r.p50, r.p90, r.n_sets, r.central_mean, r.central_ci_low, r.central_ci_high, r.central_n_reps]),
      options,
    ),
  );
  await writeTable(
    dir,
    "uncertainty_parameters.csv",
    ["set", "parameter", "path", "apply", "uniform", "value"],
    parameterTable(u).map((r) => [r.set, r.parameter, r.path, r.apply, r.uniform, r.value]),
    options,
  );
  await counted(
    "uncertainty_drivers.csv",
    writeTable(
      dir,
      "uncertainty_drivers.csv",
      ["scenario", "baseline", "kind", "name", "measure", "parameter", "spearman", "prcc", "rank", "n_sets"],
      drivers.map((r) => [r.scenario, r.baseline, r.kind, r.name, r.measure, r.parameter, r.spearman, r.prcc, r.rank, r.n_sets]),
      options,
    ),
  );
  return { summary: uncertaintyMarkdown(u, central, rows, drivers), notes };
}
