/**
 * Case 1 — Erlang C (M/M/c): mean wait in queue Wq and the probability of waiting, at loads
 * ρ = 0.5, 0.8, 0.9, 0.95 and 1, 10 and 50 servers, against the closed form.
 */
import { mmc } from "../src/analytic/queueing.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compare, compileModelObject, confirmed, info, runReplications, timed, type CompareOptions, type RowBase, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { days, exponential, stationModel } from "./models.js";

const CASE = 1;
const SEED = 101;

/** Servers × load; μ = 1 per hour (mean service 1 hour), λ = ρ·c per hour. */
export const ERLANG_C_CONFIGS = [1, 10, 50].flatMap((servers) => [0.5, 0.8, 0.9, 0.95].map((rho) => ({ servers, rho })));

/**
 * Customers simulated per configuration, over all replications (after warm-up): enough for the
 * heaviest loads to give a tight interval, and in a full run at least enough for 500 customers to
 * wait (50 servers at ρ = 0.5, where P(wait) = 7.2·10⁻⁶, needs about 70 million). The warm-up is
 * 20 relaxation times, τ = 1 / (cμ(1 − √ρ)²).
 */
export const CUSTOMERS = { full: 8_000_000, quick: 1_000_000 } as const;
const MIN_WAITING = { full: 500, quick: 0 } as const;
/** Below this many expected waiting customers a wait statistic is too rare to test: reported, not judged. */
const TESTABLE_WAITING = 200;

export const erlangCCase: ValidationCase = {
  id: CASE,
  slug: "erlang-c",
  title: "Erlang C (M/M/c): mean wait and P(wait)",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const rows: ValidationRow[] = [];
      const family = ERLANG_C_CONFIGS.length * 2;
      let k = 0;
      for (const [index, { servers, rho }] of ERLANG_C_CONFIGS.entries()) {
        const seed = SEED + index;
        const lambda = rho * servers;
        const theory = mmc(lambda, 1, servers);
        const relaxation = 1 / (servers * (1 - Math.sqrt(rho)) ** 2);
        const mode = settings.quick ? "quick" : "full";
        const customers = Math.max(CUSTOMERS[mode], Math.ceil(MIN_WAITING[mode] / theory.pWait / 1e6) * 1e6);
        const expectedWaiting = customers * theory.pWait;
        const hoursPerRep = customers / settings.reps / lambda;
        const warmupHours = Math.max(100, 20 * relaxation);
        const name = `erlang-c-c${servers}-rho${Math.round(rho * 100)}`;
        const model = compileModelObject(
          stationModel({
            name,
            description: `M/M/${servers}: Poisson arrivals at ${lambda} per hour, exponential service of mean 1 hour, unlimited FIFO waiting room (ρ = ${rho}).`,
            servers,
            arrivalsPerHour: lambda,
            duration: { durationHours: exponential(1) },
            days: days(hoursPerRep),
            warmupDays: days(warmupHours),
            replications: settings.reps,
            seed,
          }),
        );
        const what = `M/M/${servers}, ρ = ${rho} (λ = ${lambda}/h, μ = 1/h; ${(customers / 1e6).toFixed(1)}M customers)`;
        const quickPrecision = settings.quick ? 0.25 : 0.1;
        const judge = expectedWaiting >= TESTABLE_WAITING ? compare : tooRare(expectedWaiting);
        const ids = [rowId(++k), rowId(++k)] as const;
        const run = (firstReplication: number, reps: number): ReplicationResult[] =>
          runReplications(model, { label: `case 1: M/M/${servers}, ρ = ${rho}`, reps, seed, firstReplication });
        rows.push(
          ...confirmed(settings.reps, run, (results) => [
            judge(
              {
                id: ids[0],
                checks: `${what}: mean wait in queue Wq, hours`,
                reference: theory.meanWait,
                source: "Erlang C: Wq = C(c, a) / (cμ − λ) (src/analytic/queueing.ts mmc)",
                command: commandFor(CASE),
                digits: 4,
              },
              results.map((r) => r.kpis.station_wait_mean_hours!),
              { family, maxRelativeHalfWidth: quickPrecision, precisionFloor: 0.001 },
            ),
            judge(
              {
                id: ids[1],
                checks: `${what}: P(wait)`,
                reference: theory.pWait,
                source: "Erlang C: C(c, a) = B / (1 − ρ + ρB)",
                command: commandFor(CASE),
                digits: 4,
              },
              results.map((r) => r.kpis.station_wait_pct! / 100),
              { family, maxRelativeHalfWidth: quickPrecision, precisionFloor: 0.001 },
            ),
          ]),
        );
      }
      return {
        rows,
        notes: [
          "Each configuration is one model object (a generic unit with `servers` c, an unlimited FIFO waiting room and exponential `durationHours` of mean 1), validated by `validateModelObject` and run by `compileModel` + `runReplication`. " +
            `Customers per configuration after warm-up: ${CUSTOMERS.full.toLocaleString("en-GB")} (full) or ${CUSTOMERS.quick.toLocaleString("en-GB")} (quick), split evenly over the replications; warm-up 20 relaxation times 1/(cμ(1 − √ρ)²), at least 100 hours.`,
          `Simulated Wq is the unit's \`station_wait_mean_hours\` (waits of customers starting service in the results period); P(wait) is \`station_wait_pct\` / 100. Seeds ${SEED}–${SEED + ERLANG_C_CONFIGS.length - 1}, one per configuration, replications 0 … n − 1. With 50 servers at ρ = 0.5 almost nobody waits (P(wait) = 7.2·10⁻⁶): a full run simulates enough customers for about 500 of them to wait; a quick run (the tests) reports those two rows without a verdict, since a t-interval over a handful of waits is not evidence either way.`,
        ],
      };
    });
  },
};

/** A row reported without a verdict: too few customers are expected to wait for a t-interval to mean anything. */
function tooRare(expectedWaiting: number): (base: RowBase, values: readonly number[], options: CompareOptions) => ValidationRow {
  return (base, values) =>
    info(
      { ...base, note: `only ${expectedWaiting.toFixed(0)} customers expected to wait at this run length; tested in full runs` },
      values,
      `not judged: fewer than ${TESTABLE_WAITING} waiting customers expected`,
    );
}

function rowId(k: number): string {
  return `${CASE}.${String(k).padStart(2, "0")}`;
}
