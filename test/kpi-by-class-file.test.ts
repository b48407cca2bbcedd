import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pathflow } from "./helpers/cli.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * kpi_by_class.csv: per-patient KPIs in long format — one row per scenario, KPI and class
 * (everyone, each segment, each acuity band) — with units from the catalogue, finite numbers only,
 * and every KPI described in glossary.csv.
 */
describe("kpi_by_class.csv", () => {
  const tempDir = tempDirEachTest("pathflow-kpi-by-class-");
  it("the ICS model: rows for everyone, each segment and each band, units given, no NaN, glossary complete", async () => {
    const dir = join(tempDir(), "out");
    const { code } = await pathflow(["run", "models/ics-default.json", "--reps", "2", "--days", "20", "--warmup-days", "10", "--scenario", "baseline", "--out", dir, "--quiet"]);
    expect(code).toBe(0);
    const lines = readFileSync(join(dir, "kpi_by_class.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("scenario,kpi,unit,class_type,class,mean,ci_low,ci_high,n_reps");
    const rows = lines.slice(1).map((l) => l.split(","));
    const of = (kpi: string) => rows.filter((r) => r[1] === kpi);
    const tis = of("time_in_system_mean_hours");
    expect(tis.map((r) => `${r[3]}:${r[4]}`)).toEqual(["all:all", "segment:children", "segment:adults", "segment:older-people", "segment:care-home", "acuity:1 minor", "acuity:2 low", "acuity:3 moderate", "acuity:4 high", "acuity:5 critical"]);
    expect(tis.every((r) => r[2] === "hours")).toBe(true);
    for (const kpi of ["acute_wait_for_server_mean_hours", "acute_wait_in_line_mean_hours", "acute_blocked_time_mean_hours", "community_waited_pct", "blocked_time_mean_hours"]) expect(of(kpi).length).toBeGreaterThan(0);
    expect(lines.some((l) => /NaN|Infinity/.test(l))).toBe(false);
    // Everyone is the patient-weighted mix of the segments: it lies between the smallest and largest.
    const t = tis.map((r) => Number(r[5]));
    expect(t[0]!).toBeGreaterThanOrEqual(Math.min(...t.slice(1, 5)));
    expect(t[0]!).toBeLessThanOrEqual(Math.max(...t.slice(1, 5)));
    const glossary = readFileSync(join(dir, "glossary.csv"), "utf8");
    for (const kpi of new Set(rows.map((r) => r[1]!))) expect(glossary).toMatch(new RegExp(`^kpi_by_class\\.csv,kpi,kpi,${kpi},[^,]+,.+`, "m"));
  });
});
