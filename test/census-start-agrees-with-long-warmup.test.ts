import { describe, expect, it } from "vitest";
import { confidenceInterval, studentTQuantile } from "../src/experiment/statistics.js";
import { compileModel } from "../src/model/compile.js";
import { validateModelObject } from "../src/model/load.js";
import { runReplication, takeCensus } from "../src/pathway/run.js";
import type { CensusRow } from "../src/types.js";
import { FIXTURES, system } from "./helpers/model-fixtures.js";

/**
 * The quick version of validation case 16 on a small whole system (ambulance, ED, acute and
 * community beds, home care with a waiting list, placements): replications started from a census
 * taken at the end of a long warm-up, with a short warm-up of their own, give the same KPIs as
 * replications with the long warm-up — each difference of means within its 95% interval (Welch,
 * Bonferroni over the KPIs). And the test could fail: the same short warm-up from an empty start
 * is visibly off on the slow home-care caseload.
 */

const LONG_WARMUP = 250;
const SHORT_WARMUP = 14;
const DAYS = 60;
const REPS = 8;
const KPIS = ["ga_occupancy_pct", "nctr_pct_of_beds", "community_occupancy_pct", "homecare_utilisation_pct", "homecare_waiting_mean_people", "ed_4h_pct", "admissions_per_day"];

function model() {
  const raw = system();
  // Pressured but not gridlocked (the fixture as written fills without limit: long-term packages of
  // a year on a small care budget): enough beds and care hours, a home-care list that comes and goes.
  raw.nodes.acute.servers = 130;
  raw.nodes.homecare.paidHoursPerWeek = 5400;
  raw.nodes.homecare.longTermWeeks = { type: "exponential", mean: 12 };
  raw.segments.adults.arrivals.push({ route: "referral", to: "homecare", ratePerDay: 1 });
  const v = validateModelObject(raw, FIXTURES);
  expect(v.issues).toEqual([]);
  return compileModel(v.model!, v.tables);
}

function kpis(warmupDays: number, census: readonly CensusRow[] | undefined, firstRep: number): Record<string, number[]> {
  const compiled = model();
  const out: Record<string, number[]> = Object.fromEntries(KPIS.map((k) => [k, []]));
  for (let r = firstRep; r < firstRep + REPS; r++) {
    const result = runReplication(compiled, { seed: 11, replication: r, days: DAYS, warmupDays, census });
    for (const k of KPIS) out[k]!.push(result.kpis[k] as number);
  }
  return out;
}

/** |mean a − mean b| over its Welch t half-width at the Bonferroni level for the family (≤ 1: agrees). */
function disagreement(a: readonly number[], b: readonly number[], family: number): number {
  if (Math.max(...a, ...b) === Math.min(...a, ...b)) return 0; // the same constant in every replication
  const sa = confidenceInterval(a, 0.95);
  const sb = confidenceInterval(b, 0.95);
  const va = (sa.sd ?? 0) ** 2 / a.length;
  const vb = (sb.sd ?? 0) ** 2 / b.length;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = studentTQuantile(1 - 0.05 / family / 2, Math.max(1, Math.floor(df)));
  const half = t * Math.sqrt(va + vb);
  return Math.abs(sa.mean - sb.mean) / Math.max(half, 1e-12);
}

describe("a census start with a short warm-up agrees with the long warm-up", () => {
  const long = kpis(LONG_WARMUP, undefined, 0);
  // The census: replication 100 (not one of the compared ones) at the end of the long warm-up.
  const census = takeCensus(model(), { seed: 11, replication: 100, days: 0, warmupDays: LONG_WARMUP }).rows;
  const warm = kpis(SHORT_WARMUP, census, 0);

  it("the system is pressured but not gridlocked (otherwise agreement would be trivial)", () => {
    const occupancy = confidenceInterval(long["ga_occupancy_pct"]!).mean;
    expect(occupancy).toBeGreaterThan(70);
    expect(occupancy).toBeLessThan(99);
    expect(confidenceInterval(long["homecare_waiting_mean_people"]!).mean).toBeGreaterThan(0.05);
  });

  for (const k of KPIS) {
    it(`${k}: census + ${SHORT_WARMUP} days within the 95% interval of the ${LONG_WARMUP}-day start`, () => {
      expect(long[k]!.every(Number.isFinite) && warm[k]!.every(Number.isFinite)).toBe(true);
      expect(disagreement(warm[k]!, long[k]!, KPIS.length)).toBeLessThanOrEqual(1);
    });
  }

  it(`an empty start with the same ${SHORT_WARMUP}-day warm-up is off on the home-care caseload (so the check has power)`, () => {
    const empty = kpis(SHORT_WARMUP, undefined, 0);
    expect(disagreement(empty["homecare_utilisation_pct"]!, long["homecare_utilisation_pct"]!, KPIS.length)).toBeGreaterThan(1);
  });
});
