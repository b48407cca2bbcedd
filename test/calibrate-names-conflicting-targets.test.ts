import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { MMC } from "./helpers/model-fixtures.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * When the targets cannot be met together, `pathflow calibrate` exits 3, says so, and names the
 * targets that conflict — here an M/M/10 queue asked for 216 arrivals a day and an occupancy of
 * 60% with only the arrival rate free: the rate that gives one cannot give the other. A target
 * held by a bound names the bound. The fit report and the best model found are still written.
 */
const dir = tempDirEachTest("pathflow-calibrate-conflict-");
const RUN = ["--reps", "2", "--days", "30", "--warmup-days", "5", "--budget", "12", "--quiet"];

describe("calibrate names targets that cannot be met together", () => {
  it("two targets pulling one parameter opposite ways", async () => {
    const targets = join(dir(), "targets.csv");
    writeFileSync(targets, ["target,value,tolerance,source", "servers_arrivals_per_day,216,2,sitrep", "servers_occupancy_pct,60,1,sitrep"].join("\n"));
    const parameters = join(dir(), "parameters.csv");
    writeFileSync(parameters, ["parameter,lower,upper,change,why", "segments.customers.arrivals[0].ratePerDay,100,300,set,arrivals"].join("\n"));
    const out = join(dir(), "fit");
    const fit = await pathflow(["calibrate", MMC, "--targets", targets, "--parameters", parameters, ...RUN, "--out", out]);
    expect(fit.code, fit.stderr).toBe(3);
    expect(fit.stderr).toContain("the targets cannot be met together");
    expect(fit.stderr).toMatch(/servers_(arrivals_per_day|occupancy_pct) \(model [^)]*\) conflicts with servers_(occupancy_pct|arrivals_per_day)/);
    expect(fit.stdout).toContain("NOT MET");
    const report = readCsv(join(out, "fit_report.csv"));
    expect(report.some((r) => r["within_tolerance"] === "no")).toBe(true);
    expect(readFileSync(join(out, "fit_report.md"), "utf8")).toContain("## Targets not met together");
  }, 60_000);

  it("a target held by a parameter's bound", async () => {
    const targets = join(dir(), "targets.csv");
    writeFileSync(targets, ["target,value,tolerance,source", "servers_arrivals_per_day,280,2,sitrep"].join("\n"));
    const parameters = join(dir(), "parameters.csv");
    writeFileSync(parameters, ["parameter,lower,upper,change,why", "segments.customers.arrivals[0].ratePerDay,100,240,set,arrivals"].join("\n"));
    const fit = await pathflow(["calibrate", MMC, "--targets", targets, "--parameters", parameters, ...RUN, "--out", join(dir(), "fit")]);
    expect(fit.code, fit.stderr).toBe(3);
    expect(fit.stderr).toContain("servers_arrivals_per_day (model");
    expect(fit.stderr).toContain("segments.customers.arrivals[0].ratePerDay at its upper bound 240");
  }, 60_000);
});
