import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { validateModelObject, type LoadedModel } from "../src/model/load.js";
import { RELEASE_MEASURES } from "../src/experiment/release-measures.js";

/**
 * Elective backfill in the release accounting. A 20-bed ward whose emergencies all arrive between
 * 07:00 and 08:00 and stay exactly 2 days (so they leave between 07:00 and 08:00), with a booked
 * list far longer than the ward can take: 30 bookings at 08:00 a day, each staying exactly 1 day.
 * Every bed an emergency leaves is idle for under an hour before the list fills it, so when an
 * intervention halves the emergencies, the beds they free go to electives the baseline cancelled:
 * backfill ≈ the expected release, spare ≈ 0.
 */
function model(bookingsPerDay: number, electives = true): LoadedModel {
  const hourOfDayPct = Array.from({ length: 24 }, (_, h) => (h === 7 ? 100 : 0));
  const raw = {
    name: "backfilled-ward",
    segments: { emergency: { arrivals: [{ route: "other", to: "ward", ratePerDay: 8, hourOfDayPct }] } },
    nodes: {
      ward: {
        type: "unit",
        role: "acute",
        servers: 20,
        durationDays: { type: "deterministic", value: 2 },
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
        ...(electives ? { electives: { bookingsPerDay, admitAtHour: 8, losDays: { type: "deterministic", value: 1 }, segment: "emergency" } } : {}),
      },
    },
    run: { days: 120, warmupDays: 20, replications: 3, seed: 5 },
    scenarios: {
      baseline: {},
      halved: { changes: [{ path: "segments.emergency.demandMultiplier", set: 0.5 }] },
    },
  };
  const v = validateModelObject(raw, ".");
  expect(v.issues).toEqual([]);
  return { file: "backfilled-ward.json", dir: ".", raw, model: v.model!, tables: v.tables };
}

async function accounting(loaded: LoadedModel) {
  const r = await runExperiment(planExperiment(loaded, { driftRange: false }), { workers: 1 });
  return r.release["halved"]!["acute_bed_days"]!;
}

describe("elective backfill: freed beds taken by electives the baseline cancelled", () => {
  it("with a list longer than the ward, backfill ≈ the freed beds and spare ≈ 0; Σ components = expected − spare in every replication", async () => {
    const m = await accounting(model(30));
    for (let i = 0; i < m.expected.length; i++) {
      const expected = m.expected[i]!;
      // Half of 8 a day × 2 days × 120 days avoided: about 960 bed-days.
      expect(expected).toBeGreaterThan(800);
      expect(expected).toBeLessThan(1100);
      expect(m.electives[i]! / expected).toBeGreaterThan(0.95);
      expect(Math.abs(m.spare[i]!) / expected).toBeLessThan(0.05);
      const parts = RELEASE_MEASURES.filter((k) => k !== "expected" && k !== "spare").reduce((sum, k) => sum + m[k][i]!, 0);
      expect(parts).toBeCloseTo(expected - m.spare[i]!, 6);
      expect(m.drift[i]).toBe(0);
    }
  });

  it("with no bookings, backfill is exactly 0 and the freed beds are spare", async () => {
    const m = await accounting(model(0));
    expect(m.electives).toEqual([0, 0, 0]);
    for (let i = 0; i < m.expected.length; i++) expect(m.spare[i]! / m.expected[i]!).toBeGreaterThan(0.95);
  });

  it("an empty list changes nothing else: every KPI of a model without the list is the same with it", async () => {
    const plain = await runExperiment(planExperiment(model(0, false), { driftRange: false }), { workers: 1 });
    const empty = await runExperiment(planExperiment(model(0), { driftRange: false }), { workers: 1 });
    for (const scenario of ["baseline", "halved"]) {
      const a = plain.kpis[scenario]!;
      const b = empty.kpis[scenario]!;
      for (const [kpi, values] of Object.entries(a)) expect(b[kpi], `${scenario} ${kpi}`).toEqual(values);
      // and the list's own KPIs are the only new ones
      expect(Object.keys(b).filter((k) => !(k in a))).toEqual(["ward_electives_admitted_per_day", "ward_electives_cancelled_per_day", "ward_electives_cancelled_pct", "ward_electives_lost_per_day", "ward_elective_bed_days"]);
    }
    expect(plain.release["halved"]!["acute_bed_days"]).toEqual(empty.release["halved"]!["acute_bed_days"]);
  });
});
