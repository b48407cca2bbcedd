/**
 * `pathflow census MODEL --out census.csv`: runs one replication of a scenario (the baseline by
 * default) to the end of its warm-up and writes every patient present then, one row each
 * (docs/census.md) — the file `pathflow run --census` starts from. Deterministic: the same model,
 * seed and replication give the same file, byte for byte.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { PathflowInputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic.js";
import { censusCsv } from "../io/census-csv.js";
import { loadModel } from "../model/load.js";
import { compileModel } from "../model/compile.js";
import { planExperiment } from "../experiment/plan.js";
import { takeCensus } from "../pathway/run.js";
import { writingFile } from "../io/output-problem.js";
import type { CensusRow } from "../types.js";
import { OK } from "./exit.js";
import { textTable } from "./table.js";

interface CensusFlags {
  out: string;
  scenario?: string;
  seed?: number;
  warmupDays?: number;
  replication?: number;
  force?: boolean;
  dataDir?: string[];
  quiet?: boolean;
}

/** Adds the `census` command; `done` receives its exit code. */
export function addCensusCommand(program: Command, done: (code: number) => void, parse: { whole: (flag: string, min: number) => (v: string) => number; nonNegative: (flag: string) => (v: string) => number; collect: (v: string, previous?: string[]) => string[] }): void {
  program
    .command("census")
    .description("write the patients present at the end of the warm-up, one row each (docs/census.md): the file run --census starts from")
    .argument("<model>", "model file (JSON)")
    .requiredOption("--out <file>", "census CSV to write (refused if it exists, unless --force)")
    .option("--scenario <name>", "scenario whose state to write (default baseline)")
    .option("--seed <s>", "seed (overrides run.seed)", parse.whole("--seed", 0))
    .option("--warmup-days <d>", "days to run before the census is taken (default run.warmupDays)", parse.nonNegative("--warmup-days"))
    .option("--replication <r>", "replication whose state to write (default 0)", parse.whole("--replication", 0))
    .option("--data-dir <dir>", "a folder, besides the model's own, that files named in the model may be read from (repeat for more)", parse.collect)
    .option("--force", "replace an existing --out file")
    .option("--quiet", "no summary on stdout")
    .action(async (model: string, flags: CensusFlags) => {
      done(await censusCommand(model, flags));
    });
}

export async function censusCommand(modelPath: string, f: CensusFlags): Promise<number> {
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  const scenario = f.scenario ?? "baseline";
  const plan = planExperiment(loaded, { baseline: scenario, scenarios: [scenario], seed: f.seed, warmupDays: f.warmupDays, driftRange: false });
  if (existsSync(f.out) && f.force !== true) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--out"], message: `${f.out} exists: choose another file, or add --force to replace it` }], "pathflow census");
  }
  const { seed, warmupDays } = plan.settings;
  const replication = f.replication ?? 0;
  const model = compileModel(plan.variants[0]!.spec, plan.variants[0]!.tables);
  const taken = takeCensus(model, { seed, replication, days: 0, warmupDays });
  await writingFile(f.out, () => writeFileAtomic(f.out, censusCsv(taken.rows)));
  if (f.quiet !== true) {
    process.stdout.write(`${plan.model.name}: census of scenario ${scenario}, replication ${replication}, seed ${seed}, after ${warmupDays} days: ${taken.rows.length} patients\n\n`);
    process.stdout.write(`${censusTable(taken.rows)}\n\n`);
    if (taken.away > 0) process.stdout.write(`${taken.away} patients between places (left a line, coming back later) are not in the census.\n`);
    process.stdout.write(`census written to ${f.out}\n`);
  }
  return OK;
}

/** Patients by node and status. */
export function censusTable(rows: readonly CensusRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.node}\u0000${r.status}`, (counts.get(`${r.node}\u0000${r.status}`) ?? 0) + 1);
  return textTable(
    ["node", "status", "patients"],
    [...counts].map(([k, n]) => [...k.split("\u0000"), String(n)]),
  );
}
