import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow, startPathflow } from "./helpers/cli.js";
import { expectSameOutputs } from "./helpers/same-outputs.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A shard killed with SIGKILL (a lost node, a time limit's kill) keeps the replications it had
 * finished; the same command run again (a requeued array task) runs only the others, and the merge
 * equals one run.
 */
const dir = tempDirEachTest("pathflow-shard-killed-");
const RUN = ["run", "models/mmc.json", "--reps", "10", "--days", "400", "--warmup-days", "5", "--workers", "1", "--quiet"];

const lines = (file: string): number[] =>
  existsSync(file)
    ? readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.endsWith("}"))
        .map((l) => (JSON.parse(l) as { replication: number }).replication)
    : [];

describe("a shard killed and run again", () => {
  it("continues where it stopped, and the merge equals one run", async () => {
    const shards = join(dir(), "shards");
    const journal = join(shards, "shard-0-of-2", "replications.jsonl");
    const child = startPathflow([...RUN, "--shard", "0/2", "--out", shards]);
    const poll = setInterval(() => {
      if (lines(journal).length < 2) return;
      clearInterval(poll);
      child.kill("SIGKILL");
    }, 20);
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, s) => resolve(s)));
    clearInterval(poll);
    expect(signal).toBe("SIGKILL");
    const kept = lines(journal);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(5);
    expect(kept.every((r) => r % 2 === 0)).toBe(true);

    const again = await pathflow([...RUN, "--shard", "0/2", "--out", shards]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(`shard 0 of 2: 5 of 5 replications in ${join(shards, "shard-0-of-2")}\n`);
    const all = lines(journal);
    expect(all.slice(0, kept.length)).toEqual(kept); // kept as they were, the others appended
    expect([...all].sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8]);

    expect((await pathflow([...RUN, "--shard", "1/2", "--out", shards])).code).toBe(0);
    expect((await pathflow(["merge", shards, "--out", join(dir(), "merged"), "--quiet"])).code).toBe(0);
    expect((await pathflow([...RUN, "--out", join(dir(), "one")])).code).toBe(0);
    expectSameOutputs(join(dir(), "one"), join(dir(), "merged"));
  });
});
