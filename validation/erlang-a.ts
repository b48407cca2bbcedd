/**
 * Case 11 — Erlang-A (M/M/c+M): Poisson arrivals, c exponential servers and exponential patience
 * (reneging from the line). The share who abandon, the mean wait of those served and of those who
 * abandon, against the exact birth–death solution (src/analytic/networks.ts erlangA).
 */
import { erlangA } from "../src/analytic/networks.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compare, compileModelObject, confirmed, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { days, exponential, stationModel } from "./models.js";

const CASE = 11;
const SEED = 1001;

/** Servers, arrivals per hour, mean service 1/μ hours, mean patience 1/θ hours. */
export const ERLANG_A_CONFIGS = [
  { servers: 1, lambda: 1, mu: 1, theta: 0.5 },
  { servers: 10, lambda: 10, mu: 1, theta: 0.2 },
  { servers: 50, lambda: 55, mu: 1, theta: 1 },
] as const;

const CUSTOMERS = { full: 4_000_000, quick: 400_000 } as const;

export const erlangACase: ValidationCase = {
  id: CASE,
  slug: "erlang-a",
  title: "Erlang-A (M/M/c+M): abandonment and the waits of those served and of those who leave",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const rows: ValidationRow[] = [];
      const family = ERLANG_A_CONFIGS.length * 3;
      let k = 0;
      const id = (): string => `${CASE}.${String(++k).padStart(2, "0")}`;
      for (const [index, c] of ERLANG_A_CONFIGS.entries()) {
        const seed = SEED + index;
        const theory = erlangA(c.lambda, c.mu, c.servers, c.theta);
        const customers = settings.quick ? CUSTOMERS.quick : CUSTOMERS.full;
        const hoursPerRep = customers / settings.reps / c.lambda;
        const base = stationModel({
          name: `erlang-a-c${c.servers}`,
          description: `M/M/${c.servers}+M: Poisson arrivals at ${c.lambda} per hour, exponential service of mean ${1 / c.mu} hours, exponential patience of mean ${1 / c.theta} hours; those whose patience runs out leave.`,
          servers: c.servers,
          arrivalsPerHour: c.lambda,
          duration: { durationHours: exponential(1 / c.mu) },
          days: days(hoursPerRep),
          warmupDays: days(200),
          replications: settings.reps,
          seed,
        });
        const station = (base["nodes"] as Record<string, Record<string, unknown>>)["station"]!;
        station["patience"] = { durationHours: exponential(1 / c.theta), to: "exit" };
        const model = compileModelObject(base);
        const what = `M/M/${c.servers}+M (λ = ${c.lambda}/h, μ = ${c.mu}/h, θ = ${c.theta}/h; ${(customers / 1e6).toFixed(1)}M customers)`;
        const source = "Erlang-A by its birth–death chain and each arrival's fate by position in line (src/analytic/networks.ts erlangA)";
        const ids = [id(), id(), id()] as const;
        const run = (first: number, reps: number): ReplicationResult[] => runReplications(model, { label: `case 11: ${what}`, reps, seed, firstReplication: first });
        rows.push(
          ...confirmed(settings.reps, run, (results) => [
            compare(
              { id: ids[0], checks: `${what}: share who abandon, % (station \`reneged_pct\`)`, reference: 100 * theory.pAbandon, source, command: commandFor(CASE), digits: 3 },
              results.map((r) => r.kpis.station_reneged_pct!),
              { family, maxRelativeHalfWidth: 0.1 },
            ),
            compare(
              { id: ids[1], checks: `${what}: mean wait of those served, hours (station \`wait_mean_hours\`)`, reference: theory.meanWaitServed, source, command: commandFor(CASE), digits: 4 },
              results.map((r) => r.kpis.station_wait_mean_hours!),
              { family, maxRelativeHalfWidth: 0.1 },
            ),
            compare(
              { id: ids[2], checks: `${what}: mean wait of those who abandon, hours (station \`reneged_wait_mean_hours\`)`, reference: theory.meanWaitAbandoned, source, command: commandFor(CASE), digits: 4 },
              results.map((r) => r.kpis.station_reneged_wait_mean_hours!),
              { family, maxRelativeHalfWidth: 0.1 },
            ),
          ]),
        );
      }
      return {
        rows,
        notes: [
          'Each configuration is one generic unit with `servers` c, an unlimited FIFO waiting room, exponential `durationHours` and `patience: { "durationHours": exponential(1/θ), "to": "exit" }`, validated and compiled like a model file. The share who abandon is `reneged_pct` (those who left the line over those whose wait ended, served or not); the waits are `wait_mean_hours` (those served, zero waits included) and `reneged_wait_mean_hours`.',
          `Theory: p_n of the birth–death chain (death rate min(n, c)μ + max(n − c, 0)θ), and for an arrival finding k − 1 ahead in line the chance and time of reaching a server (it moves up at rate cμ + (k − 1)θ and leaves at rate θ). Checked in the tests against θE[Q]/λ and Little's law. Warm-up 200 hours; seeds ${SEED}–${SEED + ERLANG_A_CONFIGS.length - 1}.`,
        ],
      };
    });
  },
};
