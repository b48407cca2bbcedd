import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runExperiment } from "../src/experiment/experiment.js";
import { segmentTable } from "../src/experiment/group-tables.js";
import { planExperiment } from "../src/experiment/plan.js";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { resolveScenario } from "../src/model/scenario.js";
import { runReplication } from "../src/pathway/run.js";
import { GROUP_MEASURES } from "../src/pathway/groups.js";
import { RESOURCES } from "../src/pathway/ledger.js";
import type { LoadedModel, ReplicationResult, SegmentCounts } from "../src/types.js";

// segments.csv: results by patient group (segment × route of arrival). A scenario that cuts one
// segment's demand by 30% must show it there, and only there; and the groups' use must add up to
// the system's own totals, replication by replication.

/** Sum over groups (route rows) of one measure, per day. */
function total(s: SegmentCounts, measure: string): number {
  const m = s.measures.indexOf(measure);
  let sum = 0;
  for (let g = 0; g < s.groups.length; g++) sum += s.perDay[g * s.measures.length + m]!;
  return sum;
}

/** The default ICS with one more scenario. */
function withScenario(name: string, changes: { path: string; set: unknown }[]): LoadedModel {
  const raw = JSON.parse(readFileSync("models/ics-default.json", "utf8"));
  raw.scenarios[name] = { description: "test", changes };
  const v = validateModelObject(raw, "models");
  expect(v.issues).toEqual([]);
  return { file: "ics-default.json", dir: "models", raw, model: v.model!, tables: v.tables };
}

const close = (a: number, b: number, rel = 1e-9) => expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

describe("segments.csv: results by patient group", () => {
  it("a scenario cutting adults' demand by 30% shows about −30% adult arrivals, none elsewhere, and fewer adult admissions", async () => {
    const plan = planExperiment(withScenario("adults-minus-30", [{ path: "segments.adults.demandMultiplier", set: 0.7 }]), { scenarios: ["adults-minus-30"], baseline: "baseline", replications: 4, days: 40, warmupDays: 20 });
    const result = await runExperiment(plan, { workers: 2 });
    const rows = segmentTable(result);
    const row = (segment: string, route: string, measure: string, type: string) => rows.find((r) => r.scenario === "adults-minus-30" && r.segment === segment && r.route === route && r.measure === measure && r.value_type === type);

    const adults = row("adults", "all", "arrivals", "relative_difference_pct")!;
    expect(adults.mean!).toBeGreaterThan(-32);
    expect(adults.mean!).toBeLessThan(-28);
    expect(adults.ci_low!).toBeLessThan(-30 + 1.5);
    expect(adults.ci_high!).toBeGreaterThan(-30 - 1.5);
    for (const route of ["999", "walk-in", "referral"]) expect(row("adults", route, "arrivals", "relative_difference_pct")!.mean!, route).toBeLessThan(-25);
    const segments = [...new Set(rows.map((r) => r.segment))];
    expect(segments.length).toBeGreaterThan(2);
    for (const segment of segments.filter((s) => s !== "adults")) {
      const d = row(segment, "all", "arrivals", "difference")!;
      expect(d.ci_low!, segment).toBeLessThanOrEqual(0);
      expect(d.ci_high!, segment).toBeGreaterThanOrEqual(0);
    }
    const admissions = row("adults", "all", "admissions", "difference")!;
    expect(admissions.mean!).toBeLessThan(0);
    expect(admissions.ci_high!).toBeLessThan(0);
    // levels agree with the differences: scenario level − baseline level = mean difference
    const level = (scenario: string) => rows.find((r) => r.scenario === scenario && r.segment === "adults" && r.route === "all" && r.measure === "admissions" && r.value_type === "level")!.mean!;
    close(level("adults-minus-30") - level("baseline"), admissions.mean!, 1e-9);

    // Every replication: the groups add up to the system's KPIs.
    for (const scenario of result.scenarios) {
      const kpis = result.kpis[scenario]!;
      result.segments[scenario]!.forEach((s, r) => {
        close(total(s, "acute_bed_days"), kpis["acute_busy_mean"]![r]!);
        close(total(s, "community_bed_days"), kpis["community_busy_mean"]![r]!);
        close(total(s, "ed_attendances"), kpis["ed_attendances_per_day"]![r]!);
        close(total(s, "admissions"), kpis["admissions_per_day"]![r]!);
      });
    }
  }, 120_000);

  it("bed-days and home-care hours by group equal the per-patient ledger's totals; arrivals equal those generated and not avoided", () => {
    const resolved = resolveScenario(withScenario("cut", [{ path: "segments.care-home.demandMultiplier", set: 0.5 }]), "cut");
    // No warm-up: every arrival is in the results period, so arrivals are generated − avoided.
    const r: ReplicationResult = runReplication(compileModel(resolved.model, resolved.tables), { replication: 1, seed: 7, days: 20, warmupDays: 0, ledger: true });
    const ledger = r.ledger!;
    const days = 20;
    const sums = RESOURCES.map((_, k) => Array.from(ledger.usage[k]!).reduce((a, x) => a + x, 0) / days);
    close(total(r.segments, "acute_bed_days"), sums[RESOURCES.indexOf("acute_bed_days")]!, 1e-5);
    close(total(r.segments, "community_bed_days"), sums[RESOURCES.indexOf("community_bed_days")]!, 1e-5);
    close(total(r.segments, "homecare_hours"), sums[RESOURCES.indexOf("homecare_hours")]!, 1e-5);
    expect(total(r.segments, "homecare_hours")).toBeGreaterThan(0);
    close(total(r.segments, "arrivals") * days, r.conservation.generated - r.conservation.avoided, 1e-12);
    expect(r.segments.measures).toEqual(GROUP_MEASURES.map((m) => m.name));
    // the default ICS conveys 999 patients to the ED
    expect(total(r.segments, "conveyances")).toBeGreaterThan(0);
  });
});
