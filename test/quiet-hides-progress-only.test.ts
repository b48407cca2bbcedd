import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * --quiet does what its help says, "no progress on stderr", and nothing more: the summary table,
 * the planner's paragraph and where the results went are still printed on stdout, for run and
 * sweep alike. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-quiet-");

describe("--quiet hides progress, not the summary", () => {
  it("run: stderr empty, the summary on stdout as without --quiet", async () => {
    const args = ["run", "models/mmc.json", "--reps", "2", "--days", "10", "--warmup-days", "2", "--workers", "1"];
    const quiet = await pathflow([...args, "--out", `${dir()}/q`, "--quiet"]);
    const loud = await pathflow([...args, "--out", `${dir()}/l`]);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe("");
    expect(loud.stderr).toContain("mmc: running 2 scenarios × 2 replications");
    expect(quiet.stdout).toMatch(/^mmc: 2 replications × 2 scenarios, 10 days after 2 days warm-up, seed 1\n/);
    expect(quiet.stdout).toContain("servers_wait_mean_hours");
    expect(quiet.stdout).toContain("**eleven-servers** (against baseline;");
    expect(quiet.stdout.replaceAll(`${dir()}/q`, "OUT")).toBe(loud.stdout.replaceAll(`${dir()}/l`, "OUT"));
  });

  it("sweep: stderr empty, the table and the result line on stdout", async () => {
    const run = await pathflow(["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11,12", "--reps", "2", "--days", "10", "--warmup-days", "2", "--workers", "1", "--out", dir(), "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^servers {2}scenario/);
    expect(run.stdout).toContain("sweep: 2 of 2 cells written to");
  });
});
