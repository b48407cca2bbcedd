import { describe, expect, it } from "vitest";
import { runModel } from "./helpers/run-model.js";

/**
 * An ambulance caller's patience can be a distribution, not only a fixed number of minutes: each
 * caller draws its own. A deterministic distribution gives exactly what the number gives.
 */
const det = (value: number) => ({ type: "deterministic", value });

function service(afterC3: unknown) {
  return {
    name: "calls",
    acuityBands: ["1", "2"],
    run: { days: 30, warmupDays: 2, replications: 1, seed: 5 },
    segments: { people: { acuityPct: [100, 0], arrivals: [{ route: "999", to: "ambulance", ratePerDay: 60 }] } },
    nodes: {
      ambulance: {
        type: "ambulance",
        vehicles: 1,
        categoryByAcuity: ["C3", "C2"],
        hearAndTreatPct: { C1: 0, C2: 0, C3: 0, C4: 0 },
        seeAndTreatPct: { C1: 100, C2: 100, C3: 100, C4: 100 },
        travelToSceneMin: det(10),
        onSceneMin: det(20),
        travelToHospitalMin: det(10),
        handoverMin: det(10),
        clearMin: det(5),
        abandonment: { afterMin: { C1: null, C2: null, C3: afterC3, C4: null }, toEdPct: 0 },
        to: "ed",
      },
      ed: { type: "ed", cubicles: 5, assessmentMin: det(60), admission: { to: "acute", b0: -50, b1PerAcuityBand: 0, b2PerOccupancyPoint: 0, referenceOccupancyPct: 90 } },
      acute: { type: "unit", role: "acute", servers: 5, durationDays: det(1), outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    },
  };
}

function abandonWaits(afterC3: unknown): number[] {
  const called = new Map<number, number>();
  const waits: number[] = [];
  runModel(service(afterC3), (t, id, event) => {
    if (event === "enter" && !called.has(id)) called.set(id, t);
    if (event === "abandon") waits.push(t - called.get(id)!);
  });
  return waits;
}

describe("ambulance caller patience", () => {
  it("a number and a deterministic distribution of the same minutes give the same run", () => {
    expect(runModel(service(det(45))).kpis).toEqual(runModel(service(45)).kpis);
    const waits = abandonWaits(45);
    expect(waits.length).toBeGreaterThan(50);
    for (const w of waits) expect(w).toBeCloseTo(0.75, 9);
  });

  it("a distribution: each caller gives up after its own draw", () => {
    const waits = abandonWaits({ type: "exponential", mean: 45 });
    expect(waits.length).toBeGreaterThan(50);
    expect(new Set(waits.map((w) => w.toFixed(6))).size).toBeGreaterThan(waits.length / 2);
    expect(Math.min(...waits)).toBeLessThan(0.3);
  });
});
