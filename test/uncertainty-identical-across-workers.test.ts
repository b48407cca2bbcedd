import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * run --uncertainty on the default ICS: the parameter sets are drawn from the run seed on streams
 * of their own, every set runs the same replications, and results are aggregated in set and
 * replication order — so uncertainty.csv, uncertainty_parameters.csv, uncertainty_drivers.csv and
 * summary.md are the same bytes for --workers 1 and 2, and the same again when run twice.
 * (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-uncertainty-workers-");

const FILES = ["uncertainty.csv", "uncertainty_parameters.csv", "uncertainty_drivers.csv", "summary.md", "kpi_summary.csv", "release.csv"];

describe("run --uncertainty: the same bytes for any worker count", () => {
  it("ics-default, 3 parameter sets × 2 replications: --workers 1 and 2", async () => {
    const outs = [1, 2].map((w) => join(dir(), `w${w}`));
    for (const [i, w] of [1, 2].entries()) {
      const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", "--uncertainty", "3", "--reps", "2", "--days", "8", "--warmup-days", "4", "--workers", String(w), "--quiet", "--out", outs[i]!]);
      expect(run.code, run.stderr).toBe(0);
    }
    const [one, two] = outs as [string, string];
    expect(readdirSync(two).sort()).toEqual(readdirSync(one).sort());
    for (const file of FILES) expect(readFileSync(join(two, file)).equals(readFileSync(join(one, file))), file).toBe(true);

    // Percentiles over sets and the central run's stochastic CI are both there, for KPIs and release measures.
    const rows = readCsv(join(one, "uncertainty.csv"));
    const spare = rows.find((r) => r["scenario"] === "frailty-service" && r["name"] === "acute_bed_days" && r["measure"] === "realised_as_spare_capacity")!;
    for (const c of ["p10", "p50", "p90", "central_mean", "central_ci_low", "central_ci_high"]) expect(spare[c], c).toMatch(/\d/);
    expect(Number(spare["p10"])).toBeLessThanOrEqual(Number(spare["p50"]));
    expect(Number(spare["p50"])).toBeLessThanOrEqual(Number(spare["p90"]));
    expect(rows.some((r) => r["kind"] === "kpi" && r["name"] === "ga_occupancy_pct")).toBe(true);
    // The sets really differ (drift strength is drawn), so the comparison means something.
    const drift = readCsv(join(one, "uncertainty_parameters.csv")).filter((r) => r["parameter"] === "drift-strength").map((r) => r["value"]);
    expect(new Set(drift).size).toBe(3);
    // Each drawn drift strength has its intercept, between the model file's matched ones.
    const b0 = readCsv(join(one, "uncertainty_parameters.csv")).filter((r) => r["parameter"] === "matched_intercept").map((r) => Number(r["value"]));
    expect(b0).toHaveLength(3);
    const model = JSON.parse(readFileSync("models/ics-default.json", "utf8")) as { nodes: { ed: { admission: { driftRange: { b0: number[] } } } } };
    const matched = model.nodes.ed.admission.driftRange.b0;
    for (const b of b0) expect(b >= Math.min(...matched) && b <= Math.max(...matched)).toBe(true);
    const summary = readFileSync(join(one, "summary.md"), "utf8");
    expect(summary).toMatch(/frees between [\d,.]+ and [\d,.]+ acute bed-days as spare capacity \(10th–90th percentile over parameter sets; median [\d,.]+\); the stochastic 95% CI at the central values is/);
  });
});
