/**
 * Case 17 — elective booked lists and elective backfill against answers known in advance:
 *
 * 1. A deterministic ward where the answer is known by hand: three beds, no emergencies, two
 *    bookings a day at 08:00, every elective staying exactly 2.5 days (leaving at 20:00 two days
 *    later). The days repeat every three:
 *      no reserve:      admitted 2, 1, 0 and cancelled 0, 1, 2 → 1 admitted and 1 cancelled a day,
 *                       2.5 beds in use (750 bed-days in 300 days);
 *      reserve 1 bed:   admitted 2, 0, 0 and cancelled 0, 2, 2 → 2/3 and 4/3 a day, 500 bed-days;
 *      rebooked once after a day (rebooked first): admitted 2, 1, 0, cancellations 2, 3, 4, lost
 *                       0, 1, 2 → 1 admitted, 3 cancellations and 1 lost a day.
 * 1b. The same ward with a fourth bed (a capacity scenario): admitted 2, 2, 0, so 10/3 beds in use;
 *    held at the baseline's fates the same bookings as with 3 beds are admitted (2.5 in use), so
 *    elective backfill — the Shapley value of the held electives, the only mechanism — is
 *    (10/3 − 2.5) × 300 = 250 bed-days exactly, all of the rise in use, with nothing unexplained.
 * 2. Elective backfill with a list longer than the ward: a 20-bed ward whose emergencies arrive
 *    between 07:00 and 08:00 and stay exactly 2 days, 30 bookings at 08:00 staying 1 day. A bed an
 *    emergency leaves is idle under an hour before the list (or an emergency) takes it, so when the
 *    emergencies are halved the spare capacity is bounded by the departures × 1 hour, and backfill
 *    takes the rest of the freed beds: |spare| ≤ departures / 24 bed-days in every replication.
 * 3. With no bookings, backfill is exactly 0 (and the freed beds are spare).
 * 4. The components sum exactly: expected − spare = Σ components, replication by replication.
 * 5. The default ICS's frailty service with the elective list (frailty-service-backfilled against
 *    elective-list): the components sum, and the share of the expected release electives take,
 *    reported for context.
 */
