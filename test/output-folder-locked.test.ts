import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { runInProcess } from "./helpers/in-process.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * One run at a time per output folder: two runs started together into one --out leave one run's
 * files, never a mix (one exits 0, the other 2); a folder locked by a live process is refused
 * naming it; the lock of a run that was killed (its pid is gone) is taken over.
 */
const dir = tempDirEachTest("pathflow-lock-");
const RUN = ["run", "models/mmc.json", "--reps", "2", "--days", "2", "--warmup-days", "0", "--quiet"];

function lockFor(pid: number): string {
  return `${JSON.stringify({ pid, host: hostname(), started: "2020-01-01T00:00:00.000Z" })}\n`;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", () => resolve())));
}

describe("the output folder lock", () => {
  it("two runs into one folder at once: one writes, the other exits 2, no mix", async () => {
    const out = join(dir(), "out");
    const [a, b] = await Promise.all([pathflow([...RUN, "--seed", "11", "--out", out]), pathflow([...RUN, "--seed", "22", "--out", out])]);
    expect([a.code, b.code].sort(), `${a.stderr}\n${b.stderr}`).toEqual([0, 2]);
    const winner = a.code === 0 ? "11" : "22";
    const loser = a.code === 0 ? b : a;
    expect(loser.stderr).toMatch(/--out: (another pathflow run \(pid \d+|.* is not empty)/);
    expect(readFileSync(join(out, "run_metadata.csv"), "utf8")).toMatch(new RegExp(`^seed,${winner}$`, "m"));
    expect(existsSync(join(out, ".pathflow.lock"))).toBe(false);
  });

  it("a folder locked by a live process is refused, naming the process", async () => {
    const out = dir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
    try {
      writeFileSync(join(out, ".pathflow.lock"), lockFor(holder.pid!));
      const run = await runInProcess([...RUN, "--out", out]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(`--out: another pathflow run (pid ${holder.pid} on ${hostname()}`);
      expect(existsSync(join(out, "kpi_replications.csv"))).toBe(false);
      expect(readFileSync(join(out, ".pathflow.lock"), "utf8")).toBe(lockFor(holder.pid!)); // not ours to remove
    } finally {
      holder.kill("SIGKILL");
      await exited(holder);
    }
  });

  it("the lock of a run that was killed is taken over", async () => {
    const out = dir();
    const gone = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
    await exited(gone);
    writeFileSync(join(out, ".pathflow.lock"), lockFor(gone.pid!));
    const run = await runInProcess([...RUN, "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(out, "kpi_summary.csv"))).toBe(true);
    expect(existsSync(join(out, ".pathflow.lock"))).toBe(false);
  });
});
