import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathflow as runPathflow, type CliRun } from "./helpers/cli.js";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A replication that fails in its worker stops the run with exit code 1 and a message that names
 * the replication and its seed and says how to run it again; no output file is left at its final
 * path looking whole (kpi_replications.csv, streamed during the run, is aborted), and no
 * temporary file is left either. The failure is injected by a test worker wrapping the real one
 * (test/helpers/failing-worker.mjs), passed to the pool as its worker module: the product has no
 * fault hook. (dist/ is built by test/global-setup.ts.)
 */

const TMP = mkdtempSync(join(tmpdir(), "pathflow-fail-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Runs pathflow with a worker that fails replication `failReplication`. */
const pathflow = (args: readonly string[], failReplication: string): Promise<CliRun> => runPathflow(args, { PATHFLOW_TEST_FAIL_REPLICATION: failReplication }, "failing-worker");

function leftovers(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith(".") || f.endsWith(".tmp") || f.endsWith(".part")) : [];
}

describe("a replication that fails", () => {
  it("exits 1 naming the replication and the seed, and leaves no file that looks whole", async () => {
    const out = join(TMP, "mmc");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "3", "--days", "5", "--warmup-days", "1", "--seed", "7", "--out", out], "1");
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("pathflow: replication 1 (seed 7, scenarios baseline, eleven-servers) failed: injected failure for tests");
    // How to run it again: any run with that seed and at least 2 replications repeats replication 1.
    expect(run.stderr).toMatch(/reproduce.*--seed 7 --reps 2\b/);
    expect(run.stderr).not.toContain("    at ");
    expect(run.stdout).not.toContain("results written");
    expect(existsSync(join(out, "kpi_replications.csv"))).toBe(false);
    expect(existsSync(join(out, "run_metadata.csv"))).toBe(false);
    expect(existsSync(join(out, "kpi_summary.csv"))).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it("with --events, per-replication event files are removed too", async () => {
    const out = join(TMP, "mmc-events");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "3", "--days", "2", "--warmup-days", "0", "--workers", "1", "--events", "--out", out], "2");
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain("replication 2 (seed 1,");
    expect(existsSync(join(out, "events.csv"))).toBe(false);
    expect(existsSync(join(out, "kpi_replications.csv"))).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it("the failing worker fails nothing else: a run without that replication succeeds", async () => {
    const out = join(TMP, "mmc-ok");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet", "--out", out], "5");
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, "kpi_replications.csv"))).toBe(true);
  });
});
