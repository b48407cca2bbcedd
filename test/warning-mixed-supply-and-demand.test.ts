import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { runExperiment } from "../src/experiment/experiment.js";
import { trustWarnings } from "../src/experiment/warnings.js";
import { pathflow } from "./helpers/cli.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * A scenario that differs from what it is compared with both in demand (a segment) and in capacity
 * (beds, cubicles, vehicles, home-care hours or their efficiency) gets a mixed_supply_and_demand
 * warning naming both changes: its release accounting mixes the capacity freed by avoided demand
 * with the capacity added. The comparison is between the resolved models, so a scenario compared
 * with another (compareWith) is judged by what differs from that one. A sweep flags each cell, in
 * warnings.csv, and says it once for all cells in its summary and its report. (dist/ is built by
 * test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-mixed-");
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

  it("a sweep setting beds for a demand scenario: every cell flagged, said once in the summary and the report", async () => {
    const raw = system();
    raw.scenarios = { baseline: { description: "", changes: [] }, fewer: { description: "", changes: [{ path: "segments.care-home.demandMultiplier", scale: 0.77, why: "" }] } };
    const file = join(dir(), "system.json");
    writeFileSync(file, JSON.stringify(raw));
    copyFileSync(join(FIXTURES, "rates-week.csv"), join(dir(), "rates-week.csv")); // the rates CSV the fixture reads
    const out = join(dir(), "out");
    const run = await pathflow(["sweep", file, "--scenario", "fewer", "--set", "nodes.acute.servers=62,64", "--reps", "1", "--days", "2", "--warmup-days", "0", "--workers", "1", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const rows = readCsv(join(out, "warnings.csv"));
    expect(rows.map((r) => [r["cell"], r["scenario"], r["code"]])).toEqual([
      ["1", "fewer", "mixed_supply_and_demand"],
      ["2", "fewer", "mixed_supply_and_demand"],
    ]);
    const message = rows[0]!["message"]!;
    expect(message).toMatch(/^fewer changes both demand \(segments\.care-home\) and capacity \(nodes\.acute\.servers\) against baseline/);
    expect(run.stdout.match(/WARNING/g)).toHaveLength(1);
    expect(run.stdout).toContain(`WARNING (cells 1, 2; figures for cell 1, the others are in warnings.csv): ${message}`);
    expect(readFileSync(join(out, "report.html"), "utf8")).toContain(`<li>Cells 1, 2: ${message}</li>`);
  });
});
