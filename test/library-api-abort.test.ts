import { describe, expect, it } from "vitest";
import { loadModel, planExperiment, runExperiment } from "../src/index.js";

// A researcher's own TypeScript can cancel a run with an AbortSignal and keep what was done.
describe("the library API stops on an AbortSignal", () => {
  it("stops when the signal aborts and returns the completed replications, marked partial", async () => {
    const controller = new AbortController();
    const plan = planExperiment(await loadModel("models/mmc.json"), { replications: 50, days: 200, warmupDays: 2 });
    const r = await runExperiment(plan, {
      workers: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(r.state).toBe("partial");
    expect(r.replications.completed).toBeGreaterThanOrEqual(2);
    expect(r.replications.completed).toBeLessThan(50);
    expect(r.kpis.baseline!.servers_wait_mean_hours).toHaveLength(r.replications.completed);
  });
});
