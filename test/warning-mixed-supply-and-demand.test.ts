import { describe, expect, it } from "vitest";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { runExperiment } from "../src/experiment/experiment.js";
import { trustWarnings } from "../src/experiment/warnings.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";

/**
 * A scenario that differs from what it is compared with both in demand (a segment) and in capacity
 * (beds, cubicles, vehicles, home-care hours or their efficiency) gets a mixed_supply_and_demand
 * warning naming both changes: its release accounting mixes the capacity freed by avoided demand
 * with the capacity added. The comparison is between the resolved models, so a scenario compared
 * with another (compareWith) is judged by what differs from that one.
 */
describe("a scenario changing both demand and capacity is flagged", () => {
  it("flags demand with beds and demand with home-care efficiency; not demand alone, capacity alone, or capacity on top of a demand scenario it is compared with", async () => {
    const raw = system();
    const fewer = { path: "segments.care-home.demandMultiplier", scale: 0.77, why: "" };
    raw.scenarios = {
      baseline: { description: "", changes: [] },
      "demand-only": { description: "", changes: [fewer] },
      "beds-only": { description: "", changes: [{ path: "nodes.acute.servers", set: 66, why: "" }] },
      "demand-and-beds": { description: "", changes: [fewer, { path: "nodes.acute.servers", set: 66, why: "" }] },
      "demand-and-efficiency": { description: "", changes: [fewer, { path: "nodes.homecare.deliveredPerPaidHour", set: 0.9, why: "" }] },
      "hours-on-demand": { description: "", compareWith: "demand-only", changes: [fewer, { path: "nodes.homecare.paidHoursPerWeek", set: 1000, why: "" }] },
    };
    const result = validateModelObject(raw, FIXTURES);
    expect(result.issues).toEqual([]);
    const loaded: LoadedModel = { file: "system.json", dir: FIXTURES, raw, model: result.model!, tables: result.tables };
    const plan = planExperiment(loaded, { replications: 1, days: 2, warmupDays: 0 });
    const warnings = trustWarnings(plan, await runExperiment(plan, { workers: 1 }));

    const mixed = warnings.filter((w) => w.code === "mixed_supply_and_demand");
    expect(mixed.map((w) => w.scenario)).toEqual(["demand-and-beds", "demand-and-efficiency"]);
    expect(mixed[0]!.message).toMatch(/^demand-and-beds changes both demand \(segments\.care-home\) and capacity \(nodes\.acute\.servers\) against baseline: /);
    expect(mixed[1]!.message).toContain("capacity (nodes.homecare.deliveredPerPaidHour)");
  });
});
