/**
 * Case 14 — a multi-station treatment centre with time-varying arrivals: the urgent care centre of
 * Nelson (2013, exercise 13) as implemented by Monks & Harper in treat-sim (STARS project), written
 * the obvious way as a pathflow model. Patients arrive from 06:00 by a non-stationary Poisson
 * profile, all are triaged; trauma patients (12%) are stabilised then treated, the others are
 * registered, examined, and 60% of them treated. One 19-hour day from empty. The mean wait at each
 * station against the published results.
 */
import type { ReplicationResult } from "../src/pathway/run.js";
import { commandFor, compare, compileModelObject, info, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { exponential, lognormal, type DistributionJson } from "./models.js";

const CASE = 14;
const SEED = 1301;

/** Arrivals per hour from 06:00 (treat_sim/data/ed_arrivals_scenario1.csv, "Nelson arrivals"). */
export const NELSON_ARRIVALS_PER_HOUR = [
  1.36666666666667, 1.8, 7.83333333333333, 9.4333333333333, 13.8, 25.2666666666667, 30.4, 17.0666666666667, 17.4666666666667, 13.0333333333333, 12.6, 30.8666666666667, 19.0333333333333,
  12.5, 6.3, 4.06666666666667, 2.2, 2.1,
];

/**
 * Published mean waits, minutes, base scenario: Monks, Harper & Mustafee's STARS paper on sharing
 * reusable simulations, table "Simulation results that can be verified by our example reproducible
 * pipeline" (treat-sim, default parameters).
 */
export const PUBLISHED_WAITS_MIN = {
  triage: 32.56,
  registration: 104.69,
  examination: 23.36,
  "nt-treatment": 130.73,
  stabilisation: 166.98,
  "trauma-treatment": 14.39,
} as const;

type Station = keyof typeof PUBLISHED_WAITS_MIN;

const normal = (mean: number, sd: number): DistributionJson => ({ type: "normal", mean, sd });

/** The treatment centre as a model file. `acceptHeld` is left to the default unless given (the old default, for the contrast row). */
export function treatmentCentreModel(replications: number, acceptHeld?: "server" | "queue"): Record<string, unknown> {
  const total = NELSON_ARRIVALS_PER_HOUR.reduce((a, b) => a + b, 0);
  // Hours 06–23 from the profile; treat-sim's run lasts 19 hours and takes its 19th hour (00–01)
  // from the profile's first row again (t // 60 mod 18), so hour 0 does too; hours 1–5 are never reached.
  const byHour = new Array<number>(24).fill(0);
  NELSON_ARRIVALS_PER_HOUR.forEach((r, i) => (byHour[6 + i] = r));
  byHour[0] = NELSON_ARRIVALS_PER_HOUR[0]!;
  const perDay = byHour.reduce((a, b) => a + b, 0);
  const hourOfDayPct = byHour.map((r) => (100 * r) / perDay);
  const unit = (description: string, servers: number, durationMin: DistributionJson, outcomes: Record<string, unknown>): Record<string, unknown> => ({
    type: "unit",
    description,
    servers,
    durationMin,
    ...(acceptHeld !== undefined ? { acceptHeld } : {}),
    outcomes,
  });
  const arrivals = (pct: number) => [{ route: "walk-in", to: "triage", ratePerDay: (perDay * pct) / 100, hourOfDayPct }];
  void total;
  return {
    name: "treatment-centre",
    description: "Urgent care centre (Nelson 2013 ex. 13; treat-sim): triage, then registration → examination → treatment for non-trauma patients, stabilisation → treatment for trauma patients.",
    run: { days: 19 / 24, warmupDays: 0, startHour: 6, replications, seed: SEED },
    segments: {
      trauma: { description: "12% of arrivals.", arrivals: arrivals(12) },
      "non-trauma": { description: "88% of arrivals.", arrivals: arrivals(88) },
    },
    nodes: {
      triage: unit("Sign-in and triage: 1 bay, exponential mean 3 minutes.", 1, exponential(3), { trauma: [{ pct: 100, to: "stabilisation" }], "non-trauma": [{ pct: 100, to: "registration" }] }),
      registration: unit("1 clerk, lognormal mean 5, variance 2 minutes.", 1, lognormal(5, Math.sqrt(2)), { "*": [{ pct: 100, to: "examination" }] }),
      examination: unit("3 rooms, normal mean 16, variance 3 minutes.", 3, normal(16, Math.sqrt(3)), { "*": [{ pct: 60, to: "nt-treatment" }, { pct: 40, to: "exit" }] }),
      "nt-treatment": unit("Non-trauma treatment: 1 cubicle, lognormal mean 13.3, variance 2 minutes.", 1, lognormal(13.3, Math.sqrt(2)), { "*": [{ pct: 100, to: "exit" }] }),
      stabilisation: unit("Trauma stabilisation: 2 bays, exponential mean 90 minutes.", 2, exponential(90), { "*": [{ pct: 100, to: "trauma-treatment" }] }),
      "trauma-treatment": unit("Trauma treatment: 1 cubicle, lognormal mean 30, variance 4 minutes.", 1, lognormal(30, 2), { "*": [{ pct: 100, to: "exit" }] }),
    },
  };
}

const kpiOf = (s: Station): string => `${s.replace(/-/g, "_")}_wait_mean_hours`;

export const treatmentCentreCase: ValidationCase = {
  id: CASE,
  slug: "treatment-centre",
  title: "Treatment centre with time-varying arrivals (Nelson 2013; Monks & Harper's treat-sim) against its published waits",
  reps: { full: 200, quick: 50 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      const model = compileModelObject(treatmentCentreModel(settings.reps));
      const results: ReplicationResult[] = runReplications(model, { label: "case 14: treatment centre", reps: settings.reps, seed: SEED });
      const stations = Object.keys(PUBLISHED_WAITS_MIN) as Station[];
      const source = "Monks, Harper & Mustafee, STARS (reusable simulation) paper: table of results 'that can be verified by our example reproducible pipeline', base scenario (treat-sim)";
      const rows: ValidationRow[] = stations.map((s, i) =>
        compare(
          { id: `${CASE}.${String(i + 1).padStart(2, "0")}`, checks: `mean wait for ${s}, minutes (\`${kpiOf(s)}\` × 60)`, reference: PUBLISHED_WAITS_MIN[s], source, command: commandFor(CASE), digits: 2 },
          results.map((r) => 60 * r.kpis[kpiOf(s)]!),
          { family: stations.length, referenceSe: RELATIVE_SE_OF_PUBLISHED * PUBLISHED_WAITS_MIN[s], referenceRounding: 0.005 },
        ),
      );
      // The contrast item 5 of issue 15 describes: the same file with patients keeping their place
      // until the next station has a free server (the old default).
      const held = compileModelObject(treatmentCentreModel(settings.reps, "server"));
      const old = runReplications(held, { label: "case 14: treatment centre, acceptHeld server", reps: settings.reps, seed: SEED });
      rows.push(
        info(
          {
            id: `${CASE}.${String(stations.length + 1).padStart(2, "0")}`,
            checks: 'the same model with `"acceptHeld": "server"` on every station (a patient keeps its place until the next station has a free server: the default before issue 15): mean wait for triage, minutes',
            reference: PUBLISHED_WAITS_MIN.triage,
            source,
            command: commandFor(CASE),
            digits: 2,
          },
          old.map((r) => 60 * r.kpis.triage_wait_mean_hours!),
          "not judged: shows why generic units now join the next line by default",
        ),
      );
      return {
        rows,
        notes: [
          "Six generic units with the published servers and service-time distributions (lognormal and normal given by mean and variance in treat-sim; pathflow takes the standard deviation; the examination's normal is truncated at 0 here, at 0.5 minutes in treat-sim, a difference of less than 10⁻¹⁸ in probability). Trauma and non-trauma patients are two segments of 12% and 88% of the arrivals, routed per segment at triage. No `acceptHeld` anywhere: generic units join the next station's line, as SimPy resources released before the next request do.",
          "Arrivals: `run.startHour` 6 and `hourOfDayPct` from treat-sim's 18 hourly rates (06:00–24:00); the run lasts 19 hours from empty (`days` 19/24, no warm-up), as treat-sim's `results_collection_period` of 1,140 minutes, and like treat-sim's code (which indexes the profile by hour modulo 18) the 19th hour takes the first hour's rate. Waits are those of patients who reached the station's server within the day, as treat-sim records them.",
          `The published table gives means without their spread or the number of replications behind them (treat-sim's own default, \`DEFAULT_N_REPS\`, is 5). The rows allow the published means a standard error of ${100 * RELATIVE_SE_OF_PUBLISHED}% of their value — what about ${PUBLISHED_REPS_ASSUMED} replications give for these single-day waits, whose replication-to-replication coefficient of variation is 0.3–0.75 here — and half their last digit; 5 replications would allow 15–35%. The four stations every non-trauma patient passes agree within 11% (triage, registration and treatment within 5%); the two trauma stations, which see about 27 patients a day, differ most (stabilisation about 12% lower, trauma treatment about 30% higher: fewer waiting for a bay, more arriving together at the one cubicle after it). Seed ${SEED}.`,
        ],
      };
    });
  },
};

/** Replications assumed behind the published means, and the standard error that gives them (see the notes). */
const PUBLISHED_REPS_ASSUMED = 50;
const RELATIVE_SE_OF_PUBLISHED = 0.08;
