import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MEASURE_GLOSSARY } from "../src/experiment/release-measures.js";
import { describe, expect, it } from "vitest";
import { classKpiDefinition, dailyMetricDefinition, kpiDefinition } from "../src/pathway/kpis.js";
import { pathflow } from "./helpers/cli.js";
import { readCsv } from "./helpers/report-folders.js";
import { tempDirEachTest } from "./helpers/temp-dir.js";

/**
 * Every output folder has glossary.csv (file, column, kind, name, unit, description): a described
 * row for every file, every column of every CSV file in the folder, every KPI (unit and meaning
 * from the KPI catalogue), every daily metric, every release resource and measure, and every
 * warning pathflow can raise. The report reads it. (dist/ is built by test/global-setup.ts.)
 */
const dir = tempDirEachTest("pathflow-glossary-");

function expectDescribesFolder(out: string): Record<string, string>[] {
  const glossary = readCsv(join(out, "glossary.csv"));
  expect(readFileSync(join(out, "glossary.csv"), "utf8").split("\n")[0]).toBe("file,column,kind,name,unit,description");
  for (const g of glossary) expect(g["description"], `${g["kind"]} ${g["file"]} ${g["name"]}`).toMatch(/\S/);
  const files = readdirSync(out).filter((f) => !f.startsWith("."));
  for (const file of files) expect(glossary.some((g) => g["kind"] === "file" && g["name"] === file), file).toBe(true);
  for (const file of files.filter((f) => f.endsWith(".csv"))) {
    const header = readFileSync(join(out, file), "utf8").split("\n")[0]!.split(",");
    const described = glossary.filter((g) => g["kind"] === "column" && g["file"] === file).map((g) => g["column"]);
    expect(described, file).toEqual(header);
  }
  return glossary;
}

describe("glossary.csv describes every output", () => {
  it("a run: files, columns, KPIs, daily metrics, release measures, warnings", async () => {
    const out = join(dir(), "run");
    const run = await pathflow(["run", "models/ics-default.json", "--scenario", "frailty-service", "--reps", "2", "--days", "5", "--warmup-days", "2", "--events", "--episodes", "--workers", "2", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const glossary = expectDescribesFolder(out);
    const terms = (kind: string): Map<string, Record<string, string>> => new Map(glossary.filter((g) => g["kind"] === kind).map((g) => [g["name"]!, g]));

    const kpis = new Map(glossary.filter((g) => g["kind"] === "kpi" && g["file"] === "").map((g) => [g["name"]!, g]));
    const summary = readCsv(join(out, "kpi_summary.csv"));
    expect([...kpis.keys()]).toEqual([...new Set(summary.map((r) => r["kpi"]!))]);
    for (const r of summary) {
      expect(kpis.get(r["kpi"]!)?.["unit"]).toBe(r["unit"]);
      expect(kpis.get(r["kpi"]!)?.["description"]).toBe(kpiDefinition(r["kpi"]!)!.description);
    }
    // kpi_by_class.csv's KPIs: each described once, for that file, with the unit the file gives it.
    const classKpis = new Map(glossary.filter((g) => g["kind"] === "kpi" && g["file"] === "kpi_by_class.csv").map((g) => [g["name"]!, g]));
    const byClass = readCsv(join(out, "kpi_by_class.csv"));
    expect([...classKpis.keys()]).toEqual([...new Set(byClass.map((r) => r["kpi"]!))]);
    for (const r of byClass) {
      expect(classKpis.get(r["kpi"]!)?.["unit"]).toBe(r["unit"]);
      expect(classKpis.get(r["kpi"]!)?.["description"]).toBe(classKpiDefinition(r["kpi"]!)!.description);
    }
    expect(kpis.get("nctr_pct_of_beds")?.["unit"]).toBe("%");

    const daily = terms("daily_metric");
    const series = readCsv(join(out, "timeseries_daily.csv"));
    expect([...daily.keys()].sort()).toEqual([...new Set(series.map((r) => r["metric"]!))].sort());
    for (const [name, g] of daily) expect(g["unit"], name).toBe(dailyMetricDefinition(name)!.unit);

    const release = readCsv(join(out, "release.csv"));
    expect([...terms("release_measure").keys()].sort()).toEqual([...new Set(release.map((r) => r["measure"]!))].sort());
    // Each measure with its unit and meaning from the one list (experiment/release-measures.ts).
    for (const [name, g] of terms("release_measure")) {
      const known = MEASURE_GLOSSARY.find((m) => m.name === name);
      expect(known, name).toBeDefined();
      expect(g["unit"], name).toBe(known!.unit);
    }
    expect(terms("release_measure").get("absorbed_by_drift")?.["description"]).toMatch(/baseline's admission decision/);
    const resources = terms("resource");
    for (const r of release.filter((x) => x["measure"] === "expected_release")) expect(resources.get(r["resource"]!)?.["unit"]).toBe(r["unit"]);
    expect([...terms("warning").keys()]).toEqual(["saturated_baseline", "mixed_supply_and_demand", "precision_not_reached", "drift_range_unmatched", "census_states_shared", "census_own_states_accounting"]);

    // The report's glossary is this file.
    const html = readFileSync(join(out, "report.html"), "utf8");
    expect(html).toContain("From glossary.csv in this folder.");
  });

  it("a run with --uncertainty: its three files and every column of them", async () => {
    const out = join(dir(), "uncertainty");
    const model = join(dir(), "mmc-uncertain.json");
    const mmc = JSON.parse(readFileSync("models/mmc.json", "utf8")) as Record<string, unknown>;
    writeFileSync(model, JSON.stringify({ ...mmc, $schema: undefined, uncertainty: { rate: { path: "segments.customers.arrivals[0].ratePerDay", distribution: { type: "uniform", min: 200, max: 220 }, why: "test" } } }));
    const run = await pathflow(["run", model, "--uncertainty", "3", "--reps", "2", "--days", "5", "--warmup-days", "1", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const glossary = expectDescribesFolder(out);
    for (const file of ["uncertainty.csv", "uncertainty_parameters.csv", "uncertainty_drivers.csv", "summary.md"]) expect(glossary.some((g) => g["kind"] === "file" && g["name"] === file), file).toBe(true);
  });

  it("a sweep: its swept parameter's column too", async () => {
    const out = join(dir(), "sweep");
    const run = await pathflow(["sweep", "models/mmc.json", "--set", "nodes.servers.servers=11,12", "--reps", "2", "--days", "5", "--warmup-days", "1", "--workers", "2", "--quiet", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const glossary = expectDescribesFolder(out);
    expect(glossary.find((g) => g["file"] === "sweep.csv" && g["column"] === "nodes_servers_servers")?.["description"]).toBe("Swept parameter nodes.servers.servers, in the compared scenario only (--set)");
    expect(glossary.filter((g) => g["kind"] === "daily_metric")).toEqual([]);
  });
});
