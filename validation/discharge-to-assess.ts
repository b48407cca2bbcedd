/**
 * Case 6 — the discharge-to-assess queue: 3 referrals a day from acute beds to community beds,
 * community stays exponential with mean 28 days, 86–110 community beds. A referred patient waits
 * for a community bed in the acute bed (blocking after service), so the number of acute beds
 * blocked is the M/M/c queue length Lq, checked against Erlang C and the reference table.
 */
import { mmc } from "../src/analytic/queueing.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compare, compileModelObject, confirmed, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { exponential } from "./models.js";

const CASE = 6;
const SEED = 601;
const REFERRALS_PER_DAY = 3;
const COMMUNITY_LOS_DAYS = 28;
/** Acute stay before the referral, days: any distribution will do (M/G/∞ output is Poisson). */
const ACUTE_LOS_DAYS = 1;

/**
 * validation/reference/erlang_c.csv: beds, utilisation, P(wait), mean queue Lq (acute beds
 * blocked), mean wait Wq in days, as printed.
 */
export const ERLANG_C_TABLE: readonly { beds: number; utilisation: number; pWait: number; lq: number; wqDays: number }[] = [
  { beds: 86, utilisation: 0.977, pWait: 0.759, lq: 31.89, wqDays: 10.63 },
  { beds: 88, utilisation: 0.955, pWait: 0.565, lq: 11.87, wqDays: 3.96 },
  { beds: 90, utilisation: 0.933, pWait: 0.412, lq: 5.77, wqDays: 1.92 },
  { beds: 95, utilisation: 0.884, pWait: 0.169, lq: 1.29, wqDays: 0.43 },
  { beds: 100, utilisation: 0.84, pWait: 0.059, lq: 0.31, wqDays: 0.1 },
  { beds: 110, utilisation: 0.764, pWait: 0.004, lq: 0.01, wqDays: 0.0 },
];

/**
 * Days simulated per configuration over all replications (after warm-up). Near saturation the
 * queue relaxes slowly and its time average varies a lot (86 beds: relaxation time about 2,400
 * days), so run lengths are set per configuration from pilot runs (20 replications each, giving
 * the constant K in Var(mean Lq over T days) ≈ K / T: 6.8·10⁶ at 86 beds, 3.4·10⁵ at 88, 6.6·10⁴
 * at 90, 3.4·10³ at 95, 390 at 100, 3.5 at 110) for a 95% half-width of about 7% of Lq in a full
 * run (20 replications) and about 15–20% in a quick one (8).
 */
export const DAYS_BY_BEDS: Record<number, { full: number; quick: number }> = {
  86: { full: 6_000_000, quick: 1_500_000 },
  88: { full: 2_200_000, quick: 340_000 },
  90: { full: 1_800_000, quick: 280_000 },
  95: { full: 1_900_000, quick: 290_000 },
  100: { full: 3_700_000, quick: 570_000 },
  110: { full: 600_000, quick: 100_000 },
};

/** The discharge-to-assess pathway as a model file. */
export function dischargeToAssessModel(beds: number, days: number, warmupDays: number, replications: number, seed: number): Record<string, unknown> {
  return {
    name: `discharge-to-assess-${beds}-beds`,
    description: `Discharge to assess: ${REFERRALS_PER_DAY} referrals a day from acute beds (unlimited, exponential stay of mean ${ACUTE_LOS_DAYS} day) to ${beds} community beds (exponential stay of mean ${COMMUNITY_LOS_DAYS} days). A referred patient keeps the acute bed until a community bed is free.`,
    run: { days, warmupDays, replications, seed },
    segments: {
      referrals: { description: "Patients who will need a community bed.", arrivals: [{ route: "other", to: "acute", ratePerDay: REFERRALS_PER_DAY }] },
    },
    nodes: {
      acute: {
        type: "unit",
        description: "Acute beds, unlimited: nobody waits to get in, so its output is Poisson.",
        servers: "unlimited",
        durationDays: exponential(ACUTE_LOS_DAYS),
        outcomes: { "*": [{ label: "D2A", pct: 100, to: "community" }] },
      },
      community: {
        type: "unit",
        description: "Community beds; a patient waiting for one stays in its acute bed.",
        servers: beds,
        acceptHeld: "server",
        durationDays: exponential(COMMUNITY_LOS_DAYS),
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
      },
    },
  };
}

