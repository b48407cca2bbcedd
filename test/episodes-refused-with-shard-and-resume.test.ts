import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * --episodes, like --events, is written by one run on one machine: a shard keeps no episodes
 * (merge could not join them) and a resumed run has lost those of the replications run before
 * the interruption, so both are refused with exit 2 before anything is written.
 */
const dir = tempDirEachTest("pathflow-episodes-refused-");

describe("--episodes with --shard or --resume", () => {
  it("is refused with --shard, naming --episodes", async () => {
    const out = join(dir(), "shards");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--shard", "0/2", "--episodes", "--out", out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--episodes");
    expect(run.stderr).toContain("not kept in shards");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("is refused with --resume, naming --episodes", async () => {
    const run = await pathflow(["run", "--resume", join(dir(), "anything"), "--episodes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--episodes: cannot be combined with --resume");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
