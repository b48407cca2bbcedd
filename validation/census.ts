/**
 * Case 16 — a warm start from a census reproduces the long warm-up (issue 13 item 4).
 *
 * The default ICS's census of several states (`pathflow census --scenario all --reps N`: each
 * scenario's state at the end of its own 730-day warm-up, one per replication, taken here afresh
 * from replications independent of both sets of runs, written to a file and read back as run
 * --census reads it) starts each scenario's replication r from its state r, which then warms up 30
 * days only. For every KPI the default reports of every scenario the census start's mean must
 * agree with the 730-day start's mean within the 95% interval of the two sets of independent
 * replications (the SE of both combined, Bonferroni over the rows). Every release measure
 * (expected, spare, drift, unmet, blocking, unexplained …) is compared the same way and reported
 * for information: the accounting's counterfactual runs have no states of their own in a census,
 * so from one they start with the scenario's history and the comparison measures how far a 30-day
 * warm-up is from the steady-state accounting (models/README.md, "Warm start"). The long start runs
 * to day 760 so that both results periods cover the same calendar days. MSER-5 on the census
 * start's daily G&A occupancy, home-care waiting list and community occupancy over its results
 * period, less the long start's on the same calendar days, is reported (info rows): a transient
 * from the census still visible after the 30-day warm-up. A joint row judges the share of figures
 * outside their own 95% interval against the 5% chance gives.
 *
 * Quick settings (the tests): the baseline only, 60 results days, fewer replications — the same
 * rules. The drift range is not run here (its intercepts are matched once on the model's own
 * settings); docs/census-comparison.md compares `npm start` itself, drift range included.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { censusCsv, readCensusPlan } from "../src/io/census-csv.js";
import { planExperiment } from "../src/experiment/plan.js";
import { confidenceInterval, mser5, studentTQuantile } from "../src/experiment/statistics.js";
import type { ReplicationTaskResult } from "../src/experiment/task.js";
import { compileModel } from "../src/model/compile.js";
import { loadModel } from "../src/model/load.js";
import { takeCensus } from "../src/pathway/run.js";
import type { CensusRow, ExperimentPlan } from "../src/types.js";
import { commandFor, compare, exact, type CaseResult, type RunSettings, type ValidationCase, type ValidationRow } from "./harness.js";
import { ICS_DEFAULT } from "./littles-law.js";
import { runPlan } from "./release.js";

const CASE = 16;
const LONG_WARMUP = 730;
const SHORT_WARMUP = 30;
/** Replications of the census start: numbered from here, so they share no stream with the long start's. */
const CENSUS_FIRST_REPLICATION = 1000;
/** Replications whose warm-ups give the census's states: independent of both sets of runs. */
const CENSUS_STATES_FROM = 2000;

