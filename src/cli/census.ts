/**
 * `pathflow census MODEL --out census.csv`: runs one replication of a scenario (the baseline by
 * default) to the end of its warm-up and writes every patient present then, one row each
 * (docs/census.md) — the file `pathflow run --census` starts from; with several scenarios or
 * --reps, one state per scenario and replication, each row naming its own. Deterministic: the
 * same model, seed, scenarios and replications give the same file, byte for byte.
 */
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
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
  scenario?: string[];
  seed?: number;
  warmupDays?: number;
  replication?: number;
  reps?: number;
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
    .requiredOption("--out <file>", "census CSV to write, gzip-compressed if the name ends in .gz (refused if it exists, unless --force)")
    .option("--scenario <name>", "scenario whose state to write (repeat, or separate with commas; \"all\" for every scenario; default baseline)", parse.collect)
    .option("--seed <s>", "seed (overrides run.seed)", parse.whole("--seed", 0))
    .option("--warmup-days <d>", "days to run before the census is taken (default run.warmupDays)", parse.nonNegative("--warmup-days"))
    .option("--replication <r>", "replication whose state to write (default 0)", parse.whole("--replication", 0))
    .option("--reps <n>", "write the states of replications 0 … n − 1, each its own warm-up: run --census starts replication r from state r", parse.whole("--reps", 1))
    .option("--data-dir <dir>", "a folder, besides the model's own, that files named in the model may be read from (repeat for more)", parse.collect)
    .option("--force", "replace an existing --out file")
    .option("--quiet", "no summary on stdout")
    .action(async (model: string, flags: CensusFlags) => {
      done(await censusCommand(model, flags));
    });
}

export async function censusCommand(modelPath: string, f: CensusFlags): Promise<number> {
  const loaded = await loadModel(modelPath, { dataDirs: f.dataDir ?? [] });
  if (f.reps !== undefined && f.replication !== undefined) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--reps"], message: "give --reps (replications 0 … n − 1) or --replication (one), not both" }], "pathflow census");
  }
  const asked = (f.scenario ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter((s) => s !== "");
  const all = asked.includes("all");
  const plan = planExperiment(loaded, { scenarios: all ? undefined : asked.length > 0 ? asked : ["baseline"], seed: f.seed, warmupDays: f.warmupDays, driftRange: false });
  // The baseline is always planned; write it only when asked for (or by default).
  const scenarios = all ? plan.scenarios : asked.length > 0 ? plan.scenarios.filter((s) => asked.includes(s)) : [plan.baseline];
  if (existsSync(f.out) && f.force !== true) {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--out"], message: `${f.out} exists: choose another file, or add --force to replace it` }], "pathflow census");
  }
  const { seed, warmupDays } = plan.settings;
  const replications = f.reps !== undefined ? [...Array(f.reps).keys()] : [f.replication ?? 0];
  // One state per scenario and replication; written with its scenario and replication when the
  // file holds more than one state, so that run --census starts each from its own (a single
  // replication's state is left unlabelled: every replication starts from it).
  const several = scenarios.length > 1 || replications.length > 1;
  const rows: CensusRow[] = [];
  let away = 0;
  for (const scenario of scenarios) {
    const variant = plan.variants[plan.scenarios.indexOf(scenario)]!;
    const model = compileModel(variant.spec, variant.tables);
    for (const replication of replications) {
      const taken = takeCensus(model, { seed, replication, days: 0, warmupDays });
      if (taken.rows.length === 0 && replications.length > 1) {
        // A CSV cannot hold a state with nobody in it among others: refuse rather than shift states.
        throw new PathflowInputError([{ code: "invalid_flag", path: ["--warmup-days"], message: `replication ${replication} of scenario ${scenario} has nobody in the system after ${warmupDays} days: a census of several replications needs patients in each state — give a longer --warmup-days` }], "pathflow census");
      }
      for (const r of taken.rows) rows.push(several ? { ...r, scenario, replication: replications.length > 1 ? replication : null } : r);
      away += taken.away;
      if (several && f.quiet !== true) process.stderr.write(`census: scenario ${scenario}, replication ${replication}: ${taken.rows.length} patients\n`);
    }
  }
  const text = censusCsv(rows);
  await writingFile(f.out, () => writeFileAtomic(f.out, f.out.toLowerCase().endsWith(".gz") ? gzipSync(text, { level: 9 }) : text));
  if (f.quiet !== true) {
    const what = several ? `${scenarios.length === 1 ? `scenario ${scenarios[0]}` : `${scenarios.length} scenarios (${scenarios.join(", ")})`}, ${replications.length === 1 ? `replication ${replications[0]}` : `replications 0 to ${replications.length - 1}`}` : `scenario ${scenarios[0]}, replication ${replications[0]}`;
    process.stdout.write(`${plan.model.name}: census of ${what}, seed ${seed}, after ${warmupDays} days: ${rows.length} patients${several ? " in all" : ""}\n\n`);
    process.stdout.write(`${censusTable(rows)}\n\n`);
    if (away > 0) process.stdout.write(`${away} patients between places (left a line, coming back later) are not in the census.\n`);
    process.stdout.write(`census written to ${f.out}\n`);
  }
  return OK;
}
/** Patients by node (in the order they first appear) and status. */
export function censusTable(rows: readonly CensusRow[]): string {
  const STATUS_ORDER = ["in-service", "on-package", "blocked", "waiting"];
  const nodes = [...new Set(rows.map((r) => r.node))];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.node}\u0000${r.status}`, (counts.get(`${r.node}\u0000${r.status}`) ?? 0) + 1);
  const keys = [...counts.keys()].map((k) => k.split("\u0000") as [string, string]);
  keys.sort((a, b) => nodes.indexOf(a[0]) - nodes.indexOf(b[0]) || STATUS_ORDER.indexOf(a[1]) - STATUS_ORDER.indexOf(b[1]));
  return textTable(
    ["node", "status", "patients"],
    keys.map(([node, status]) => [node, status, String(counts.get(`${node}\u0000${status}`))]),
  );
}
