import { describe, expect, it } from "vitest";
import { PathflowInputError } from "../src/errors.js";
import { parseShard, shardOf, shardTasks } from "../src/experiment/shard.js";

/**
 * --shard K/N: slices are disjoint and together cover every unit (experiment × replication) once,
 * whatever N (also N larger than the work: some shards are empty); K counts from 0 and may come from
 * SLURM_ARRAY_TASK_ID (first) or JOB_COMPLETION_INDEX; anything else is refused naming --shard.
 */
describe("--shard K/N", () => {
  it("slices interleave by unit and cover every unit exactly once", () => {
    for (const [experiments, reps] of [[1, 10], [3, 4], [1, 1], [5, 7]] as const) {
      for (const n of [1, 2, 3, 4, 7, 64]) {
        const seen = new Map<string, number>();
        for (let k = 0; k < n; k++) {
          for (const t of shardTasks(experiments, reps, { index: k, count: n })) {
            const key = `${t.experiment}:${t.replication}`;
            expect(seen.has(key), `${key} in shards ${seen.get(key)} and ${k} of ${n}`).toBe(false);
            seen.set(key, k);
            expect(shardOf(t.experiment, t.replication, reps, n)).toBe(k);
          }
        }
        expect(seen.size).toBe(experiments * reps);
      }
    }
    expect(shardTasks(1, 7, { index: 1, count: 3 })).toEqual([1, 4].map((replication) => ({ experiment: 0, replication })));
    // A sweep of 2 cells × 3 replications in 4 shards: units 0..5 → shard u mod 4.
    expect(shardTasks(2, 3, { index: 1, count: 4 })).toEqual([
      { experiment: 0, replication: 1 },
      { experiment: 1, replication: 2 },
    ]);
  });

  it("K from the flag, or from SLURM_ARRAY_TASK_ID, then JOB_COMPLETION_INDEX", () => {
    expect(parseShard("3/8", {})).toEqual({ index: 3, count: 8 });
    expect(parseShard(" 0 / 1 ", {})).toEqual({ index: 0, count: 1 });
    expect(parseShard("8", { SLURM_ARRAY_TASK_ID: "5" })).toEqual({ index: 5, count: 8 });
    expect(parseShard("8", { JOB_COMPLETION_INDEX: "7" })).toEqual({ index: 7, count: 8 });
    expect(parseShard("8", { SLURM_ARRAY_TASK_ID: "2", JOB_COMPLETION_INDEX: "7" })).toEqual({ index: 2, count: 8 });
    expect(parseShard("2/8", { SLURM_ARRAY_TASK_ID: "5" })).toEqual({ index: 2, count: 8 });
  });

  it("refuses what is not a slice, naming --shard and why", () => {
    const refused = (text: string, env: NodeJS.ProcessEnv, message: RegExp) => {
      let error: unknown;
      try {
        parseShard(text, env);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(PathflowInputError);
      const issue = (error as PathflowInputError).issues[0]!;
      expect(issue.path).toEqual(["--shard"]);
      expect(issue.message).toMatch(message);
    };
    refused("8/8", {}, /shard index 8 is outside 0…7: shards count from 0, as in sbatch --array=0-7/);
    refused("8", { SLURM_ARRAY_TASK_ID: "8" }, /shard index 8 \(from SLURM_ARRAY_TASK_ID\) is outside 0…7/);
    refused("8", {}, /no shard index: give --shard K\/8, or run it as a Slurm array task or a Kubernetes Indexed Job/);
    refused("8", { JOB_COMPLETION_INDEX: "x" }, /JOB_COMPLETION_INDEX is "x", not a whole number/);
    refused("0/0", {}, /the number of shards must be a whole number ≥ 1/);
    refused("1-4", {}, /expected K\/N/);
    refused("-1/4", {}, /expected K\/N/);
  });
});