/** name → values per replication: every numeric KPI of every scenario, every release measure. */
function figures(results: readonly ReplicationTaskResult[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (name: string, v: number | null): void => {
    if (v === null || !Number.isFinite(v)) return;
    const list = out.get(name) ?? [];
    list.push(v);
    out.set(name, list);
  };
  for (const r of results) {
    for (const s of r.scenarios) for (const [k, v] of Object.entries(s.kpis)) add(`${s.scenario} ${k}`, typeof v === "number" ? v : null);
    for (const rel of r.release) {
      for (const m of rel.measures) {
        for (const part of ["expected", "spare", "drift", "longerStays", "unmet", "added", "blocking", "unexplained"] as const) add(`${rel.scenario} release ${m.resource} ${part}`, m[part]);
      }
    }
  }
  return out;
}

export const censusCase: ValidationCase = {
  id: CASE,
  slug: "census",
  title: "Warm start: a census with a 30-day warm-up reproduces the 730-day warm-up",
  reps: { full: 6, quick: 3 },
  async run(settings: RunSettings): Promise<CaseResult> {
    const start = performance.now();
    const command = commandFor(CASE);
    const reps = settings.reps;
    const days = settings.quick ? 60 : 365;
    const loaded = await loadModel(ICS_DEFAULT);
    const scenarios = settings.quick ? ["baseline"] : Object.keys(loaded.model.scenarios);
    const request = { scenarios, replications: reps, days, driftRange: false as const };
    // The long start runs on to day 730 + 30, so that both results periods cover the same calendar
    // days (730 days is two whole years): the census is the state at day 730, then 30 days' warm-up.
    const longPlan = planExperiment(loaded, { ...request, warmupDays: LONG_WARMUP + SHORT_WARMUP });
    const shortPlan = await withStates(planExperiment(loaded, { ...request, warmupDays: SHORT_WARMUP }), longPlan.settings.seed, reps, Object.keys(loaded.model.scenarios));
    const longRuns = await runPlan(longPlan, reps, 0);
    const long = figures(longRuns);
    const warmRuns = await runPlan(shortPlan, reps, CENSUS_FIRST_REPLICATION);
    const warm = figures(warmRuns);
    const scenarioCount = shortPlan.scenarios.length;
    const names = [...long.keys()].filter((k) => warm.has(k) && long.get(k)!.length === reps && warm.get(k)!.length === reps);
    const rows: ValidationRow[] = [];
    const notes: string[] = [];
    const id = (): string => `${CASE}.${String(rows.length + 1).padStart(2, "0")}`;
    for (const name of names) {
      const reference = long.get(name)!;
      const values = warm.get(name)!;
      const base = { id: id(), checks: `${name}: census + ${SHORT_WARMUP} days against the ${LONG_WARMUP}-day warm-up (reference: its mean)`, source: `${LONG_WARMUP}-day warm-up, ${reps} replications`, command, digits: 3 };
      const constant = Math.max(...values, ...reference) === Math.min(...values, ...reference);
      if (constant) {
        rows.push(exact({ ...base, reference: reference[0]! }, values[0]!, reps, 1e-9));
        continue;
      }
      const ref = confidenceInterval(reference, 0.95);
      const refSe = (ref.sd ?? 0) / Math.sqrt(reference.length);
      const row = compare({ ...base, reference: ref.mean }, values, { family: names.length, referenceSe: refSe });
      // The release accounting is reported, not judged: its counterfactual runs (a mechanism held
      // at the reference's behaviour) would need states of their own, with that mechanism held
      // through the warm-up; started from the scenario's state they inherit its history, and a
      // 30-day warm-up cannot give them theirs (models/README.md, "Warm start", measures it).
      rows.push(name.includes(" release ") ? { ...row, verdict: "info", criterion: `${row.criterion} (for information: the accounting's counterfactual runs have no census states of their own; models/README.md, "Warm start")` } : row);
    }

    // Each row above is tested at the Bonferroni level, which with few replications is lax; the
    // share of figures outside their own 95% Welch interval tests them together: about 5% by chance.
    const judged = names.filter((n) => !n.includes(" release "));
    const outside = judged.filter((n) => welchOutside(warm.get(n)!, long.get(n)!)).length;
    const expected = 0.05 * judged.length;
    const bound = expected + 3.09 * Math.sqrt(judged.length * 0.05 * 0.95);
    rows.push({
      ...exact({ id: id(), checks: `KPIs (every row above but the release accounting) whose census-start mean is outside the 95% Welch interval of its difference from the 730-day start's`, reference: expected, source: "5% of the figures by chance (the figures share replications, so this is a rough bound)", command, digits: 0 }, outside, reps, 0),
      verdict: outside <= bound ? "pass" : "fail",
      criterion: `at most ${bound.toFixed(1)} of ${judged.length} (5% + 3.09 binomial SD, one-sided 0.1%)`,
    });
    notes.push(`${outside} of ${judged.length} figures fall outside their own 95% interval (about ${expected.toFixed(1)} expected by chance).`);

    // MSER-5 on the census start's results period less the long start's on the same calendar days
    // (free of the seasons): days still to discard after the 30-day warm-up.
    const daily = warmRuns.map((r) => r.scenarios.find((x) => x.scenario === "baseline")!.daily);
    const longDaily = longRuns.map((r) => r.scenarios.find((x) => x.scenario === "baseline")!.daily);
    const meanOf = (runs: readonly Record<string, Float64Array>[], metric: string, d: number): number => runs.reduce((sum, x) => sum + (x[metric]?.[d] ?? 0), 0) / runs.length;
    for (const metric of ["ga_occupancy_pct", "homecare_waiting_people", "community_occupancy_pct"]) {
      const series = Array.from({ length: days }, (_, d) => meanOf(daily, metric, d) - meanOf(longDaily, metric, d));
      const m = mser5(series);
      const row = exact(
        { id: id(), checks: `MSER-5 on the census start's mean daily ${metric} over its results period less the long start's on the same calendar days (${series.length} days): days to discard`, reference: 0, source: "Hoad, Robinson & Davies (2010): MSER-5; 0 days means no initial bias is detectable", command, digits: 0 },
        m.truncatePoints,
        reps,
        0,
      );
      // Reported, not judged: MSER-5 on a difference of two noisy means may still truncate by chance.
      rows.push({ ...row, verdict: "info", criterion: `reported: MSER-5 would discard ${m.truncatePoints} days (the warm-up after the census is ${SHORT_WARMUP})` });
      notes.push(`MSER-5 on the census start's daily ${metric} over its results period, less the long start's on the same calendar days, discards ${m.truncatePoints} of ${series.length} days.`);
    }
    notes.unshift(
      `The census holds ${scenarioCount} scenario${scenarioCount === 1 ? "" : "s"}' states at the end of the ${LONG_WARMUP}-day warm-up, one per replication (${reps}; replications ${CENSUS_STATES_FROM} onwards of the warm-up, ${shortPlan.census!.patients} patients in all), written and read back as pathflow census and run --census do; the census start's replications are numbered from ${CENSUS_FIRST_REPLICATION}, so the two sets of replications are independent. Each figure is compared with a tolerance from both sets' standard errors, Bonferroni over the ${names.length} figures.`,
    );
    return { case: CASE, title: this.title, rows, notes, reps, seconds: (performance.now() - start) / 1000 };
  },
};

/** Whether mean(a) − mean(b) is outside its 95% Welch interval (two independent sets of replications). */
function welchOutside(a: readonly number[], b: readonly number[]): boolean {
  const sa = confidenceInterval(a, 0.95);
  const sb = confidenceInterval(b, 0.95);
  const va = (sa.sd ?? 0) ** 2 / a.length;
  const vb = (sb.sd ?? 0) ** 2 / b.length;
  if (va + vb === 0) return sa.mean !== sb.mean;
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return Math.abs(sa.mean - sb.mean) > studentTQuantile(0.975, df) * Math.sqrt(va + vb);
}

/**
 * The plan starting each scenario's replication k from its own state at the end of a 730-day
 * warm-up (replication CENSUS_STATES_FROM + k), written to a census file and read back as run
 * --census reads it.
 */
async function withStates(plan: ExperimentPlan, seed: number, reps: number, all: readonly string[]): Promise<ExperimentPlan> {
  const rows: CensusRow[] = [];
  for (const [i, scenario] of plan.scenarios.entries()) {
    const model = compileModel(plan.variants[i]!.spec, plan.variants[i]!.tables);
    for (let k = 0; k < reps; k++) {
      for (const r of takeCensus(model, { seed, replication: CENSUS_STATES_FROM + k, days: 0, warmupDays: LONG_WARMUP }).rows) rows.push({ ...r, scenario, replication: k });
    }
  }
  const dir = await mkdtemp(join(tmpdir(), "pathflow-census-"));
  try {
    const file = join(dir, "census.csv.gz");
    await writeFile(file, gzipSync(censusCsv(rows)));
    const census = readCensusPlan(file, { names: plan.scenarios, models: plan.variants.map((v) => compileModel(v.spec, v.tables)), all, baseline: plan.baseline });
    return { ...plan, census: { ...census, file: `pathflow census --scenario all --reps ${reps}` } };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
