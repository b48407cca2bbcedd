import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { expectSameOutputs } from "./helpers/same-outputs.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A run split into shards (`--shard K/N`, each a separate process) and merged (`pathflow merge`)
 * writes every output file byte for byte as one run of the same replications does, run metadata
 * aside: the default ICS model (release accounting, five scenarios), an M/M/c model, and a sweep.
 * The shard index may come from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX instead of the flag.
 */
const dir = tempDirEachTest("pathflow-shards-");

async function ok(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const run = await pathflow([...args, "--quiet"], env);
  expect(run.code, `pathflow ${args.join(" ")}\n${run.stderr}`).toBe(0);
  expect(run.stderr).toBe("");
  return run.stdout;
}

describe("shards merged equal one run", () => {
  it("default ICS model, 4 replications in 4 shards (1 worker each)", async () => {
    // The model's first three scenarios (demand, capacity): the elective ones would only add time.
    const args = ["run", "models/ics-default.json", "--scenario", "baseline,frailty-service,homecare-plus-900h", "--reps", "4", "--days", "20", "--warmup-days", "10"];
    await ok([...args, "--workers", "2", "--out", join(dir(), "one")]);
    for (let k = 0; k < 4; k++) {
      const said = await ok([...args, "--workers", "1", "--shard", `${k}/4`, "--out", join(dir(), "shards")]);
      expect(said).toBe(`shard ${k} of 4: 1 of 1 replications in ${join(dir(), "shards", `shard-${k}-of-4`)}\n`);
    }
    expect(readdirSync(join(dir(), "shards")).sort()).toEqual(["shard-0-of-4", "shard-1-of-4", "shard-2-of-4", "shard-3-of-4"]);
    expect(readdirSync(join(dir(), "shards", "shard-2-of-4")).sort()).toEqual(["replications.jsonl", "shard.json"]);
    const summary = await ok(["merge", join(dir(), "shards"), "--out", join(dir(), "merged")]);
    expect(summary).toMatch(/^ics-default: 4 replications × 3 scenarios/);
    expectSameOutputs(join(dir(), "one"), join(dir(), "merged"));
  });

  it("M/M/c, 7 replications in 3 shards with K from SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX, merged from the shard folders in any order", async () => {
    const args = ["run", "models/mmc.json", "--reps", "7", "--days", "30", "--warmup-days", "5", "--workers", "1"];
    await ok([...args, "--out", join(dir(), "one")]);
    await ok([...args, "--shard", "3", "--out", join(dir(), "shards")], { SLURM_ARRAY_TASK_ID: "2" });
    await ok([...args, "--shard", "3", "--out", join(dir(), "shards")], { JOB_COMPLETION_INDEX: "0" });
    await ok([...args, "--shard", "1/3", "--out", join(dir(), "shards")]);
    const lines = (k: number) => readFileSync(join(dir(), "shards", `shard-${k}-of-3`, "replications.jsonl"), "utf8").trim().split("\n");
    // Slices interleave by replication: 0,3,6 | 1,4 | 2,5.
    expect(lines(0).map((l) => (JSON.parse(l) as { replication: number }).replication).sort()).toEqual([0, 3, 6]);
    expect(lines(2).map((l) => (JSON.parse(l) as { replication: number }).replication).sort()).toEqual([2, 5]);
    const shards = ["shard-2-of-3", "shard-0-of-3", "shard-1-of-3"].map((s) => join(dir(), "shards", s));
    await ok(["merge", ...shards, "--out", join(dir(), "merged")]);
    expectSameOutputs(join(dir(), "one"), join(dir(), "merged"));
  });

  it("a sweep of 2 cells × 3 replications in 4 shards: cells and replications both sliced", async () => {
    const args = ["sweep", "models/mmc.json", "--set", "nodes.servers.servers=10,12", "--reps", "3", "--days", "20", "--warmup-days", "2", "--workers", "1"];
    await ok([...args, "--out", join(dir(), "one")]);
    for (let k = 0; k < 4; k++) await ok([...args, "--shard", `${k}/4`, "--out", join(dir(), "shards")]);
    await ok(["merge", join(dir(), "shards"), "--out", join(dir(), "merged")]);
    const sweepCsv = readFileSync(join(dir(), "merged", "sweep.csv"), "utf8");
    expect(sweepCsv.split("\n").filter((l) => l.startsWith("2,12,")).length).toBeGreaterThan(0);
    for (const file of readdirSync(join(dir(), "one"))) {
      if (file === "report.html") continue;
      const clean = (text: string) => text.replace(/^command,.*$/m, "");
      expect(clean(readFileSync(join(dir(), "merged", file), "utf8")), file).toBe(clean(readFileSync(join(dir(), "one", file), "utf8")));
    }
  });
});
