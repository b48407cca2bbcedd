/**
 * Case 12 — non-preemptive priority M/M/1 by acuity (`discipline: "acuity"`), three classes with
 * different mean services: the mean wait of each class, read from kpi_by_class.csv's acuity rows,
 * against Cobham's formula.
 */
import { cobhamWaits } from "../src/analytic/networks.js";
import type { ReplicationResult } from "../src/pathway/run.js";
import { classValue } from "./classes.js";
import { commandFor, compare, compileModelObject, confirmed, runReplications, timed, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { days, exponential } from "./models.js";

const CASE = 12;
const SEED = 1101;

export const PRIORITY = {
  bands: ["low", "mid", "high"],
  sharePct: [50, 30, 20],
  /** Mean service by band, hours (exponential of mean 1 × the band's multiplier). */
  meanServiceHours: [1.2, 1, 0.5],
  lambdaPerHour: 0.8,
} as const;

const CUSTOMERS = { full: 3_000_000, quick: 400_000 } as const;

export function priorityModel(hours: number, warmupHours: number, replications: number): Record<string, unknown> {
  return {
    name: "priority-mm1",
    description: "M/M/1 with three acuity bands served most acute first (non-preemptive), FIFO within a band.",
    acuityBands: [...PRIORITY.bands],
    run: { days: days(hours), warmupDays: days(warmupHours), replications, seed: SEED },
    segments: { patients: { description: "Poisson arrivals, acuity mixed.", acuityPct: [...PRIORITY.sharePct], arrivals: [{ route: "other", to: "station", ratePerDay: PRIORITY.lambdaPerHour * 24 }] } },
    nodes: {
      station: {
        type: "unit",
        description: "One server; the most acute band first.",
        servers: 1,
        discipline: "acuity",
        durationHours: exponential(1),
        losMultiplierByAcuity: [...PRIORITY.meanServiceHours],
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
      },
    },
  };
}

export const priorityCase: ValidationCase = {
  id: CASE,
  slug: "priority",
  title: "Non-preemptive priority M/M/1: the mean wait of each class against Cobham's formula",
  reps: { full: 20, quick: 8 },
  async run(settings: RunSettings) {
    return timed(CASE, this.title, settings.reps, () => {
      // Cobham's classes in priority order: the most acute band first.
      const order = [2, 1, 0];
      const waits = cobhamWaits(
        order.map((b) => {
          const m = PRIORITY.meanServiceHours[b]!;
          return { lambda: (PRIORITY.lambdaPerHour * PRIORITY.sharePct[b]!) / 100, meanService: m, secondMoment: 2 * m * m };
        }),
      );
      const customers = settings.quick ? CUSTOMERS.quick : CUSTOMERS.full;
      const model = compileModelObject(priorityModel(customers / settings.reps / PRIORITY.lambdaPerHour, 500, settings.reps));
      const run = (first: number, reps: number): ReplicationResult[] => runReplications(model, { label: "case 12: priority M/M/1", reps, seed: SEED, firstReplication: first });
      const source = "Cobham (1954): W_k = W0 / ((1 − σ_{k−1})(1 − σ_k)), W0 = Σ λ_i E[S_i²] / 2 (src/analytic/networks.ts cobhamWaits)";
      const rows: ValidationRow[] = confirmed(settings.reps, run, (results) =>
        order.map((b, i) =>
          compare(
            {
              id: `${CASE}.${String(i + 1).padStart(2, "0")}`,
              checks: `band "${PRIORITY.bands[b]}" (priority ${i + 1} of 3, ${PRIORITY.sharePct[b]}% of arrivals, mean service ${PRIORITY.meanServiceHours[b]} h): mean wait, hours (kpi_by_class \`station_wait_for_server_mean_hours\`, acuity ${PRIORITY.bands[b]})`,
              reference: waits[i]!,
              source,
              command: commandFor(CASE),
              digits: 4,
            },
            results.map((r) => classValue(r, "station_wait_for_server_mean_hours", "acuity", PRIORITY.bands[b]!)),
            { family: order.length, maxRelativeHalfWidth: settings.quick ? 0.2 : 0.1 },
          ),
        ),
      );
      return {
        rows,
        notes: [
          `One generic unit, 1 server, \`discipline: "acuity"\`: three acuity bands (${PRIORITY.sharePct.join(" / ")}% of ${PRIORITY.lambdaPerHour} arrivals an hour), exponential service of mean 1 hour × \`losMultiplierByAcuity\` [${PRIORITY.meanServiceHours.join(", ")}], so ρ = 0.8. Each class's mean wait is read from the per-class results (kpi_by_class.csv, class_type acuity). ${customers.toLocaleString("en-GB")} customers over all replications, 500-hour warm-up, seed ${SEED}.`,
        ],
      };
    });
  },
};
