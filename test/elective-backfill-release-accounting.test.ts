import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import type { LoadedModel } from "../src/model/load.js";
import { backfilledWard, loaded, plannedWard } from "../validation/electives.js";
import { RELEASE_MEASURES } from "../src/experiment/release-measures.js";

/**
 * Elective backfill in the release accounting. A 20-bed ward whose emergencies all arrive between
 * 07:00 and 08:00 and stay exactly 2 days (so they leave between 07:00 and 08:00), with a booked
 * list far longer than the ward can take: 30 bookings at 08:00 a day, each staying exactly 1 day.
 * Every bed an emergency leaves is idle for under an hour before the list fills it, so when an
 * intervention halves the emergencies, the beds they free go to electives the baseline cancelled:
 * backfill ≈ the expected release, spare ≈ 0.
 */

/** The ward of validation case 17, 120 days after 20 days' warm-up, 3 replications. */
function model(bookingsPerDay: number, list = true): LoadedModel {
  const raw = backfilledWard(bookingsPerDay, 120, list);
  (raw["run"] as { replications: number }).replications = 3;
  return loaded(raw);
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

  it("held at the baseline's fates, by hand: one more bed on the 3-bed planned ward is taken by electives, 250 bed-days exactly", async () => {
    // Baseline (3 beds): admitted 2, 1, 0 every three days, 2.5 beds in use. With 4 beds: 2, 2, 0,
    // 10/3 beds in use. Held at the baseline's fates the same 3 bookings in 3 days are admitted
    // (each finds a bed), 2.5 in use: so backfill = (10/3 − 2.5) × 300 days = 250 bed-days, all of
    // the rise in use, and the bed added is otherwise idle (300 − 250 = 50).
    const raw = { ...plannedWard({}), scenarios: { baseline: {}, "four-beds": { changes: [{ path: "nodes.ward.servers", set: 4 }] } } };
    const r = await runExperiment(planExperiment(loaded(raw), { driftRange: false }), { workers: 1 });
    const m = r.release["four-beds"]!["acute_bed_days"]!;
    expect(m.electives[0]).toBeCloseTo(250, 6);
    expect(m.spare[0]).toBeCloseTo(-250, 6);
    expect(m.expected).toEqual([0]);
    expect(m.unexplained[0]).toBeCloseTo(0, 6);
    expect(r.capacityAdded["four-beds"]!["acute_bed_days"]![0]).toBeCloseTo(300, 9);
  });

  it("the same for any worker count: one worker and two give the same KPIs and accounting", async () => {
    const one = await runExperiment(planExperiment(model(30), { driftRange: false }), { workers: 1 });
    const two = await runExperiment(planExperiment(model(30), { driftRange: false }), { workers: 2 });
    expect(two.kpis).toEqual(one.kpis);
    expect(two.release).toEqual(one.release);
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
