import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { loadModel } from "../src/model/load.js";

// The built-in check of the coupling of the two runs: with b2 = 0 in both runs, every common patient
// meets the same admission decision, so absorption by drift is exactly zero.
describe("with drift switched off in both runs, absorbed by drift is exactly zero", () => {
  it("the frailty service with b2 = 0 in both runs: drift = 0 for every resource and replication", async () => {
    const noDrift = [{ path: "nodes.ed.admission.b2PerOccupancyPoint", set: 0 }];
    const plan = planExperiment(await loadModel("models/ics-default.json"), { scenarios: ["frailty-service"], overrides: noDrift, replications: 2, days: 60, warmupDays: 40, driftRange: false });
    const r = await runExperiment(plan, { workers: 2 });
    const release = r.release["frailty-service"]!;
    for (const [resource, m] of Object.entries(release)) {
      expect(m.drift, resource).toEqual([0, 0]);
    }
    // and the comparison is not empty: the service did avoid bed-days
    expect(Math.min(...release.acute_bed_days!.expected)).toBeGreaterThan(0);
  });

  it("with drift on in both runs the same comparison does absorb some release by drift", async () => {
    const plan = planExperiment(await loadModel("models/ics-default.json"), { scenarios: ["frailty-service"], baseline: "baseline", replications: 2, days: 60, warmupDays: 40 });
    const r = await runExperiment(plan, { workers: 2 });
    const drift = r.release["frailty-service"]!.acute_bed_days!.drift;
    expect(drift.some((d) => d !== 0)).toBe(true);
    // The drift range's b2 = 0 strength, baseline re-matched: exactly zero there too.
    const off = r.driftRange!.strengths.find((s) => s.b2 === 0)!;
    for (const [resource, m] of Object.entries(off.release["frailty-service"]!)) expect(m.drift, resource).toEqual([0, 0]);
  });
});
