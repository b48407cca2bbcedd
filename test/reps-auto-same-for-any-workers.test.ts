import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { loadModel } from "../src/model/load.js";

/**
 * `--reps auto` adds replications in batches that depend only on how many have run, so where it
 * stops — and every output — is the same for any number of workers (it once grew by at least the
 * worker count, so 8 workers ran more replications than 2).
 */
describe("--reps auto stops at the same replication whatever the worker count", () => {
  it("1, 2 and 7 workers run the same replications with the same results", async () => {
    const plan = planExperiment(await loadModel("models/mmc.json"), {
      scenarios: ["baseline"],
      replications: { precision: 0.4, maxReplications: 40, minReplications: 3 },
      days: 8,
      warmupDays: 1,
    });
    const runs = [];
    for (const workers of [1, 2, 7]) runs.push(await runExperiment(plan, { workers }));
    const [one, ...others] = runs;
    // The target is reached after the first batch and before the cap.
    expect(one!.replications.completed).toBeGreaterThan(3);
    expect(one!.replications.precision?.reached).toBe(true);
    for (const r of others) {
      expect(r.replications).toEqual(one!.replications);
      expect(r.kpis).toEqual(one!.kpis);
    }
  });
});
