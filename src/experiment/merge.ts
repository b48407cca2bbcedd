/**
 * Merging shards: check that they are slices of one experiment (same model hash, seed, run
 * length, replications, scenarios, sweep grid and pathflow version; no replication twice), find
 * what is missing, and rebuild each experiment's result from the replications in replication
 * order — the same aggregation a run does as replications arrive (experiment.ts
 * replayExperiment), so every output file is the one a single run would write.
 */
import { PathflowInputError, type Issue } from "../errors.js";
import { MANIFEST_FILE, manifestPlans, replicationsOf, unitKey, type ShardContents, type ShardManifest, type ShardRecord } from "../io/shard-format.js";
import type { ExperimentPlan } from "../types.js";
import { shardOf } from "./shard.js";
import { join } from "node:path";

/** What must be equal for two shards to be slices of one experiment: [what, value]. */
function identity(m: ShardManifest): [string, string][] {
  return [
    ["shard format", String(m.formatVersion)],
    ["pathflow version", m.pathflowVersion],
    ["kind (run or sweep)", m.kind],
    ["model hash", m.modelHash],
    ["seed", String(m.seed)],
    ["days", String(m.days)],
    ["warm-up days", String(m.warmupDays)],
    ["replications", JSON.stringify(m.replications)],
    ["baseline", m.baseline],
    ["scenarios", m.scenarios.join(", ")],
    ["sweep grid", JSON.stringify(m.sweep?.axes ?? null)],
  ];
}

/** How manifest `b` differs from `a`, one phrase per difference; empty when they are slices of one experiment. */
export function manifestDifferences(a: ShardManifest, b: ShardManifest): string[] {
  const ia = identity(a);
  const out: string[] = [];
  identity(b).forEach(([what, value], i) => {
    const other = ia[i]![1];
    if (value === other) return;
    const short = (v: string) => (what === "model hash" ? v.slice(0, 12) : v);
    out.push(`${what} ${short(value)} (against ${short(other)}${what === "model hash" ? ": a different model file, scenario or sweep value" : ""})`);
  });
  return out;
}

export interface MergedExperiments {
  readonly manifest: ShardManifest;
  readonly plans: readonly ExperimentPlan[];
  /** Per experiment, its replications (any order), each read when loaded. */
  readonly results: readonly ShardRecord[][];
  /** Per experiment, the replications no shard holds (ascending). */
  readonly missing: readonly number[][];
  /** How many units are missing in all. */
  readonly missingCount: number;
  /** Shards a missing unit belongs to, for each shard count seen: "shard 3 of 8". */
  readonly rerun: readonly string[];
  /** Worker threads over all shards; the earliest start. */
  readonly workers: number;
  readonly startedAt: Date;
}

/**
 * Checks `shards` and gathers their replications. Throws one PathflowInputError listing every
 * problem: shards of different experiments or pathflow versions, a replication in two shards.
 */
export function gatherShards(shards: readonly ShardContents[]): MergedExperiments {
  if (shards.length === 0) throw new PathflowInputError([{ code: "invalid_flag", path: ["SHARD_DIR"], message: "give at least one shard folder" }], "pathflow merge");
  const issues: Issue[] = [];
  const first = shards[0]!;
  for (const s of shards.slice(1)) {
    const diff = manifestDifferences(first.manifest, s.manifest);
    if (diff.length > 0) {
      issues.push({ code: "file", path: [], message: `${join(s.dir, MANIFEST_FILE)}: not a slice of the same experiment as ${first.dir}: ${diff.join("; ")}` });
    }
  }
  if (issues.length > 0) throw new PathflowInputError(issues, "the shards are not slices of one experiment");

  const m = first.manifest;
  if (typeof m.replications !== "number") {
    throw new PathflowInputError([{ code: "file", path: [], message: `${join(first.dir, MANIFEST_FILE)}: it comes from a run with --reps auto, whose replications depend on the results so far: continue it with pathflow run --resume instead of merging` }], "cannot merge");
  }
  const reps = replicationsOf(m);
  const experiments = m.experiments.length;
  const owner = new Map<string, string>();
  const results: ShardRecord[][] = Array.from({ length: experiments }, () => []);
  const duplicates: string[] = [];
  let duplicateCount = 0;
  for (const s of shards) {
    for (const [key, record] of s.results) {
      const { experiment, replication } = record;
      const earlier = owner.get(key);
      if (earlier !== undefined) {
        if (duplicateCount++ < 10) duplicates.push(`${m.kind === "sweep" ? `cell ${m.sweep?.cells[experiment]?.index ?? experiment + 1}, ` : ""}replication ${replication} is in both ${earlier} and ${s.dir}`);
        continue;
      }
      owner.set(key, s.dir);
      results[experiment]!.push(record);
    }
  }
  if (duplicateCount > 0) {
    const more = duplicateCount > duplicates.length ? ` (and ${duplicateCount - duplicates.length} more)` : "";
    throw new PathflowInputError(
      [{ code: "file", path: ["SHARD_DIR"], message: `${duplicates.join("; ")}${more}: each replication must come from one shard only — was a shard folder given twice, or a shard run again into a new folder?` }],
      "the same replication is in more than one shard",
    );
  }

  const missing: number[][] = [];
  let missingCount = 0;
  const counts = [...new Set(shards.map((s) => s.manifest.shard.count))].sort((a, b) => a - b);
  const rerun = new Set<string>();
  for (let e = 0; e < experiments; e++) {
    const gaps: number[] = [];
    for (let r = 0; r < reps; r++) {
      if (owner.has(unitKey(e, r))) continue;
      gaps.push(r);
      for (const n of counts) rerun.add(`${shardOf(e, r, reps, n)}/${n}`);
    }
    missing.push(gaps);
    missingCount += gaps.length;
  }
  const started = shards.map((s) => Date.parse(s.manifest.started)).filter(Number.isFinite);
  return {
    manifest: m,
    plans: manifestPlans(m),
    results,
    missing,
    missingCount,
    rerun: [...rerun].sort((a, b) => Number(a.split("/")[0]) - Number(b.split("/")[0])),
    workers: shards.reduce((sum, s) => sum + s.manifest.workers, 0),
    startedAt: new Date(started.length > 0 ? Math.min(...started) : Date.now()),
  };
}