export const dischargeToAssessCase: ValidationCase = {
  id: CASE,
  slug: "discharge-to-assess",
  title: "Discharge to assess: patients waiting in acute beds against Erlang C",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const rows: ValidationRow[] = [];
      const family = ERLANG_C_TABLE.length * 3;
      let k = 0;
      const next = (): string => `${CASE}.${String(++k).padStart(2, "0")}`;
      for (const [index, row] of ERLANG_C_TABLE.entries()) {
        const theory = mmc(REFERRALS_PER_DAY, 1 / COMMUNITY_LOS_DAYS, row.beds);
        const agrees =
          Math.abs(theory.utilisation - row.utilisation) <= 0.0005 + 1e-12 &&
          Math.abs(theory.pWait - row.pWait) <= 0.0005 + 1e-12 &&
          Math.abs(theory.meanQueue - row.lq) <= 0.005 + 1e-12 &&
          Math.abs(theory.meanWait - row.wqDays) <= 0.005 + 1e-12;
        const relaxationDays = 1 / ((row.beds / COMMUNITY_LOS_DAYS) * (1 - Math.sqrt(theory.utilisation)) ** 2);
        const warmupDays = Math.max(20 * COMMUNITY_LOS_DAYS, 10 * relaxationDays);
        const total = settings.quick ? DAYS_BY_BEDS[row.beds]!.quick : DAYS_BY_BEDS[row.beds]!.full;
        const seed = SEED + index;
        const model = compileModelObject(dischargeToAssessModel(row.beds, total / settings.reps, warmupDays, settings.reps, seed));
        const what = `${row.beds} community beds (ρ = ${theory.utilisation.toFixed(3)}; ${(total / 1e6).toFixed(2)}M days)`;
        const source = (value: number, digits: number): string =>
          `Erlang C, M/M/${row.beds} (λ = 3/day, μ = 1/28 per day); erlang_c.csv: ${value.toFixed(digits)}${agrees ? " (agrees)" : " (DISAGREES)"}`;
        const precision = settings.quick ? 0.25 : 0.1;
        const judged = (r: ValidationRow): ValidationRow => (agrees ? r : { ...r, verdict: "fail", note: "our Erlang C and the reference table disagree beyond the table's rounding" });
        const ids = [next(), next(), next()] as const;
        const run = (firstReplication: number, reps: number): ReplicationResult[] =>
          runReplications(model, { label: `case 6: discharge to assess, ${row.beds} community beds`, reps, seed, firstReplication });
        rows.push(
          ...confirmed(settings.reps, run, (results) => [
            compare(
              { id: ids[0], checks: `${what}: patients waiting in acute beds (acute \`blocked_mean\`) = Lq`, reference: theory.meanQueue, source: source(row.lq, 2), command: commandFor(CASE), digits: 3 },
              results.map((r) => r.kpis.acute_blocked_mean!),
              { family, maxRelativeHalfWidth: precision, precisionFloor: 0.02 },
            ),
            compare(
              { id: ids[1], checks: `${what}: P(wait for a community bed)`, reference: theory.pWait, source: source(row.pWait, 3), command: commandFor(CASE), digits: 4 },
              results.map((r) => r.kpis.community_wait_pct! / 100),
              { family, maxRelativeHalfWidth: precision, precisionFloor: 0.002 },
            ),
            compare(
              { id: ids[2], checks: `${what}: mean wait in the acute bed Wq, days`, reference: theory.meanWait, source: source(row.wqDays, 2), command: commandFor(CASE), digits: 3 },
              results.map((r) => r.kpis.community_wait_mean_hours! / 24),
              { family, maxRelativeHalfWidth: precision, precisionFloor: 0.01 },
            ),
          ]).map(judged),
        );
      }
      return {
        rows,
        notes: [
          `Two generic units: \`acute\` with unlimited beds and an exponential stay of mean ${ACUTE_LOS_DAYS} day (its output to the community is Poisson, 3 a day, whatever that stay), then \`community\` with N beds, \`acceptHeld: "server"\` and exponential stays of mean 28 days. A patient whose community bed is not free keeps the acute bed: the acute unit's \`acute_blocked_mean\` is the number of acute beds blocked, which is Erlang C's Lq; P(wait) is \`community_wait_pct\` / 100 and Wq is \`community_wait_mean_hours\` / 24. Erlang C is computed by src/analytic/queueing.ts and checked against validation/reference/erlang_c.csv to its printed precision. Seeds ${SEED}–${SEED + ERLANG_C_TABLE.length - 1}, one per bed count.`,
          "Near saturation the queue relaxes slowly (86 beds, ρ = 0.977: relaxation time 1/(cμ(1 − √ρ)²) ≈ 2,400 days) and its time average varies a lot, so each configuration's run length (in the case's table) grows with the load; the warm-up is 10 relaxation times, at least 560 days. Where Lq, P(wait) or Wq are tiny (110 beds: Lq = 0.013) the precision guard uses an absolute floor (0.02 patients, 0.002, 0.01 days).",
        ],
      };
    });
  },
};
