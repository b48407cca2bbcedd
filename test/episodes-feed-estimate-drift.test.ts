import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * `pathflow run --episodes` writes episodes.csv: one row per ED admission decision of the results
 * period, per scenario and replication, in the format `pathflow estimate-drift` reads — so the
 * file feeds the estimator as it is (one scenario picked with --where). Its rows are exactly the
 * decisions admission_decisions.csv counts, and its dates are the run's own (timeseries_daily.csv).
 */
const dir = tempDirEachTest("pathflow-episodes-");

const RUN = ["run", "models/ics-default.json", "--scenario", "baseline,frailty-service", "--no-drift-range", "--reps", "2", "--days", "10", "--warmup-days", "20", "--workers", "2", "--quiet"];

describe("run --episodes", () => {
  it("writes every ED decision of the results period, in replication blocks, in estimate-drift's format, and estimate-drift reads it", async () => {
    const out = join(dir(), "run");
    const run = await pathflow([...RUN, "--episodes", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith(".part") || f.startsWith("."))).toEqual([]);
    const text = readFileSync(join(out, "episodes.csv"), "utf8");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe("scenario,replication,arrival,acuity,admitted,pressure_pct");
    const rows = lines.slice(1).map((l) => l.split(","));

    // Blocks in order: replication 0 (baseline, frailty-service), then replication 1.
    const blocks = [...new Set(rows.map((r) => `${r[1]}|${r[0]}`))];
    expect(blocks).toEqual(["0|baseline", "0|frailty-service", "1|baseline", "1|frailty-service"]);

    // The same decisions the model counted (admission_decisions.csv sums over replications).
    const decisions = readCsv(join(out, "admission_decisions.csv")).filter((r) => r["acuity_band"] === "all" && r["view"] === "observed");
    for (const scenario of ["baseline", "frailty-service"]) {
      const mine = rows.filter((r) => r[0] === scenario);
      const counted = decisions.filter((r) => r["scenario"] === scenario).reduce((a, r) => a + Number(r["decisions"]), 0);
      expect(mine.length, scenario).toBe(counted);
      const admitted = decisions.filter((r) => r["scenario"] === scenario).reduce((a, r) => a + (Number(r["decisions"]) * Number(r["admitted_pct"] || 0)) / 100, 0);
      expect(mine.filter((r) => r[4] === "1").length, scenario).toBeCloseTo(admitted, 3);
    }
    for (const r of rows) {
      expect(r[2]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      expect(["1", "2", "3", "4", "5"]).toContain(r[3]);
      expect(["0", "1"]).toContain(r[4]);
      expect(Number(r[5])).toBeGreaterThan(0);
      expect(r[5]).toMatch(/^\d+(\.\d{1,4})?$/);
    }
    // Decisions of the results period: arrivals up to its last date, and none long before its first
    // (a patient who arrived in the warm-up is decided within hours of the results period's start).
    const dates = readCsv(join(out, "timeseries_daily.csv")).map((r) => r["date"]!).sort();
    const first = dates[0]!;
    const last = dates[dates.length - 1]!;
    const arrivals = rows.map((r) => r[2]!.slice(0, 10)).sort();
    expect(arrivals[arrivals.length - 1]! <= last).toBe(true);
    const twoDaysBefore = new Date(Date.parse(`${first}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    expect(arrivals[0]! >= twoDaysBefore, `${arrivals[0]} vs ${first}`).toBe(true);
    expect(arrivals.filter((d) => d >= first).length / arrivals.length).toBeGreaterThan(0.9);

    const est = join(dir(), "estimate");
    const fit = await pathflow(["estimate-drift", join(out, "episodes.csv"), "--where", "scenario=baseline", "--adjust", "hour,weekday", "--out", est, "--quiet"]);
    expect(fit.code, fit.stderr).toBe(0);
    const estimate = JSON.parse(readFileSync(join(est, "estimate.json"), "utf8")) as { n: { attendances: number }; inputs: { where: unknown; selectedRows: number } };
    const baselineRows = rows.filter((r) => r[0] === "baseline").length;
    expect(estimate.n.attendances).toBe(baselineRows);
    expect(estimate.inputs.selectedRows).toBe(baselineRows);
    expect(estimate.inputs.where).toEqual([{ column: "scenario", value: "baseline" }]);
  }, 120_000);

  it("--where naming a value no row has is refused with exit 2, naming it", async () => {
    const out = join(dir(), "run");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "baseline", "--reps", "1", "--days", "3", "--warmup-days", "3", "--episodes", "--out", out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    const fit = await pathflow(["estimate-drift", join(out, "episodes.csv"), "--where", "scenario=frailty", "--out", join(dir(), "e")]);
    expect(fit.code).toBe(2);
    expect(fit.stderr).toContain('has no row where scenario is "frailty"');
    expect(fit.stderr).not.toMatch(/\n\s+at /);
    const missing = await pathflow(["estimate-drift", join(out, "episodes.csv"), "--where", "site=A", "--out", join(dir(), "e")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing the column site");
  }, 60_000);

  it("without --episodes there is no episodes.csv", async () => {
    const out = join(dir(), "run");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "baseline", "--reps", "1", "--days", "2", "--warmup-days", "2", "--out", out, "--quiet"]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out)).not.toContain("episodes.csv");
  }, 60_000);
});
