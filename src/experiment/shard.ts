/**
 * Shards: slice K of N of an experiment's work, for job arrays (Slurm `--array=0-…`, Kubernetes
 * Indexed Jobs). The work is the units (experiment e, replication r) — one experiment for a run,
 * one per cell for a sweep — numbered u = e × replications + r; shard K holds the units with
 * u mod N = K. Interleaving spreads a sweep's slow cells over every shard, and since each
 * replication's random numbers are keyed by (seed, replication) alone, what a unit produces never
 * depends on N or on which shard ran it.
 */
import { PathflowInputError } from "../errors.js";
import { ReplicationPool } from "./pool.js";
import type { ReplicationTask, ReplicationTaskResult, WorkerData } from "./task.js";
import type { PoolOptions } from "../types.js";

export interface ShardSlice {
  /** K, counting from 0. */
  readonly index: number;
  /** N. */
  readonly count: number;
}

/** The environment variables a shard index is read from when `--shard` gives only N, in order. */
export const SHARD_INDEX_VARIABLES = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] as const;

/**
 * `--shard K/N`, or `--shard N` with K from SLURM_ARRAY_TASK_ID (a Slurm job array) or
 * JOB_COMPLETION_INDEX (a Kubernetes Indexed Job), so that one command line serves every task.
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): ShardSlice {
  const fail = (message: string): never => {
    throw new PathflowInputError([{ code: "invalid_flag", path: ["--shard"], message }], `--shard ${text}`);
  };
  const m = /^\s*(?:(\d+)\s*\/\s*)?(\d+)\s*$/.exec(text);
  if (m === null) return fail(`expected K/N (slice K of N, counting from 0) or N (K from ${SHARD_INDEX_VARIABLES.join(" or ")}), got "${text}"`);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) return fail(`the number of shards must be a whole number ≥ 1, got ${m[2]}`);
  let index: number;
  let from = "";
  if (m[1] !== undefined) index = Number(m[1]);
  else {
    const name = SHARD_INDEX_VARIABLES.find((v) => (env[v] ?? "").trim() !== "");
    if (name === undefined) return fail(`no shard index: give --shard K/${count}, or run it as a Slurm array task or a Kubernetes Indexed Job (which set ${SHARD_INDEX_VARIABLES.join(" or ")})`);
    const value = env[name]!.trim();
    if (!/^\d+$/.test(value)) return fail(`${name} is "${value}", not a whole number`);
    index = Number(value);
    from = ` (from ${name})`;
  }
  if (!Number.isSafeInteger(index) || index >= count) {
    return fail(`shard index ${index}${from} is outside 0…${count - 1}: shards count from 0, as in sbatch --array=0-${count - 1} and a Kubernetes Indexed Job's completion index`);
  }
  return { index, count };
}

/** The shard a unit (experiment, replication) belongs to among `count`. */
export function shardOf(experiment: number, replication: number, replications: number, count: number): number {
  return (experiment * replications + replication) % count;
}

/** The units of slice `shard`, in unit order. */
export function shardTasks(experiments: number, replications: number, shard: ShardSlice): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  for (let u = shard.index; u < experiments * replications; u += shard.count) tasks.push({ experiment: Math.floor(u / replications), replication: u % replications });
  return tasks;
}

/**
 * Runs `tasks` on a pool of their own, each result handed to `onFinished` the moment it finishes.
 * Returns how many ran (fewer than asked when the signal aborted).
 */
export async function runTasks(
  data: WorkerData,
  tasks: readonly ReplicationTask[],
  options: PoolOptions & {
    readonly signal?: AbortSignal | undefined;
    readonly onFinished: (task: ReplicationTask, result: ReplicationTaskResult) => Promise<void>;
    readonly onProgress?: ((done: number) => void) | undefined;
  },
): Promise<{ ran: number; workers: number }> {
  if (tasks.length === 0) return { ran: 0, workers: 0 };
  const pool = new ReplicationPool(data, options, tasks.length);
  let ran = 0;
  try {
    // Results are matched to tasks by order of finishing: each task's result names its replication,
    // and within a shard a replication number can belong to several experiments (sweep cells).
    await pool.run(tasks, {
      signal: options.signal,
      onResult: () => undefined,
      onFinished: async (result, index) => {
        await options.onFinished(tasks[index]!, result);
        options.onProgress?.(++ran);
      },
    });
  } finally {
    await pool.close();
  }
  return { ran, workers: pool.workers };
}

/** 0–3, 7, 9–10: replication numbers as ranges. */
export function ranges(numbers: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; ) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j]! + 1) j++;
    parts.push(j === i ? String(numbers[i]) : `${numbers[i]}–${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}
