import { describe, expect, it } from "vitest";
import { validateModelObject } from "../src/model/load.js";
import { byClass, runModel } from "./helpers/run-model.js";

/**
 * Patience on a unit's line: a patient who has to wait and whose patience runs out leaves the line
 * for the patience's destination (at once, or later), counted in reneged_pct and its wait in
 * reneged_wait_mean_hours; segments with null patience and bands with a null multiplier never leave.
 */
const det = (value: number) => ({ type: "deterministic", value });

function clinic(patience: Record<string, unknown>) {
  return {
    name: "clinic",
    acuityBands: ["routine", "urgent"],
    run: { days: 60, warmupDays: 5, replications: 1, seed: 7 },
    segments: {
      walkin: { acuityPct: [50, 50], arrivals: [{ route: "walk-in", to: "clinic", ratePerDay: 48 }] },
      booked: { acuityPct: [100, 0], arrivals: [{ route: "referral", to: "clinic", ratePerDay: 12 }] },
    },
    nodes: {
      clinic: { type: "unit", servers: 1, durationHours: { type: "exponential", mean: 0.5 }, patience, outcomes: { "*": [{ pct: 100, to: "exit" }] } },
      elsewhere: { type: "unit", servers: "unlimited", durationHours: det(1), outcomes: { "*": [{ pct: 100, to: "exit" }] } },
    },
  };
}

describe("patience on a unit's line", () => {
  it("leavers go to the destination; their wait equals their (deterministic) patience; those served waited less", () => {
    const events: [number, number, string, string][] = [];
    const r = runModel(clinic({ durationHours: det(1.5), to: "elsewhere" }), (t, id, event, node) => events.push([t, id, event, node]));
    const reneges = events.filter((e) => e[2] === "renege" && e[1] >= 0);
    expect(reneges.length).toBeGreaterThan(100);
    expect(r.kpis.clinic_reneged_pct!).toBeGreaterThan(1);
    expect(r.kpis.clinic_reneged_wait_mean_hours!).toBeCloseTo(1.5, 9);
    expect(r.kpis.clinic_wait_mean_hours!).toBeLessThan(1.5);
    // Every leaver enters `elsewhere` at the moment it leaves.
    for (const [t, id] of reneges.slice(0, 50)) expect(events.some((e) => e[1] === id && e[2] === "enter" && e[3] === "elsewhere" && e[0] === t)).toBe(true);
    // Conservation at the unit: every arrival is served, still there, or left the line.
    const c = r.conservation.nodes.clinic!;
    expect(c.presentAtStart + c.arrivals).toBe(c.departures + c.present + c.reneged);
  });

  it("re-entry later: a leaver comes back to the line after returnAfter", () => {
    const events: [number, number, string, string][] = [];
    runModel(clinic({ durationHours: det(1), to: "clinic", returnAfterHours: det(4) }), (t, id, event, node) => events.push([t, id, event, node]));
    const reneges = events.filter((e) => e[2] === "renege");
    expect(reneges.length).toBeGreaterThan(20);
    for (const [t, id] of reneges.slice(0, 30)) {
      expect(events.some((e) => e[1] === id && e[2] === "enter" && e[3] === "clinic" && Math.abs(e[0] - (t + 4)) < 1e-9)).toBe(true);
    }
  });

  it("a segment with null patience and a band with a null multiplier never leave", () => {
    const r = runModel(clinic({ durationHours: det(1), bySegment: { booked: null }, multiplierByAcuity: [1, null] }));
    expect(byClass(r, "clinic_reneged_pct", "segment", "booked")).toBe(0);
    expect(byClass(r, "clinic_reneged_pct", "acuity", "urgent")).toBe(0);
    expect(byClass(r, "clinic_reneged_pct", "acuity", "routine")!).toBeGreaterThan(1);
    expect(byClass(r, "clinic_reneged_pct", "segment", "walkin")!).toBeGreaterThan(1);
  });

  it("bad patience is refused with paths: no duration, two units of time, an unknown segment, a wrong band count, an unknown destination", () => {
    const bad = (p: Record<string, unknown>) => validateModelObject(clinic(p), ".").issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(bad({ to: "exit" }).join("\n")).toMatch(/nodes\.clinic\.patience: patience needs a duration/);
    expect(bad({ durationHours: det(1), durationMin: det(2) }).join("\n")).toMatch(/nodes\.clinic\.patience: give at most one of durationMin/);
    expect(bad({ durationHours: det(1), bySegment: { walkins: { durationHours: det(1) } } }).join("\n")).toMatch(/nodes\.clinic\.patience\.bySegment\.walkins: no segment named "walkins" \(did you mean "walkin"\?\)/);
    expect(bad({ durationHours: det(1), multiplierByAcuity: [1] }).join("\n")).toMatch(/multiplierByAcuity needs one entry per acuity band \(2/);
    expect(bad({ durationHours: det(1), to: "nowhere" }).join("\n")).toMatch(/nodes\.clinic\.patience\.to: no node named "nowhere"/);
  });
});
