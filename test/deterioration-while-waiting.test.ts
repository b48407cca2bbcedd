import { describe, expect, it } from "vitest";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";

function system(deterioration: boolean) {
  // One segment waiting at home for scarce home care; deteriorating people call 999 and go to ED.
  const raw = {
    name: "deteriorate",
    acuityBands: ["1", "2", "3"],
    run: { days: 120, warmupDays: 30, replications: 1, seed: 3 },
    segments: {
      older: { acuityPct: [100, 0, 0], arrivals: [{ route: "referral", to: "homecare", ratePerDay: 4 }] },
    },
    nodes: {
      ambulance: {
        type: "ambulance",
        vehicles: 50,
        categoryByAcuity: ["C3", "C2", "C1"],
        hearAndTreatPct: { C1: 0, C2: 0, C3: 0, C4: 0 },
        seeAndTreatPct: { C1: 0, C2: 0, C3: 0, C4: 0 },
        travelToSceneMin: { type: "deterministic", value: 10 },
        onSceneMin: { type: "deterministic", value: 30 },
        travelToHospitalMin: { type: "deterministic", value: 15 },
        handoverMin: { type: "deterministic", value: 15 },
        clearMin: { type: "deterministic", value: 10 },
        to: "ed",
      },
      ed: {
        type: "ed",
        cubicles: 50,
        assessmentMin: { type: "deterministic", value: 120 },
        admission: { to: "acute", b0: -50, b1PerAcuityBand: 0, b2PerOccupancyPoint: 0, referenceOccupancyPct: 90 },
      },
      acute: { type: "unit", servers: 10, durationDays: { type: "deterministic", value: 1 }, outcomes: { "*": [{ pct: 100, to: "exit" }] } },
      homecare: {
        type: "homecare",
        paidHoursPerWeek: 100,
        packageHoursPerWeek: { type: "deterministic", value: 10 },
        reablementWeeks: { type: "deterministic", value: 6 },
        noLongerNeedPct: 100,
        longTermWeeks: { type: "deterministic", value: 1 },
        priority: "fifo",
        ...(deterioration ? { deterioration: { afterWeeks: { type: "exponential", mean: 2 }, to: "ambulance" } } : {}),
      },
    },
  };
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  const run = v.model!.run;
  return runReplication(compileModel(v.model!, v.tables), { replication: 0, seed: run.seed, days: run.days, warmupDays: run.warmupDays });
}

describe("deterioration while waiting (switchable)", () => {
  it("people waiting at home too long leave the list and come in as 999 calls, one band more acute", () => {
    const off = system(false);
    const on = system(true);
    // Off: nobody calls 999 (the segment only has home-care referrals).
    expect(off.kpis.ed_attendances_per_day).toBe(0);
    // On: demand 40 h/week against 100 h/week capacity for 6-week packages → a long list, so many
    // deteriorate and arrive at the ED by ambulance as C2 (band 2 of 3).
    expect(on.kpis.ed_attendances_per_day!).toBeGreaterThan(0.5);
    expect(on.kpis.amb_c2_mean_min!).toBeGreaterThan(0);
    expect(on.kpis.homecare_waiting_mean_people!).toBeLessThan(off.kpis.homecare_waiting_mean_people!);
    expect(on.conservation.generated).toBe(on.conservation.exited + on.conservation.inSystem);
  });
});
