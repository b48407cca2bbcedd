/**
 * Case 2 — Erlang B (M/G/c/c, beds with no queue): the probability an arrival finds no bed, for
 * pools of 25, 100 and 200 beds at 85–95% occupancy, with exponential and with lognormal stays
 * (the loss formula is insensitive to the length-of-stay distribution).
 */
import { erlangB, offeredLoadForOccupancy } from "../src/analytic/queueing.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compare, compileModelObject, confirmed, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { exponential, lognormal, stationModel } from "./models.js";

const CASE = 2;
const SEED = 201;

/** Mean length of stay, days. */
const LOS_DAYS = 5;
/** Lognormal stays: coefficient of variation 1.5 (sd 7.5 days), long-tailed like real lengths of stay. */
const LOGNORMAL_SD_DAYS = 7.5;

/**
 * erlang_occupancy.csv (validation/reference/): beds, mean occupancy,
 * offered load, P(arrival finds no bed). The rows used here; the file's values as printed.
 */
export const ERLANG_OCCUPANCY_TABLE: readonly { beds: number; occupancy: number; offeredLoad: number; pNoBed: number }[] = [
  { beds: 25, occupancy: 0.85, offeredLoad: 24.6, pNoBed: 0.1347 },
  { beds: 25, occupancy: 0.9, offeredLoad: 29.2, pNoBed: 0.2305 },
  { beds: 25, occupancy: 0.92, offeredLoad: 32.4, pNoBed: 0.289 },
  { beds: 25, occupancy: 0.95, offeredLoad: 40.9, pNoBed: 0.419 },
  { beds: 100, occupancy: 0.85, offeredLoad: 86.3, pNoBed: 0.0152 },
  { beds: 100, occupancy: 0.9, offeredLoad: 94.3, pNoBed: 0.0452 },
  { beds: 100, occupancy: 0.92, offeredLoad: 98.8, pNoBed: 0.069 },
  { beds: 100, occupancy: 0.95, offeredLoad: 109.9, pNoBed: 0.1352 },
  { beds: 200, occupancy: 0.85, offeredLoad: 170.4, pNoBed: 0.0025 },
  { beds: 200, occupancy: 0.9, offeredLoad: 182.5, pNoBed: 0.0138 },
  { beds: 200, occupancy: 0.92, offeredLoad: 188.8, pNoBed: 0.0253 },
  { beds: 200, occupancy: 0.95, offeredLoad: 202.6, pNoBed: 0.0622 },
];

/**
 * Arrivals simulated per configuration over all replications (after warm-up): a base number, or
 * more where turn-aways are rare, so that about `minTurnedAway` arrivals are turned away.
 */
export const ARRIVALS = { full: { base: 2_000_000, minTurnedAway: 20_000 }, quick: { base: 400_000, minTurnedAway: 5_000 } } as const;
/** Warm-up: 20 mean stays (the lognormal's long tail takes a while to fill). */
const WARMUP_DAYS = 20 * LOS_DAYS;

const STAYS = [
  { label: "exponential", durationDays: exponential(LOS_DAYS) },
  { label: "lognormal (CV 1.5)", durationDays: lognormal(LOS_DAYS, LOGNORMAL_SD_DAYS) },
] as const;

