import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { loadModel } from "../src/model/load.js";
import { dailyMetricDefinition, kpiDefinition, kpiUnit } from "../src/pathway/kpis.js";
import { runReplication } from "../src/pathway/run.js";
import { resolveScenario } from "../src/model/scenario.js";

/**
 * Every KPI and every daily metric a shipped model reports has a unit and a description in the
 * KPI catalogue (src/pathway/kpis.ts) — the one place units come from for kpi_summary.csv,
 * kpi_difference.csv, timeseries_daily.csv and glossary.csv.
 */
describe("every KPI and daily metric has its unit in the catalogue", () => {
  for (const file of ["models/mmc.json", "models/stroke-monks2016.json", "models/ics-default.json"]) {
    it(file, async () => {
      const loaded = await loadModel(file);
      const resolved = resolveScenario(loaded, "baseline");
      const r = runReplication(compileModel(resolved.model, resolved.tables), { replication: 0, seed: 1, days: 3, warmupDays: 1 });
      const kpis = Object.keys(r.kpis);
      expect(kpis.length).toBeGreaterThan(0);
      for (const kpi of kpis) {
        const d = kpiDefinition(kpi);
        expect(d?.unit, `${kpi} has no unit`).toMatch(/\S/);
        expect(d?.description, `${kpi} has no description`).toMatch(/\S/);
        expect(kpiUnit(kpi)).toBe(d!.unit);
      }
      for (const metric of Object.keys(r.daily)) {
        expect(dailyMetricDefinition(metric)?.unit, `daily ${metric} has no unit`).toMatch(/\S/);
      }
    });
  }

  it("NCTR's share of beds is a percentage", () => {
    expect(kpiUnit("nctr_pct_of_beds")).toBe("%");
  });
});
