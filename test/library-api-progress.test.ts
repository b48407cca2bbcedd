import { describe, expect, it } from "vitest";
import { kpiSummary, loadModel, narrative, planExperiment, releaseTable, runExperiment } from "../src/index.js";

// What the CLI does is available to a researcher's own TypeScript, with progress reports.
describe("the library API runs experiments and reports progress", () => {
  it("reports progress in replication order and returns the summaries the CSVs hold", async () => {
    const seen: [number, number][] = [];
    const plan = planExperiment(await loadModel("models/mmc.json"), { replications: 3, days: 20, warmupDays: 2 });
    const r = await runExperiment(plan, { workers: 2, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(r.state).toBe("complete");
    const rows = kpiSummary(r).filter((x) => x.scenario === "baseline" && x.kpi === "servers_wait_mean_hours");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.n_reps).toBe(3);
    expect(releaseTable(r)).toEqual([]); // M/M/c has none of the whole-system resources
    expect(narrative(r)[0]).toMatch(/^\*\*eleven-servers\*\* \(against baseline; 3 replications of 20 days; 95% CIs in brackets\)\. Changed \(95% CI excludes zero\): servers_occupancy_pct -/);
  });
});
