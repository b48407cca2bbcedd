import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { loadModel } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import { resolveScenario } from "../src/model/scenario.js";

// A model that validates never produces NaN, an infinite value or a negative time at run time:
// every scenario of every shipped model, on a short run.
describe("every KPI of every shipped model and scenario is a finite number", () => {
  for (const file of ["models/mmc.json", "models/stroke-monks2016.json", "models/ics-default.json"]) {
    it(file, async () => {
      const loaded = await loadModel(file);
      for (const scenario of Object.keys(loaded.model.scenarios)) {
        const resolved = resolveScenario(loaded, scenario);
        const r = runReplication(compileModel(resolved.model, resolved.tables), { replication: 0, seed: resolved.model.run.seed, days: 20, warmupDays: 10 });
        // null: nothing observed (an empty cell); never NaN or infinite.
        const bad = Object.entries(r.kpis).filter(([, v]) => v !== null && !Number.isFinite(v));
        expect(bad, `${scenario}: ${JSON.stringify(bad)}`).toEqual([]);
        expect(Object.keys(r.kpis).length).toBeGreaterThan(0);
        for (const [metric, series] of Object.entries(r.daily)) {
          expect(series.every(Number.isFinite), `${scenario} daily ${metric}`).toBe(true);
        }
        const negative = Object.entries(r.kpis).filter(([k, v]) => v !== null && v < 0 && !k.includes("diff"));
        expect(negative, scenario).toEqual([]);
      }
    });
  }
});
