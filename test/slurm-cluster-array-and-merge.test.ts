import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/cli.js";

/**
 * The real Slurm test (test/cluster/slurm.sh): a single-node cluster started on this machine runs
 * a job array of shards and a dependent merge with the shipped deploy/slurm/ scripts, and the
 * merged files are byte-identical to a local run. It needs root and Debian's slurm-wlm and munge
 * (.ci/run installs them): without them it is skipped on a workstation, but under CI=true it runs
 * and fails, loudly, if the cluster cannot start.
 */
function runScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["test/cluster/slurm.sh"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("a real Slurm cluster", () => {
  it("runs the shards as a job array and the dependent merge, and the merged files equal a local run's", async (context) => {
    const run = await runScript();
    if (run.code === 77 && process.env["CI"] !== "true") context.skip(`Slurm is not available here: ${run.output.trim()}`);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/slurm test: passed — 4 shards × 8 replications merged by Slurm, \d+ files identical to the local run/);
  }, 240_000);
});
