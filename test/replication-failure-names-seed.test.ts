import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A replication that fails in its worker stops the run with exit code 1 and a message that names
 * the replication and its seed and says how to run it again; no output file is left at its final
 * path looking whole (kpi_replications.csv, streamed during the run, is aborted), and no
 * temporary file is left either. The failure is injected through the worker's test hook
 * PATHFLOW_FAIL_REPLICATION (src/experiment/worker.ts). (dist/ is built by test/global-setup.ts.)
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), "pathflow-fail-"));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function pathflow(args: readonly string[], failReplication: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, PATHFLOW_DEBUG: "", PATHFLOW_FAIL_REPLICATION: failReplication };
    const child = spawn(process.execPath, ["dist/src/cli/main.js", ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

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

  it("the hook does nothing for a replication that is not run", async () => {
    const out = join(TMP, "mmc-ok");
    const run = await pathflow(["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet", "--out", out], "5");
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, "kpi_replications.csv"))).toBe(true);
  });
});
