import { describe, expect, it } from "vitest";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { runExperiment } from "../src/experiment/experiment.js";
import type { ExperimentResult } from "../src/types.js";

/**
 * A scenario whose service starts on a date mid-run: its release accounting counts only from that
 * date. The avoided patients are the baseline's own patients who arrive after the date (common
 * random numbers), so the expected release is what they used; a capacity change from a date adds
 * capacity only from then. Checked exactly at the ends: a change from the first day of the warm-up
 * is the undated change, one after the run's end changes nothing.
 */
const change = (extra: Record<string, unknown>) => [{ path: "segments.frail.demandMultiplier", set: 0.6, ...extra }];

const raw = {
  name: "dated-release",
  acuityBands: ["1", "2", "3", "4", "5"],
  // Results from 2027-01-01 for 60 days; the warm-up's 30 days start on 2026-12-02.
  run: { replications: 3, seed: 4, startDate: "2027-01-01", warmupDays: 30, days: 60 },
  segments: {
    adults: { acuityPct: [20, 30, 30, 15, 5], arrivals: [{ route: "walk-in", to: "ed", ratePerDay: 120 }] },
    frail: { acuityPct: [5, 15, 35, 30, 15], arrivals: [{ route: "999", to: "ed", ratePerDay: 30 }] },
  },
  nodes: {
    ed: {
      type: "ed",
      cubicles: 25,
      assessmentMin: { type: "lognormal", mean: 150, sd: 90 },
      admission: { to: "acute", b0: -4, b1PerAcuityBand: 1, b2PerOccupancyPoint: -0.02, referenceOccupancyPct: 92 },
    },
    acute: { type: "unit", role: "acute", servers: 160, durationDays: { type: "lognormal", mean: 4, sd: 3 }, outcomes: { "*": [{ pct: 90, to: "exit" }, { pct: 10, to: "homecare" }] } },
    homecare: {
      type: "homecare",
      paidHoursPerWeek: 1500,
      deliveredPerPaidHour: 0.8,
      packageHoursPerWeek: { type: "deterministic", value: 10 },
      reablementWeeks: { type: "deterministic", value: 6 },
      noLongerNeedPct: 60,
      longTermWeeks: { type: "deterministic", value: 10 },
    },
  },
  scenarios: {
    baseline: { changes: [] },
    service: { changes: change({}) },
    "service-from-warmup-start": { changes: change({ from: "2026-12-02" }) },
    "service-from-february": { changes: change({ from: "2027-02-01" }) },
    "service-after-the-run": { changes: change({ from: "2027-03-02" }) },
    "beds-from-february": { changes: [{ path: "nodes.acute.servers", set: 180, from: "2027-02-01", to: "2027-02-14" }] },
    "care-hours-from-february": { changes: [{ path: "nodes.homecare.paidHoursPerWeek", scale: 1.5, from: "2027-02-01", to: "2027-02-14" }] },
  },
};

async function run(): Promise<ExperimentResult> {
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  const loaded: LoadedModel = { file: "dated-release.json", dir: ".", raw, model: v.model!, tables: v.tables, dataDirs: [] };
  return runExperiment(planExperiment(loaded, { driftRange: false }), { workers: 1 });
}

describe("release accounting of a change that starts on a date", async () => {
  const r = await run();
  const bedDays = (scenario: string) => r.release[scenario]!.acute_bed_days!;

  it("from the first day of the warm-up it is the undated change, measure for measure", () => {
    expect(r.release["service-from-warmup-start"]).toEqual(r.release["service"]);
  });

  it("from after the run's end it changes nothing: every release measure is zero", () => {
    for (const [resource, m] of Object.entries(r.release["service-after-the-run"]!)) {
      for (const [measure, values] of Object.entries(m)) expect(values, `${resource} ${measure}`).toEqual(values.map(() => 0));
    }
  });

  it("from 1 February, the expected release counts only from then: more than nothing, less than the whole period's", () => {
    const whole = bedDays("service").expected;
    const feb = bedDays("service-from-february").expected;
    whole.forEach((w, i) => {
      expect(feb[i]!).toBeGreaterThan(0);
      expect(feb[i]!).toBeLessThan(w);
    });
    // About 29 of the 60 results days (and the stays avoided in January's last days run on): well under the whole.
    const ratio = feb.reduce((a, b) => a + b, 0) / whole.reduce((a, b) => a + b, 0);
    expect(ratio).toBeGreaterThan(0.3);
    expect(ratio).toBeLessThan(0.6);
    // With drift on, part of it is absorbed, and the parts still add up.
    const m = bedDays("service-from-february");
    m.expected.forEach((e, i) => expect(m.spare[i]! + m.drift[i]! + m.unmet[i]! + m.blocking[i]! + m.longerStays[i]! + m.added[i]! + m.unexplained[i]!).toBeCloseTo(e, 6));
  });

  it("20 beds from 1 to 14 February add exactly 20 × 14 bed-days, nothing before or after", () => {
    expect(r.capacityAdded["beds-from-february"]!["acute_bed_days"]).toEqual([280, 280, 280]);
  });

  it("half as many paid home-care hours again from 1 to 14 February add 750 × 0.8 delivered hours a week for two weeks", () => {
    for (const added of r.capacityAdded["care-hours-from-february"]!["homecare_hours"]!) expect(added).toBeCloseTo(750 * 0.8 * 2, 6);
    expect(r.capacityAdded["care-hours-from-february"]!["acute_bed_days"]).toEqual([0, 0, 0]);
  });
});