import { loadModel, validateModelObject, type LoadedModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import type { ReplicationTaskResult } from "../src/experiment/task.js";
import { RESOURCES } from "../src/pathway/ledger.js";
import { largestGap, measuresOf, runPlan } from "./release.js";
import { commandFor, compileModelObject, exact, info, type CaseResult, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { runReplication } from "../src/pathway/run.js";
import { ICS_DEFAULT } from "./littles-law.js";

const CASE = 17;

/** The three-bed planned ward of check 1 (test/electives-take-only-free-beds.test.ts uses it too), with `electives` keys on top. */
export function plannedWard(electives: Record<string, unknown>, days = 300): { nodes: { ward: Record<string, unknown> }; run: Record<string, unknown> } & Record<string, unknown> {
  return {
    name: "planned-ward",
    segments: { planned: { arrivals: [{ route: "other", to: "ward", ratePerDay: 0 }] } },
    nodes: {
      ward: {
        type: "unit",
        role: "acute",
        servers: 3,
        durationDays: { type: "deterministic", value: 1 },
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
        electives: { bookingsPerDay: 2, admitAtHour: 8, losDays: { type: "deterministic", value: 2.5 }, segment: "planned", ...electives },
      },
    },
    // A warm-up of whole cycles (3 days): the results period starts in the cycle's first state.
    run: { days, warmupDays: 3, replications: 1, seed: 1 },
  };
}

/**
 * The 20-bed backfilled ward of checks 2–4 (test/elective-backfill-release-accounting.test.ts uses
 * it too), with scenario "halved"; `list` false leaves the elective list out.
 */
export function backfilledWard(bookingsPerDay: number, days: number, list = true): Record<string, unknown> {
  return {
    name: "backfilled-ward",
    segments: { emergency: { arrivals: [{ route: "other", to: "ward", ratePerDay: 8, hourOfDayPct: Array.from({ length: 24 }, (_, h) => (h === 7 ? 100 : 0)) }] } },
    nodes: {
      ward: {
        type: "unit",
        role: "acute",
        servers: 20,
        durationDays: { type: "deterministic", value: 2 },
        outcomes: { "*": [{ pct: 100, to: "exit" }] },
        ...(list ? { electives: { bookingsPerDay, admitAtHour: 8, losDays: { type: "deterministic", value: 1 }, segment: "emergency" } } : {}),
      },
    },
    run: { days, warmupDays: 20, replications: 1, seed: 16 },
    scenarios: { baseline: {}, halved: { changes: [{ path: "segments.emergency.demandMultiplier", set: 0.5 }] } },
  };
}

/** A model object validated as a model file would be (throws when invalid). */
export function loaded(raw: Record<string, unknown>): LoadedModel {
  const v = validateModelObject(structuredClone(raw), ".");
  if (v.model === undefined) throw new Error(`case ${CASE}: invalid model: ${v.issues.map((i) => i.message).join("; ")}`);
  return { file: `${String(raw["name"])}.json`, dir: ".", raw, model: v.model, tables: v.tables };
}

/** Runs every scenario of the model's plan, replications in this thread, with release accounting. */
function runScenarios(model: LoadedModel, scenarios: string[], reps: number, settings: { days?: number; warmupDays?: number } = {}): Promise<ReplicationTaskResult[]> {
  return runPlan(planExperiment(model, { scenarios, replications: reps, driftRange: false, ...settings }), reps);
}

export const electivesCase: ValidationCase = {
  id: CASE,
  slug: "electives",
  title: "Elective lists and elective backfill: a ward by hand, backfill of freed beds, exact sums",
  reps: { full: 6, quick: 2 },
  async run(settings: RunSettings): Promise<CaseResult> {
    const start = performance.now();
    const command = commandFor(CASE);
    const rows: ValidationRow[] = [];
    const reps = settings.reps;
    const id = (): string => `${CASE}.${String(rows.length + 1).padStart(2, "0")}`;

    // 1. The planned ward by hand.
    const hand: [string, Record<string, unknown>, [string, number][]][] = [
      ["no reserve", {}, [["admitted_per_day", 1], ["cancelled_per_day", 1], ["bed_days", 750]]],
      ["reserve of 1 bed", { reserveBeds: 1 }, [["admitted_per_day", 2 / 3], ["cancelled_per_day", 4 / 3], ["bed_days", 500]]],
      ["rebooked once after a day", { rebook: { afterDays: 1, maxTimes: 1 } }, [["admitted_per_day", 1], ["cancelled_per_day", 3], ["lost_per_day", 1]]],
    ];
    for (const [what, electives, expected] of hand) {
      const model = compileModelObject(plannedWard(electives));
      const kpis = runReplication(model, { replication: 0, seed: 1, days: 300, warmupDays: 3 }).kpis;
      for (const [measure, value] of expected) {
        const kpi = measure === "bed_days" ? "ward_elective_bed_days" : `ward_electives_${measure}`;
        rows.push(exact({ id: id(), checks: `3 beds, 2 bookings a day at 08:00 staying 2.5 days, ${what}: ${kpi}`, reference: value, source: "traced by hand: the days repeat every three (validation/electives.ts)", command, digits: 4 }, kpis[kpi]!, 1, 1e-9));
      }
    }

    // 1b. Held at the baseline's fates: a fourth bed.
    const fourth = await runScenarios(loaded({ ...plannedWard({}), scenarios: { baseline: {}, "four-beds": { changes: [{ path: "nodes.ward.servers", set: 4 }] } } }), ["four-beds"], 1);
    const [bed] = measuresOf(fourth, "four-beds", "acute_bed_days");
    rows.push(exact({ id: id(), checks: "the 3-bed ward with a fourth bed: elective backfill, bed-days (electives held at the baseline's fates in the counterfactual run)", reference: 250, source: "traced by hand: (10/3 − 2.5) beds × 300 days", command, digits: 4 }, bed!.electives, 1, 1e-9));
    rows.push(exact({ id: id(), checks: "same: unexplained, bed-days", reference: 0, source: "the held run is the baseline's electives in the new ward: nothing else changes", command, digits: 6 }, Math.abs(bed!.unexplained), 1, 1e-9));

    // 2–4. Backfill of freed beds.
    const days = settings.quick ? 120 : 365;
    const full = await runScenarios(loaded(backfilledWard(30, days)), ["halved"], reps);
    const acute = measuresOf(full, "halved", "acute_bed_days");
    const departures = full.map((r) => (r.scenarios.find((s) => s.scenario === "baseline")!.kpis["ward_departures_per_day"] ?? 0) * days);
    const overBound = acute.map((m, i) => Math.abs(m.spare) / (departures[i]! / 24));
    const worstBound = Math.max(...overBound);
    rows.push({
      ...info({ id: id(), checks: "20-bed ward, emergencies halved, a list longer than the ward: |spare| / (baseline departures × 1 hour) of acute bed-days", reference: 1, source: "a freed bed waits under an hour for the 08:00 list: spare is bounded by the departures' idle hours", command, digits: 3 }, overBound, "largest over replications ≤ 1"),
      verdict: worstBound <= 1 ? "pass" : "fail",
    });
    rows.push(info({ id: id(), checks: "same: elective backfill / expected release of acute bed-days", reference: 1, source: "backfill takes what is freed, less the bounded spare", command, digits: 3 }, acute.map((m) => m.electives / m.expected), "context (≈ 1)"));
    rows.push(exact({ id: id(), checks: "same: largest |expected − spare − Σ components| (relative), every resource and replication", reference: 0, source: "Shapley values sum to the total; the patient-by-patient split is a partition", command, digits: 9 }, largestGap(RESOURCES.flatMap((r) => measuresOf(full, "halved", r))), reps, 1e-9));
    const none = measuresOf(await runScenarios(loaded(backfilledWard(0, days)), ["halved"], reps), "halved", "acute_bed_days");
    rows.push(exact({ id: id(), checks: "same ward with no bookings: largest |elective backfill| over replications", reference: 0, source: "no booking, no backfill", command, digits: 6 }, Math.max(...none.map((m) => Math.abs(m.electives))), reps, 0));
    rows.push(info({ id: id(), checks: "same ward with no bookings: spare / expected release of acute bed-days", reference: 1, source: "with nothing to take them the freed beds are spare", command, digits: 3 }, none.map((m) => m.spare / m.expected), "context (≈ 1)"));

    // 5. The default ICS.
    const ics = await runScenarios(await loadModel(ICS_DEFAULT), ["elective-list", "frailty-service-backfilled"], reps, settings.quick ? { days: 60, warmupDays: 60 } : {});
    const icsMeasures = ["elective-list", "frailty-service-backfilled"].flatMap((s) => RESOURCES.flatMap((r) => measuresOf(ics, s, r)));
    rows.push(exact({ id: id(), checks: "default ICS, elective-list and frailty-service-backfilled: largest |expected − spare − Σ components| (relative), every resource and replication", reference: 0, source: "Shapley values sum to the total; the patient-by-patient split is a partition", command, digits: 9 }, largestGap(icsMeasures), reps, 1e-9));
    const backfilled = measuresOf(ics, "frailty-service-backfilled", "acute_bed_days");
    rows.push(info({ id: id(), checks: "default ICS, frailty-service-backfilled: elective backfill / expected release of acute bed-days", reference: 0, source: "reported for context", command, digits: 3 }, backfilled.map((m) => m.electives / m.expected), "context"));
    rows.push(info({ id: id(), checks: "default ICS, frailty-service-backfilled: release ratio (spare / expected) of acute bed-days", reference: 0, source: "reported for context", command, digits: 3 }, backfilled.map((m) => m.spare / m.expected), "context"));

    return {
      case: CASE,
      title: this.title,
      rows,
      reps,
      seconds: (performance.now() - start) / 1000,
      notes: [
        "The planned ward is deterministic (one replication says all). The backfilled ward and the default ICS run in this thread through experiment/task.ts, the code a run uses, with release accounting against the baseline (the ICS's frailty-service-backfilled against elective-list).",
        `The backfilled ward runs ${days} days after 20 days' warm-up; the default ICS ${settings.quick ? "60 days after 60" : "its own 365 days after 730"}.`,
      ],
    };
  },
};
