import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/index.js";

// A researcher's own TypeScript can cancel a run with an AbortSignal and keep what was done.
describe("the library API stops on an AbortSignal", () => {
  it("stops when the signal aborts and returns the completed replications, marked partial", async () => {
    const controller = new AbortController();
    const r = await runExperiment({
      modelFile: "models/mmc.json",
      replications: 50,
      days: 200,
      warmupDays: 2,
      workers: 1,
      signal: controller.signal,
      onProgress: (done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(r.partial).toBe(true);
    expect(r.replicationsCompleted).toBeGreaterThanOrEqual(2);
    expect(r.replicationsCompleted).toBeLessThan(50);
    expect(r.kpis.baseline!.servers_wait_mean_hours).toHaveLength(r.replicationsCompleted);
  });
});
