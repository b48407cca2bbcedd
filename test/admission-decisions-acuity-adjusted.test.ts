import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { admissionDecisions, weightedRatio } from "../src/experiment/group-tables.js";
import { planExperiment } from "../src/experiment/plan.js";
import { validateModelObject } from "../src/model/load.js";
import { decisionPressureBand, DECISION_PRESSURE_BANDS, NP } from "../src/pathway/decision-bands.js";
import type { ExperimentResult, LoadedModel } from "../src/types.js";

// admission_decisions.csv: the admitted share by acuity band × pressure band (<90 … >=105) and the
// share directly standardised to the baseline's acuity mix, with CIs over replications. Drift must
// show in it, and be absent from it when drift is off.

const B0 = -3.3;
const B1 = 0.8;
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

/** Walk-ins of five equally common acuity bands, an ED deciding with the drift rule, 20 acute beds near full. */
function model(b2: number): LoadedModel {
  const raw = {
    name: "drift-bands",
    acuityBands: ["1", "2", "3", "4", "5"],
    run: { days: 200, warmupDays: 20, replications: 3, seed: 11 },
    segments: { people: { acuityPct: [20, 20, 20, 20, 20], arrivals: [{ route: "walk-in", to: "ed", ratePerDay: 57 }] } },
    nodes: {
      ed: {
        type: "ed",
        cubicles: 400,
        assessmentMin: { type: "deterministic", value: 60 },
        admission: { to: "acute", b0: B0, b1PerAcuityBand: B1, b2PerOccupancyPoint: b2, referenceOccupancyPct: 95 },
      },
      acute: { type: "unit", servers: 20, durationDays: { type: "exponential", mean: 1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    },
    scenarios: { baseline: { description: "as written", changes: [] } },
  };
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  return { file: "drift-bands.json", dir: ".", raw, model: v.model!, tables: v.tables };
}

async function decisions(b2: number) {
  const result = await runExperiment(planExperiment(model(b2), { scenarios: ["baseline"], baseline: "baseline" }), { workers: 2 });
  return admissionDecisions(result);
}

describe("admission_decisions.csv: acuity-adjusted view", () => {
  it("bands are <90, 90-95, 95-100, 100-105, >=105, lower bound included", () => {
    expect(DECISION_PRESSURE_BANDS.map((b) => b.label)).toEqual(["<90", "90-95", "95-100", "100-105", ">=105"]);
    expect([89.99, 90, 94.99, 95, 100, 104.99, 105, 130].map(decisionPressureBand)).toEqual([0, 1, 1, 2, 3, 3, 4, 4]);
  });

  it("standardised share is Σ baseline-mix weight × band share; CIs treat replications as the unit", () => {
    // Two acuity bands, two replications; all decisions in pressure band 0 or 4.
    const counts = (cells: Record<string, [number, number]>) => {
      const c = new Array<number>(2 * NP * 2).fill(0);
      for (const [key, [d, a]] of Object.entries(cells)) {
        const [band, p] = key.split(",").map(Number) as [number, number];
        c[(band * NP + p) * 2] = d;
        c[(band * NP + p) * 2 + 1] = a;
      }
      return { bands: 2, counts: c };
    };
    // baseline mix: band 0 has 300 decisions, band 1 has 100 → weights 0.75, 0.25
    const base = [counts({ "0,0": [100, 10], "1,0": [50, 25] }), counts({ "0,4": [200, 10], "1,4": [50, 20] })];
    const sc = [counts({ "0,0": [100, 20], "1,0": [100, 60] }), counts({ "0,0": [100, 20], "1,0": [100, 60] })];
    const result = { scenarios: ["baseline", "s"], baseline: "baseline", model: { acuityBands: ["low", "high"] }, decisionCells: { baseline: base, s: sc } } as unknown as ExperimentResult;
    const rows = admissionDecisions(result);
    const get = (scenario: string, p: string, band: string, view: string) => rows.find((r) => r.scenario === scenario && r.pressure_band_pct === p && r.acuity_band === band && r.view === view)!;
    // scenario s at <90: band shares 20% and 60%; standardised 0.75·20 + 0.25·60 = 30%; observed all = 80/200 = 40%
    expect(get("s", "<90", "low", "observed").admitted_pct).toBeCloseTo(20, 12);
    expect(get("s", "<90", "all", "observed").admitted_pct).toBeCloseTo(40, 12);
    expect(get("s", "<90", "all", "standardised").admitted_pct).toBeCloseTo(30, 12);
    expect(get("s", "<90", "all", "standardised").decisions).toBe(400);
    // identical replications: a zero-width interval
    expect(get("s", "<90", "all", "standardised").ci_low).toBeCloseTo(30, 9);
    expect(get("s", "<90", "all", "standardised").ci_high).toBeCloseTo(30, 9);
    // the baseline at <90: a ratio of totals, one replication without decisions there (it still counts)
    expect(get("baseline", "<90", "low", "observed").admitted_pct).toBeCloseTo(10, 12);
    expect(get("baseline", "<90", "low", "observed").n_reps).toBe(2);
    // a pressure band with no decisions: empty cells, never NaN or 0
    expect(get("s", ">=105", "all", "standardised").admitted_pct).toBeNull();
    expect(get("s", "95-100", "low", "observed").admitted_pct).toBeNull();
    // the ratio interval matches a hand computation: R = 30/300, residuals z = (a − R d)/d̄
    const r = weightedRatio([{ weight: 1, num: [10, 20], den: [100, 200] }])!;
    expect(r.value).toBeCloseTo(0.1, 15);
    expect(r.high! - r.low!).toBeCloseTo(0, 12);
    const r2 = weightedRatio([{ weight: 1, num: [10, 30], den: [100, 100] }])!;
    // z = (10 − 20, 30 − 20)/100 = (−0.1, 0.1): sd 0.1414, half-width t(0.975, 1) · 0.1414 / √2 = 12.706 · 0.1
    expect(r2.value).toBeCloseTo(0.2, 15);
    expect(r2.high! - r2.value).toBeCloseTo(12.7062047 * 0.1, 5);
  });

  it("drift off: each band's share stays at its rule's probability at every pressure; drift on: it falls as pressure rises", async () => {
    const off = await decisions(0);
    const on = await decisions(-0.03);
    const cell = (rows: typeof off, p: string, band: string, view = "observed") => rows.find((r) => r.pressure_band_pct === p && r.acuity_band === band && r.view === view)!;
    const truth = [1, 2, 3, 4, 5].map((a) => 100 * logistic(B0 + B1 * a));
    const standardTruth = truth.reduce((s, x) => s + x, 0) / 5;
    let checked = 0;
    for (const pb of DECISION_PRESSURE_BANDS) {
      const s = cell(off, pb.label, "all", "standardised");
      if (s.decisions < 1500) continue;
      checked++;
      expect(Math.abs(s.admitted_pct! - standardTruth), pb.label).toBeLessThan(2.5);
      for (let a = 1; a <= 5; a++) {
        const c = cell(off, pb.label, String(a));
        expect(Math.abs(c.admitted_pct! - truth[a - 1]!), `${pb.label} band ${a}`).toBeLessThan(6);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
    // drift on: mid-acuity share and the standardised share are clearly lower at >=100 than below 95
    const low = on.filter((r) => ["<90", "90-95"].includes(r.pressure_band_pct) && r.decisions >= 1000);
    const high = on.filter((r) => ["100-105", ">=105"].includes(r.pressure_band_pct) && r.decisions >= 1000);
    const pick = (rows: typeof on, band: string, view = "observed") => rows.filter((r) => r.acuity_band === band && r.view === view);
    const lowStd = pick(low, "all", "standardised")[0]!;
    const highStd = pick(high, "all", "standardised").at(-1)!;
    expect(lowStd.admitted_pct! - highStd.admitted_pct!).toBeGreaterThan(5);
    expect(highStd.ci_high!).toBeLessThan(lowStd.ci_low!);
    expect(pick(low, "3")[0]!.admitted_pct! - pick(high, "3").at(-1)!.admitted_pct!).toBeGreaterThan(5);
  }, 120_000);
});
