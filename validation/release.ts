/**
 * Case 10 — release accounting against answers known in advance:
 *
 * 1. No interaction (every bed, cubicle, crew and care hour unlimited, so no patient affects
 *    another): what the avoided patients used is exactly what comes free — spare = expected for
 *    every resource and replication, and every absorber is 0.
 * 2. A demand increase with no interaction: nobody avoided, and the rise in use is exactly the
 *    added patients' use.
 * 3. The components sum exactly: expected − spare = drift + unmet + added + blocking +
 *    unexplained, replication by replication (Shapley values sum to the total by construction).
 * 4. A capacity-only scenario (+900 delivered home-care hours a week): nobody avoided (expected
 *    exactly 0, no ratio), and the capacity added is exactly 900 h/week over the results period.
 * 5. The default ICS's frailty service: the unexplained remainder is under 10% of the expected
 *    release of acute bed-days, and drift with its knock-on is above the old ledger rule (the
 *    flipped patients' own use only).
 * 6. The drift range's matched baselines (the intercepts in the model file): G&A occupancy within
 *    0.2 points of the model as given (full settings: the intercepts were matched at the model's
 *    own run length).
 */
import { loadModel, validateModelObject } from "../src/model/load.js";
import { planExperiment, SWEEP_SCENARIO } from "../src/experiment/plan.js";
import { workerExperiment } from "../src/experiment/experiment.js";
import { CompiledVariants, runTask, type ReplicationTaskResult } from "../src/experiment/task.js";
import { withAdmission } from "../src/experiment/drift-range.js";
import { runReplication } from "../src/pathway/run.js";
import { compileModel } from "../src/model/compile.js";
import { RESOURCES } from "../src/pathway/ledger.js";
import { pairedDifference } from "../src/experiment/statistics.js";
import type { ExperimentPlan, ExperimentRequest, ReleaseMeasures } from "../src/types.js";
import { commandFor, compare, exact, info, type CaseResult, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { ICS_DEFAULT, ICS_DEFAULT_CENSUS, NPM_START_WARMUP_DAYS } from "./littles-law.js";
import { readCensusPlan } from "../src/io/census-csv.js";

const CASE = 10;

/** Runs a plan's replications `first` … `first + reps − 1` in this thread (every scenario, with release accounting). */
export async function runPlan(plan: ExperimentPlan, reps: number, first = 0): Promise<ReplicationTaskResult[]> {
  const data = { variants: plan.variants, experiments: [workerExperiment(plan, 0, undefined)] };
  const compiled = new CompiledVariants(plan.variants);
  const out: ReplicationTaskResult[] = [];
  for (let r = first; r < first + reps; r++) out.push(await runTask({ experiment: 0, replication: r }, data, compiled));
  return out;
}

/** Per replication: a scenario's measures for one resource. */
export function measuresOf(results: readonly ReplicationTaskResult[], scenario: string, resource: string): ReleaseMeasures[] {
  return results.map((r) => r.release.find((x) => x.scenario === scenario)!.measures.find((m) => m.resource === resource)!);
}

/** Largest |expected − spare − Σ components| over the measures, relative to the sizes involved (0 when the components sum exactly). */
export function largestGap(measures: readonly ReleaseMeasures[]): number {
  let worst = 0;
  for (const m of measures) {
    const parts = m.drift + m.longerStays + m.electives + m.unmet + m.added + m.blocking + m.unexplained;
    worst = Math.max(worst, Math.abs(m.expected - m.spare - parts) / Math.max(1, Math.abs(m.expected) + Math.abs(m.spare)));
  }
  return worst;
}

/** The default ICS with every capacity unlimited or far beyond demand: no patient affects another. */
function unlimited(raw: Record<string, any>): Record<string, any> {
  const m = structuredClone(raw);
  m.nodes.acute.servers = "unlimited";
  m.nodes.community.servers = "unlimited";
  m.nodes.ed.cubicles = 100_000;
  for (const step of m.nodes.ambulance.vehicles.calendar) step.value = 10_000;
  m.nodes.homecare.paidHoursPerWeek = 100_000_000;
  delete m.nodes.ed.admission.driftRange;
  return m;
}

export const releaseCase: ValidationCase = {
  id: CASE,
  slug: "release",
  title: "Release accounting: known answers, exact sums, the default ICS",
  reps: { full: 6, quick: 2 },
  async run(settings: RunSettings): Promise<CaseResult> {
    const start = performance.now();
    const command = commandFor(CASE);
    const rows: ValidationRow[] = [];
    const reps = settings.reps;
    const short = { days: settings.quick ? 60 : 365, warmupDays: settings.quick ? 60 : 730 };
    const loaded = await loadModel(ICS_DEFAULT);
    const request = (r: ExperimentRequest): ExperimentRequest => ({ replications: reps, ...short, driftRange: false, ...r });

    // 1. No interaction.
    const free = validateModelObject(unlimited(loaded.raw as Record<string, any>), loaded.dir, loaded.tables);
    if (free.model === undefined) throw new Error(`the unlimited variant of ${ICS_DEFAULT} is invalid: ${free.issues.map((i) => i.message).join("; ")}`);
    const freePlan = planExperiment({ ...loaded, raw: unlimited(loaded.raw as Record<string, any>), model: free.model, tables: free.tables }, request({ scenarios: ["frailty-service"] }));
    const freeRuns = await runPlan(freePlan, reps);
    for (const resource of ["acute_bed_days", "ed_cubicle_hours", "ambulance_hours"]) {
      const m = measuresOf(freeRuns, "frailty-service", resource);
      const worst = Math.max(...m.map((x) => Math.abs(x.spare - x.expected) / Math.max(1, x.expected)));
      rows.push(exact({ id: `${CASE}.0${rows.length + 1}`, checks: `no interaction (every capacity unlimited), frailty service, ${resource}: largest |spare − expected| / expected over replications`, reference: 0, source: "with no interaction the avoided patients' use is exactly what comes free", command, digits: 6 }, worst, reps, 1e-5));
      const absorbed = Math.max(...m.map((x) => Math.abs(x.drift) + Math.abs(x.unmet) + Math.abs(x.added) + Math.abs(x.blocking) + Math.abs(x.unexplained)));
      rows.push(exact({ id: `${CASE}.0${rows.length + 1}`, checks: `no interaction, ${resource}: largest total |absorbed| over replications, in the resource's unit`, reference: 0, source: "nothing can absorb what no one competes for", command, digits: 4 }, absorbed, reps, 1e-3));
    }

    // A demand increase with no interaction: the rise in use is exactly the added patients' use.
    const more = planExperiment(
      { ...loaded, raw: unlimited(loaded.raw as Record<string, any>), model: free.model, tables: free.tables },
      request({ scenarios: [SWEEP_SCENARIO], scenarioOverrides: [{ path: "segments.care-home.demandMultiplier", set: 1.2 }] }),
    );
    const moreRuns = await runPlan(more, reps);
    const moreAcute = measuresOf(moreRuns, SWEEP_SCENARIO, "acute_bed_days");
    rows.push(exact({ id: `${CASE}.07`, checks: "demand increase (care-home ×1.2), no interaction, acute bed-days: largest |expected release| over replications", reference: 0, source: "an increase avoids nobody: added patients come from a stream of their own", command, digits: 6 }, Math.max(...moreAcute.map((m) => Math.abs(m.expected))), reps, 0));
    rows.push(exact({ id: `${CASE}.08`, checks: "demand increase, no interaction, acute bed-days: largest |rise in use − added demand| / added demand over replications", reference: 0, source: "with no interaction the rise in use is exactly the added patients' use", command, digits: 6 }, Math.max(...moreAcute.map((m) => Math.abs(-m.spare - m.added) / Math.max(1, m.added))), reps, 1e-5));

    // The default ICS's frailty service (drift as modelled), and its capacity-only scenario.
    const ics = await runPlan(planExperiment(loaded, request({ scenarios: ["frailty-service", "homecare-plus-900h"] })), reps);
    const worstSum = largestGap(["frailty-service", "homecare-plus-900h"].flatMap((scenario) => RESOURCES.flatMap((resource) => measuresOf(ics, scenario, resource))));
    rows.push(exact({ id: `${CASE}.09`, checks: "default ICS, both scenarios, every resource and replication: largest |expected − spare − Σ components| (relative)", reference: 0, source: "Shapley values sum to the total; the patient-by-patient split is a partition", command, digits: 9 }, worstSum, reps, 1e-9));
    const acute = measuresOf(ics, "frailty-service", "acute_bed_days");
    const unexplainedShare = acute.map((m) => Math.abs(m.unexplained) / m.expected);
    rows.push(
      compare(
        { id: `${CASE}.10`, checks: "default ICS, frailty service: |unexplained| / expected release of acute bed-days, below 0.10 (the reference is the bound)", reference: 0, source: "issue 11: the remainder the counterfactuals do not explain must be small", command, digits: 3 },
        unexplainedShare,
        { family: 1, precisionFloor: 0.1 },
      ),
    );
    // compare() tests closeness to 0; the bound itself is what matters: fail if the upper CI reaches 0.1.
    const last = rows[rows.length - 1]!;
    rows[rows.length - 1] = { ...last, criterion: "95% CI upper bound < 0.10", verdict: last.ciHigh !== null && last.ciHigh < 0.1 ? "pass" : "fail" };
    const direct = ics.map((r) => r.release.find((x) => x.scenario === "frailty-service")!.flipped.direct[RESOURCES.indexOf("acute_bed_days")]!);
    const d = pairedDifference(acute.map((m) => m.drift), direct);
    rows.push({
      ...info({ id: `${CASE}.11`, checks: "default ICS, frailty service: drift with knock-on minus the old ledger rule (flipped patients' own use), acute bed-days", reference: 0, source: "issue 11: drift's footprint includes what flipped patients cause others", command, digits: 0 }, acute.map((m, i) => m.drift - direct[i]!), "mean > 0 with the 95% CI above 0"),
      // Quick settings (2 short replications) cannot resolve it: reported there, judged in full runs.
      verdict: settings.quick ? "info" : d.low !== null && d.low > 0 ? "pass" : "fail",
    });
    rows.push(info({ id: `${CASE}.12`, checks: "default ICS, frailty service: acute release ratio as modelled", reference: 0, source: "reported for context", command, digits: 3 }, acute.map((m) => m.spare / m.expected), "context"));

    // 3. Capacity only.
    const hc = measuresOf(ics, "homecare-plus-900h", "homecare_hours");
    rows.push(exact({ id: `${CASE}.13`, checks: "capacity-only scenario (+900 delivered home-care hours a week): largest |expected release| over replications", reference: 0, source: "nobody is avoided", command, digits: 6 }, Math.max(...hc.map((m) => Math.abs(m.expected))), reps, 0));
    const added = ics.map((r) => r.release.find((x) => x.scenario === "homecare-plus-900h")!.capacity[RESOURCES.indexOf("homecare_hours")]!);
    rows.push(exact({ id: `${CASE}.14`, checks: `capacity-only scenario: home-care capacity added over ${short.days} days, care hours (mean over replications)`, reference: (900 * short.days) / 7, source: "900 delivered hours a week × days / 7", command, digits: 1 }, added.reduce((a, b) => a + b!, 0) / added.length, reps, 1e-6));

    // 5. Matched baselines.
    const compiled = compileModel(loaded.model, loaded.tables);
    const ed = compiled.nodes.find((n) => n.kind === "ed")!;
    const range = (loaded.model.nodes["ed"] as { admission: { driftRange?: { b2PerOccupancyPoint: number[]; b0?: number[] } } }).admission.driftRange!;
    // Full settings: as `npm start` runs the default, where the intercepts were matched — each
    // replication from its state of the shipped census, 180 days' warm-up, 365 results days.
    const census = settings.quick ? null : readCensusPlan(ICS_DEFAULT_CENSUS, { names: ["baseline"], models: [compiled], all: Object.keys(loaded.model.scenarios), baseline: "baseline" }).states["baseline"]!;
    const days = settings.quick ? short : { days: loaded.model.run.days, warmupDays: NPM_START_WARMUP_DAYS };
    const occ = (model: typeof compiled): number[] => Array.from({ length: reps }, (_, r) => runReplication(model, { replication: r, seed: loaded.model.run.seed, ...days, ...(census === null ? {} : { census: census[r % census.length]}) }).kpis["ga_occupancy_pct"]!);
    const asGiven = occ(compiled);
    range.b2PerOccupancyPoint.forEach((b2, i) => {
      if (ed.kind !== "ed" || b2 === ed.b2) return;
      const b0 = range.b0![i]!;
      const diff = occ(withAdmission(compiled, ed.id, b2, b0)).map((x, r) => x - asGiven[r]!);
      const row = info({ id: `${CASE}.${rows.length + 1}`, checks: `drift range, b2 = ${b2} with the model file's b0 = ${b0}: baseline G&A occupancy minus the model as given, points${settings.quick ? " (quick: a shorter run than the intercepts were matched at)" : ""}`, reference: 0, source: `issue 11: matched within 0.2 points${settings.quick ? "" : " (as npm start runs: the shipped census, 180 days' warm-up)"}`, command, digits: 2 }, diff, "|mean| ≤ 0.2");
      rows.push(settings.quick ? row : { ...row, verdict: Math.abs(row.simMean) <= 0.2 ? "pass" : "fail" });
    });

    // Every replication these rows come from conserves patients (as case 9 checks the harness's runs).
    const all = [...freeRuns, ...moreRuns, ...ics];
    const broken = all.flatMap((r) => r.scenarios.filter((sc) => sc.conservation.generated !== sc.conservation.avoided + sc.conservation.exited + sc.conservation.inSystem).map((sc) => `${sc.scenario} replication ${r.replication}`));
    rows.push(exact({ id: `${CASE}.${rows.length + 1}`, checks: `every scenario replication of this case (${all.length} tasks): patients generated ≠ avoided + left + in the system`, reference: 0, source: "conservation", command, digits: 0, ...(broken.length > 0 ? { note: broken.slice(0, 3).join("; ") } : {}) }, broken.length, reps, 0));

    return {
      case: CASE,
      title: this.title,
      rows,
      reps,
      seconds: (performance.now() - start) / 1000,
      notes: [
        `Each configuration runs ${reps} replications of ${short.days} days after ${short.days === 365 ? 730 : short.days} days' warm-up, in this thread (experiment/task.ts, the code a run uses), with the counterfactual runs that hold drift at the baseline's decisions.`,
        "Row 10 judges a bound, not a match: its criterion is the 95% CI's upper end. Row 11 compares drift with its knock-on (a counterfactual run) against the flipped patients' own use, the rule release accounting used before.",
      ],
    };
  },
};