export const erlangBCase: ValidationCase = {
  id: CASE,
  slug: "erlang-b",
  title: "Erlang B (M/G/c/c): probability an arrival finds no bed",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const rows: ValidationRow[] = [];
      const family = ERLANG_OCCUPANCY_TABLE.length * STAYS.length;
      let k = 0;
      for (const [index, row] of ERLANG_OCCUPANCY_TABLE.entries()) {
        const load = offeredLoadForOccupancy(row.beds, row.occupancy);
        const pNoBed = erlangB(row.beds, load);
        // Our Erlang B against the table, to the table's printed precision.
        const tableAgrees = Math.abs(load - row.offeredLoad) <= 0.05 + 1e-9 && Math.abs(pNoBed - row.pNoBed) <= 0.00005 + 1e-12;
        const arrivalsPerDay = load / LOS_DAYS;
        const budget = settings.quick ? ARRIVALS.quick : ARRIVALS.full;
        const arrivals = Math.max(budget.base, Math.ceil(budget.minTurnedAway / pNoBed / 1e5) * 1e5);
        const daysPerRep = arrivals / settings.reps / arrivalsPerDay;
        for (const [s, stay] of STAYS.entries()) {
          const seed = SEED + 2 * index + s;
          const name = `erlang-b-${row.beds}-beds-${Math.round(row.occupancy * 100)}pct-${s === 0 ? "exp" : "lognormal"}`;
          const model = compileModelObject(
            stationModel({
              name,
              description: `${row.beds} beds, no waiting room (an arrival finding every bed full is turned away), Poisson arrivals ${arrivalsPerDay.toFixed(3)}/day, ${stay.label} stays of mean ${LOS_DAYS} days: offered load ${load.toFixed(2)}, mean occupancy ${row.occupancy}.`,
              servers: row.beds,
              waitingRoom: 0,
              arrivalsPerHour: arrivalsPerDay / 24,
              duration: { durationDays: stay.durationDays },
              days: daysPerRep,
              warmupDays: WARMUP_DAYS,
              replications: settings.reps,
              seed,
            }),
          );
          const id = `${CASE}.${String(++k).padStart(2, "0")}`;
          const run = (firstReplication: number, reps: number): ReplicationResult[] =>
            runReplications(model, { label: `case 2: ${row.beds} beds at ${row.occupancy}, ${stay.label} stays`, reps, seed, firstReplication });
          rows.push(
            ...confirmed(settings.reps, run, (results) => [
              compare(
                {
                  id,
                  checks: `${row.beds} beds at ${Math.round(row.occupancy * 100)}% occupancy (offered load ${load.toFixed(2)}), ${stay.label} stays; ${(arrivals / 1e6).toFixed(2)}M arrivals: P(arrival finds no bed)`,
                  reference: pNoBed,
                  source: `Erlang B(${row.beds}, ${load.toFixed(2)}); erlang_occupancy.csv: ${row.pNoBed} at load ${row.offeredLoad}${tableAgrees ? " (agrees)" : " (DISAGREES)"}`,
                  command: commandFor(CASE),
                  digits: 4,
                  ...(tableAgrees ? {} : { note: "our Erlang B and the reference table disagree beyond the table's rounding" }),
                },
                results.map((r) => r.kpis.station_refused_pct! / 100),
                { family, maxRelativeHalfWidth: settings.quick ? 0.25 : 0.1 },
              ),
            ]),
          );
          if (!tableAgrees) rows[rows.length - 1] = { ...rows[rows.length - 1]!, verdict: "fail" };
        }
      }
      return {
        rows,
        notes: [
          `Each pool is a generic unit with \`servers\` = beds and \`waitingRoom: 0\` (a loss system: \`station_refused_pct\` is the share turned away), Poisson arrivals and a mean stay of ${LOS_DAYS} days, either exponential or lognormal with sd ${LOGNORMAL_SD_DAYS} days (coefficient of variation 1.5). ` +
            `The offered load for each occupancy is solved from a·(1 − B(c, a)) = occupancy·c (\`offeredLoadForOccupancy\`) and checked against validation/reference/erlang_occupancy.csv to its printed precision (load ±0.05, probability ±0.00005).`,
          `Arrivals per configuration after a ${WARMUP_DAYS}-day warm-up: ${ARRIVALS.full.base.toLocaleString("en-GB")} (full) or ${ARRIVALS.quick.base.toLocaleString("en-GB")} (quick), or enough for ${ARRIVALS.full.minTurnedAway.toLocaleString("en-GB")} (full) or ${ARRIVALS.quick.minTurnedAway.toLocaleString("en-GB")} (quick) to be turned away where that is more, split evenly over the replications. The exponential and lognormal rows of a pool share the reference: agreement of both is the insensitivity property. Seeds ${SEED}–${SEED + 2 * ERLANG_OCCUPANCY_TABLE.length - 1}, one per configuration.`,
        ],
      };
    });
  },
};
