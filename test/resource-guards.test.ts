import { availableParallelism } from "node:os";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./helpers/in-process.js";
import { metadata } from "./helpers/folder-check.js";
import { mmc } from "./helpers/model-fixtures.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Before a run starts, its work is estimated from the model's rates and said on stderr; a run
 * beyond sane limits (events, or memory against this machine's) is refused with exit 2 naming
 * --yes, before any file is written — `ratePerDay: 1e7` grew to 6 GB before failing, a huge
 * --days or grid ran for ever. Worker threads are capped at the replications and the cores
 * (--workers 999 started a thread per replication), with the same outputs.
 */
const dir = tempDirEachTest("pathflow-guards-");

function model(change: (m: ReturnType<typeof mmc>) => void): string {
  const m = mmc();
  change(m);
  const file = join(dir(), "model.json");
  writeFileSync(file, JSON.stringify(m));
  return file;
}

describe("resource guards", () => {
  it("a normal run says its estimate on stderr", async () => {
    const run = await runInProcess(["run", "models/mmc.json", "--reps", "2", "--days", "10", "--warmup-days", "0", "--out", join(dir(), "out")]);
    expect(run.code, run.stderr).toBe(0);
    // 2 scenarios × 216 arrivals a day × 10 days × 2 replications.
    expect(run.stderr).toMatch(/^mmc: estimated work: about 8.6 thousand arrivals and 26 thousand events on \d workers?, peak memory about \d+ MB$/m);
  });

  it("ratePerDay 1e7 is refused before anything runs or is written", async () => {
    const out = join(dir(), "out");
    const run = await runInProcess(["run", model((m) => (m.segments.customers.arrivals[0].ratePerDay = 1e7)), "--out", out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/  - --yes: this run would take about [\d,.]+ billion events, more than the 10 billion a run starts with unasked, and about [\d,.]+ GB of memory, more than half of this machine's/);
    expect(existsSync(out)).toBe(false);
  });

  it("a huge --days is refused; --quiet does not hide the refusal", async () => {
    const run = await runInProcess(["run", "models/mmc.json", "--days", "10000000", "--quiet", "--out", join(dir(), "out")]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("--yes: this run would take");
  });

  it("a huge sweep grid is refused", async () => {
    const values = Array.from({ length: 400 }, (_, i) => 10 + i).join(",");
    const run = await runInProcess(["sweep", "models/mmc.json", "--set", `nodes.servers.servers=${values}`, "--set-both", `segments.customers.arrivals.0.ratePerDay=${values}`, "--reps", "50", "--out", join(dir(), "out")]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("--yes: this run would take");
  });

  it("--workers 999: capped at the cores and the replications, same outputs as one worker", async () => {
    const args = ["run", "models/mmc.json", "--reps", "3", "--days", "5", "--warmup-days", "1", "--quiet"];
    const many = await runInProcess([...args, "--workers", "999", "--out", join(dir(), "many")]);
    const one = await runInProcess([...args, "--workers", "1", "--out", join(dir(), "one")]);
    expect([many.code, one.code]).toEqual([0, 0]);
    expect(Number(metadata(join(dir(), "many")).get("workers"))).toBe(Math.min(3, availableParallelism()));
    for (const file of ["kpi_replications.csv", "kpi_summary.csv", "timeseries_daily.csv"]) {
      expect(readFileSync(join(dir(), "many", file), "utf8"), file).toBe(readFileSync(join(dir(), "one", file), "utf8"));
    }
  });
});
