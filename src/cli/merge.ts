/**
 * `pathflow merge SHARD_DIR… --out DIR`: the output folder one run (or sweep) would have written,
 * from the shards of it. Each SHARD_DIR is a shard folder, a folder of shard folders (a shards
 * run's --out), or an interrupted run's folder. The shards must be slices of one experiment and
 * hold no replication twice (exit 2 otherwise); missing replications are refused unless
 * --allow-partial, which writes the results of the others, marked partial.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { PathflowInputError, type Issue } from "../errors.js";
import { replayExperiment, type ExperimentResult } from "../experiment/experiment.js";
import { gatherShards, type MergedExperiments } from "../experiment/merge.js";
import type { SweepCell, SweepResult } from "../experiment/sweep.js";
import { SWEEP_SCENARIO } from "../experiment/plan.js";
import { OutputFolder } from "../io/folder.js";
import { hasShard, readShard, RUN_JOURNAL_DIR, type ShardContents } from "../io/shard-format.js";
import { OK } from "./exit.js";
import { printRunSummary, ranges, startLine, writeRunFolder } from "./run.js";
import { printSweepSummary, writeSweepFolder } from "./sweep.js";

export interface MergeFlags {
  out: string;
  allowPartial?: boolean;
  force?: boolean;
  bom?: boolean;
  xlsx?: boolean;
  quiet?: boolean;
  warmupReport?: boolean;
}

/** The shard folders a SHARD_DIR argument names. */
async function shardFolders(dir: string): Promise<string[]> {
  if (await hasShard(dir)) return [dir];
  if (await hasShard(join(dir, RUN_JOURNAL_DIR))) return [join(dir, RUN_JOURNAL_DIR)];
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    names = [];
  }
  const found: string[] = [];
  for (const name of names) if (await hasShard(join(dir, name))) found.push(join(dir, name));
  return found;
}

export async function mergeCommand(dirs: readonly string[], flags: Record<string, unknown>): Promise<number> {
  const f = flags as unknown as MergeFlags;
  const started = Date.now();
  const folders: string[] = [];
  const issues: Issue[] = [];
  for (const dir of dirs) {
    const found = await shardFolders(dir);
    if (found.length === 0) issues.push({ code: "file", path: [], message: `${dir} holds no shard (no shard.json in it or in its subfolders): give folders written by pathflow run --shard or sweep --shard` });
    folders.push(...found);
  }
  if (issues.length > 0) throw new PathflowInputError(issues, "pathflow merge");
  const shards: ShardContents[] = [];
  for (const dir of folders) shards.push(await readShard(dir));
  const merged = gatherShards(shards);
  const { manifest: m } = merged;
  if (merged.missingCount > 0 && f.allowPartial !== true) {
    throw new PathflowInputError(
      [{ code: "file", path: ["SHARD_DIR"], message: `${missingText(merged)}; run the shards that hold them (${merged.rerun.slice(0, 20).join(", ")}${merged.rerun.length > 20 ? ", …" : ""}) to the end — the same command continues a shard — or add --allow-partial to merge what there is, marked partial` }],
      `${merged.missingCount} replication${merged.missingCount === 1 ? " is" : "s are"} missing`,
    );
  }
  if (merged.missingCount > 0) process.stderr.write(`pathflow merge: ${missingText(merged)}: the results are over the others, marked partial\n`);
  const folder = await OutputFolder.claim(f.out, f.force === true ? "force" : "new");
  const command = ["pathflow", "merge", ...process.argv.slice(3)].join(" ");
  try {
    if (m.kind === "run") {
      const plan = merged.plans[0]!;
      let done = 0;
      const written = await writeRunFolder(
        f.out,
        plan,
        (onReplication, onProgress) => replayExperiment(plan, merged.results[0]!, { workers: merged.workers, startedAt: merged.startedAt, missing: merged.missing[0]!, onReplication: async (r) => (await onReplication(r), onProgress(++done, merged.results[0]!.length)) }),
        f,
        { command, started, startLine: `merging ${shards.length} shard${shards.length === 1 ? "" : "s"}: ${startLine(plan.scenarios.length, plan.settings.replications, plan.settings.days, plan.settings.warmupDays)}`, notes: [] },
      );
      await folder.release();
      printRunSummary(plan, f.out, written, f.warmupReport ?? false);
      return OK;
    }
    const cells: SweepCell[] = merged.plans.map((plan, i) => ({ index: m.sweep!.cells[i]!.index, values: m.sweep!.cells[i]!.values, plan }));
    const results: { cell: SweepCell; result: ExperimentResult }[] = [];
    for (const [i, cell] of cells.entries()) {
      results.push({ cell, result: await replayExperiment(cell.plan, merged.results[i]!, { workers: merged.workers, startedAt: merged.startedAt, missing: merged.missing[i]! }) });
    }
    const sweep: SweepResult = {
      plan: { axes: m.sweep!.axes, cells, baseline: m.baseline, scenarios: m.request.scenarios !== undefined && m.request.scenarios.length > 0 ? m.request.scenarios : [SWEEP_SCENARIO] },
      results,
      state: merged.missingCount > 0 ? "partial" : "complete",
    };
    const warnings = await writeSweepFolder(f.out, sweep, { modelFile: m.request.modelFile, command }, f);
    await folder.release();
    printSweepSummary(f.out, sweep, warnings);
    return OK;
  } catch (error) {
    await folder.abandon();
    throw error;
  }
}

function missingText(merged: MergedExperiments): string {
  const sweep = merged.manifest.sweep;
  const parts = merged.missing.flatMap((gaps, e) => (gaps.length === 0 ? [] : [`${sweep === null ? "" : `cell ${sweep.cells[e]?.index ?? e + 1}: `}replications ${ranges(gaps)}`]));
  const shown = parts.slice(0, 10).join("; ") + (parts.length > 10 ? `; and ${parts.length - 10} more cells` : "");
  return `${merged.missingCount} of ${merged.plans.length * (merged.manifest.replications as number)} replications are missing (${shown})`;
}
