/**
 * Running a planned experiment: replications of its scenarios under common random numbers on one
 * worker pool, aggregated in replication order as results arrive (memory stays flat as
 * replications grow: each replication leaves a handful of numbers per KPI and P² estimators per
 * daily cell, never its event list).
 */
import { Tally } from "../engine/tally.js";
import { modelTimeZeroMs } from "../calendar.js";
import type { ReleaseMeasures } from "./release.js";
import { RESOURCES } from "../pathway/ledger.js";
import { RELEASE_MEASURES } from "./release-measures.js";
import { interceptGuess, matchIntercept, MATCH_TOLERANCE_POINTS } from "./drift-range.js";
import { confidenceInterval, replicationsForPrecision } from "./statistics.js";
import { ReplicationPool } from "./pool.js";
import type { ExperimentPlan } from "./plan.js";
import type { ReplicationTask, ReplicationTaskResult, WorkerData, WorkerExperiment } from "./task.js";
import type { KpiValue, RunOptions, ReleaseMeasureName, ExperimentData, ExperimentResult, ClassKpiValues } from "../types.js";
export type { RunOptions, ReleaseMeasureName, DailyAccumulator, ReplicationCount, ExperimentData, ExperimentResult } from "../types.js";

const HEADLINE_KPIS = ["ga_occupancy_pct", "ed_4h_pct", "admissions_per_day", "amb_c2_mean_min", "nctr_mean_patients"];

class Aggregator {
  readonly kpis: ExperimentData["kpis"] = {};
  /** scenario → "kpi\0type\0class" → values (insertion order is the output order). */
  readonly byClass: Record<string, Map<string, ClassKpiValues>> = {};
  readonly release: ExperimentData["release"] = {};
  readonly daily: ExperimentData["daily"] = {};
  readonly flows: ExperimentData["flows"] = {};
  readonly decisions: ExperimentData["decisionsByPressure"] = {};
  readonly decisionCells: ExperimentData["decisionCells"] = {};
  readonly segments: ExperimentData["segments"] = {};
  readonly occupancySum: Record<string, Record<string, number[]>> = {};
  readonly flipped: ExperimentData["flipped"] = {};
  readonly capacityAdded: ExperimentData["capacityAdded"] = {};
  /** Per drift strength besides the model's (in the plan's order): baseline occupancy and release measures per replication. */
  readonly range: { baselineOccupancy: number[]; release: ExperimentData["release"] }[] = [];
  readonly problems: string[] = [];
  events = 0;
  count = 0;

  constructor(scenarios: readonly string[]) {
    for (const s of scenarios) {
      this.kpis[s] = {};
      this.byClass[s] = new Map();
      this.daily[s] = {};
      this.flows[s] = {};
      this.decisions[s] = {};
      this.decisionCells[s] = [];
      this.segments[s] = [];
      this.occupancySum[s] = {};
    }
  }

  add(r: ReplicationTaskResult): void {
    const n = this.count++;
    for (const sc of r.scenarios) {
      this.events += sc.events;
      const kpis = this.kpis[sc.scenario]!;
      for (const [k, v] of Object.entries(sc.kpis)) (kpis[k] ??= []).push(v); // every replication of a model reports the same KPIs
      const byClass = this.byClass[sc.scenario]!;
      for (const c of sc.byClass) {
        const key = `${c.kpi}\u0000${c.classType}\u0000${c.className}`;
        let entry = byClass.get(key);
        if (entry === undefined) {
          entry = { kpi: c.kpi, classType: c.classType, className: c.className, values: [] };
          byClass.set(key, entry);
        }
        entry.values.push(c.value);
      }
      const daily = this.daily[sc.scenario]!;
      for (const [metric, values] of Object.entries(sc.daily)) {
        let acc = daily[metric];
        if (acc === undefined) {
          acc = { sum: new Float64Array(values.length), tallies: Array.from(values, () => new Tally([0.1, 0.9])) };
          daily[metric] = acc;
        }
        for (let d = 0; d < values.length && d < acc.sum.length; d++) {
          acc.sum[d] = acc.sum[d]! + values[d]!;
          acc.tallies[d]!.record(values[d]!);
        }
      }
      const flows = this.flows[sc.scenario]!;
      for (const key of Object.keys(flows)) if (!(key in sc.admissionsBySourceBand)) flows[key]!.push(0);
      for (const [k, v] of Object.entries(sc.admissionsBySourceBand)) (flows[k] ??= new Array<number>(n).fill(0)).push(v);
      const dec = this.decisions[sc.scenario]!;
      for (const [band, d] of Object.entries(sc.decisionsByPressure)) {
        const t = (dec[band] ??= { decisions: 0, admitted: 0 });
        t.decisions += d.decisions;
        t.admitted += d.admitted;
      }
      this.decisionCells[sc.scenario]!.push(sc.decisionCells);
      this.segments[sc.scenario]!.push(sc.segments);
      const occ = this.occupancySum[sc.scenario]!;
      for (const [unit, dist] of Object.entries(sc.occupancy)) {
        const sum = (occ[unit] ??= []);
        dist.forEach((p, k) => (sum[k] = (sum[k] ?? 0) + p));
      }
      const c = sc.conservation;
      if (c.generated !== c.avoided + c.exited + c.inSystem) {
        this.problems.push(`${sc.scenario} replication ${r.replication}: generated ${c.generated} ≠ avoided ${c.avoided} + exited ${c.exited} + in system ${c.inSystem}`);
      }
      for (const [node, x] of Object.entries(c.nodes)) {
        if (x.maxBusy > x.capacityMax) this.problems.push(`${sc.scenario} replication ${r.replication}: ${node} had ${x.maxBusy} busy above its capacity ${x.capacityMax}`);
      }
    }
    for (const { scenario, measures, flipped, capacity } of r.release) {
      addRelease(this.release, scenario, measures);
      const f = (this.flipped[scenario] ??= { admittedInstead: [], notAdmittedInstead: [] });
      flipped.admittedInstead.forEach((x, band) => (f.admittedInstead[band] ??= []).push(x));
      flipped.notAdmittedInstead.forEach((x, band) => (f.notAdmittedInstead[band] ??= []).push(x));
      const c = (this.capacityAdded[scenario] ??= {});
      capacity.forEach((x, i) => {
        if (x !== null) (c[RESOURCES[i]!] ??= []).push(x);
      });
    }
    r.driftRange.forEach((strength, k) => {
      const range = (this.range[k] ??= { baselineOccupancy: [], release: {} });
      if (strength.baselineOccupancy !== null) range.baselineOccupancy.push(strength.baselineOccupancy);
      for (const { scenario, measures } of strength.release) addRelease(range.release, scenario, measures);
    });
  }

  occupancy(): ExperimentData["occupancy"] {
    const out: ExperimentData["occupancy"] = {};
    for (const [s, units] of Object.entries(this.occupancySum)) {
      out[s] = {};
      for (const [u, sum] of Object.entries(units)) out[s]![u] = sum.map((x) => x / Math.max(1, this.count));
    }
    return out;
  }
}

/** Adds one replication's release measures of a scenario. */
function addRelease(target: ExperimentData["release"], scenario: string, measures: readonly ReleaseMeasures[]): void {
  const bySc = (target[scenario] ??= {});
  for (const m of measures) {
    const into = (bySc[m.resource] ??= Object.fromEntries(RELEASE_MEASURES.map((name) => [name, []])) as unknown as Record<ReleaseMeasureName, number[]>);
    for (const name of RELEASE_MEASURES) into[name].push(m[name]);
  }
}

/**
 * Whether the 95% t-interval (the one kpi_summary.csv reports, over the replications that observed
 * the KPI) is within `precision` of the mean. A KPI no replication observed has nothing to estimate
 * and does not hold the run back; one observed once is not yet precise.
 */
function precise(values: readonly KpiValue[], precision: number): boolean {
  const seen = values.filter((v): v is number => v !== null);
  if (seen.length === 0) return true;
  return seen.length >= 2 && replicationsForPrecision(seen, precision, 0.95).achieved;
}

/** What the workers need of a plan (with the variants it indexes into). */
export function workerExperiment(plan: ExperimentPlan, firstVariant: number, eventsDir: string | undefined, episodesDir?: string): WorkerExperiment {
  return {
    scenarios: plan.scenarios,
    variants: plan.variants.map((_, i) => firstVariant + i),
    baseline: plan.baseline,
    comparedWith: plan.comparedWith,
    seed: plan.settings.seed,
    days: plan.settings.days,
    warmupDays: plan.settings.warmupDays,
    eventsDir,
    episodes: episodesDir === undefined ? undefined : { dir: episodesDir, timeZeroMs: modelTimeZeroMs(plan.model.calendar, plan.settings.warmupDays, plan.settings.days) },
    admission: plan.admission,
    census: plan.census === undefined ? undefined : { states: plan.census.states, idSpace: plan.census.idSpace },
    driftRange: plan.driftRange?.strengths.filter((s) => s.matched !== "model").map((s) => ({ b2: s.b2, b0: s.b0, ed: plan.driftRange!.ed, scenarios: plan.driftRange!.scenarios })),
  };
}

/** Runs a planned experiment on a pool of its own (first matching the drift range's intercepts where needed). */
export async function runExperiment(given: ExperimentPlan, options: RunOptions = {}): Promise<ExperimentResult> {
  const plan = await matchDriftRange(given, options);
  const data: WorkerData = { variants: plan.variants, experiments: [workerExperiment(plan, 0, options.eventsDir, options.episodesDir)] };
  const reps = plan.settings.replications;
  const pool = new ReplicationPool(data, options, typeof reps === "number" ? reps : reps.maxReplications);
  try {
    return await runOnPool(plan, pool, 0, options);
  } finally {
    await pool.close();
  }
}

/**
 * Runs several planned experiments (a sweep's cells, an uncertainty run's parameter sets) on one
 * pool, `window` of them at a time (each still aggregated in replication order, so the outputs are
 * the same for any window and worker count). Identical variants (the baseline of every cell of a
 * --set sweep) are shipped and compiled once. `onProgress` counts replications over all plans.
 * Stops at the first plan left partial; `results` are the complete prefix (and that partial one).
 */
export async function runPlansOnPool(plans: readonly ExperimentPlan[], options: RunOptions = {}, window = 1): Promise<{ results: ExperimentResult[]; partial: boolean }> {
  const variants: ExperimentPlan["variants"][number][] = [];
  const seen = new Map<string, number>();
  const experiments = plans.map((plan) => {
    const ex = workerExperiment(plan, 0, undefined);
    const indices = plan.variants.map((v) => {
      const key = JSON.stringify([v.spec, v.tables]);
      let i = seen.get(key);
      if (i === undefined) {
        i = variants.push(v) - 1;
        seen.set(key, i);
      }
      return i;
    });
    return { ...ex, variants: indices };
  });
  const data: WorkerData = { variants, experiments };
  const reps = plans[0]?.settings.replications ?? 1;
  const perPlan = typeof reps === "number" ? reps : reps.maxReplications;
  const pool = new ReplicationPool(data, options, perPlan * Math.max(1, window));
  const results: ExperimentResult[] = [];
  const done = new Array<number>(plans.length).fill(0);
  let partial = false;
  try {
    for (let start = 0; start < plans.length && !partial; start += Math.max(1, window)) {
      if (options.signal?.aborted) {
        partial = true;
        break;
      }
      const batch = plans.slice(start, start + Math.max(1, window));
      const finished = await Promise.all(
        batch.map((plan, k) =>
          runOnPool(plan, pool, start + k, {
            ...options,
            onProgress: (d, total) => {
              done[start + k] = d;
              options.onProgress?.(
                done.reduce((a, b) => a + b, 0),
                plans.length * total,
              );
            },
          }),
        ),
      );
      for (const result of finished) {
        if (partial) break;
        results.push(result);
        if (result.state === "partial") partial = true;
      }
    }
  } finally {
    await pool.close();
  }
  return { results, partial };
}

/**
 * Runs experiment `index` of a pool's worker data (a run, or one cell of a sweep). Replications in
 * `options.completed` (a resumed run's) are taken as they are, in their place in replication
 * order; only the others go to the pool.
 */
export async function runOnPool(plan: ExperimentPlan, pool: ReplicationPool, index: number, options: RunOptions): Promise<ExperimentResult> {
  const startedAt = new Date();
  const reps = plan.settings.replications;
  const auto = typeof reps === "object" ? reps : null;
  const known = options.completed ?? new Map<number, () => Promise<ReplicationTaskResult>>();
  let target = typeof reps === "number" ? reps : Math.min(reps.maxReplications, reps.minReplications ?? 10);
  const agg = new Aggregator(plan.scenarios);
  let completed = 0;
  let interrupted = false;
  let reached = false;
  const take = async (result: ReplicationTaskResult): Promise<void> => {
    agg.add(result);
    if (options.onReplication) await options.onReplication(result);
    options.onProgress?.(agg.count, target);
  };
  /** Takes the known replications from `completed` on, up to (not including) `end` or the first unknown one. */
  const takeKnown = async (end: number): Promise<void> => {
    for (let load = known.get(completed); completed < end && load !== undefined; load = known.get(completed)) {
      await take(await load());
      completed++;
    }
  };
  for (;;) {
    const tasks: ReplicationTask[] = [];
    for (let r = completed; r < target; r++) if (!known.has(r)) tasks.push({ experiment: index, replication: r });
    await takeKnown(target);
    if (tasks.length > 0) {
      await pool.run(tasks, {
        signal: options.signal,
        onFinished: options.onFinished,
        onResult: async (result) => {
          await takeKnown(result.replication);
          await take(result);
          completed = result.replication + 1;
        },
      });
      await takeKnown(target);
    }
    if (completed < target) {
      interrupted = true;
      break;
    }
    if (auto === null) break;
    reached = auto.target === "release-ratio" ? ratiosPrecise(agg.release, auto.precision) : kpisPrecise(agg.kpis, auto.precision);
    if (reached || completed >= auto.maxReplications) break;
    // The next batch depends on what has run, never on the worker count: outputs are the same for any.
    target = Math.min(auto.maxReplications, completed + Math.max(1, Math.ceil(completed / 2)));
  }
  const replications = {
    requested: target,
    completed,
    ...(auto === null ? {} : { precision: { target: auto.precision, maxReplications: auto.maxReplications, reached, ...(auto.target === "release-ratio" ? { what: "release-ratio" as const } : {}) } }),
  };
  const data = experimentData(plan, agg, { workers: pool.workers, replications, startedAt });
  return interrupted ? { ...data, state: "partial", reason: "interrupted" } : { ...data, state: "complete" };
}

/**
 * An experiment's result from replications already run (a merge of shards), aggregated in
 * replication order exactly as a run aggregates them as they arrive — so every output is the
 * same as the run's. Each is loaded when its turn comes (one in memory at a time). `missing` lists
 * the replications asked for but not given (a partial merge).
 */
export async function replayExperiment(
  plan: ExperimentPlan,
  replications: readonly { readonly replication: number; readonly load: () => Promise<ReplicationTaskResult> }[],
  run: { readonly workers: number; readonly startedAt: Date; readonly missing: readonly number[]; readonly onReplication?: ((result: ReplicationTaskResult) => void | Promise<void>) | undefined },
): Promise<ExperimentResult> {
  const agg = new Aggregator(plan.scenarios);
  for (const { load } of [...replications].sort((a, b) => a.replication - b.replication)) {
    const r = await load();
    agg.add(r);
    if (run.onReplication) await run.onReplication(r);
  }
  const requested = replications.length + run.missing.length;
  const data = experimentData(plan, agg, { workers: run.workers, replications: { requested, completed: replications.length }, startedAt: run.startedAt });
  return run.missing.length > 0 ? { ...data, state: "partial", reason: "missing", missing: run.missing } : { ...data, state: "complete" };
}

function experimentData(plan: ExperimentPlan, agg: Aggregator, run: { workers: number; replications: ExperimentData["replications"]; startedAt: Date }): ExperimentData {
  return {
    model: plan.model,
    scenarios: plan.scenarios,
    baseline: plan.baseline,
    comparedWith: plan.comparedWith,
    settings: plan.settings,
    ...(plan.census === undefined ? {} : { census: { file: plan.census.file, patients: plan.census.patients, states: censusStates(plan) } }),
    workers: run.workers,
    replications: run.replications,
    kpis: agg.kpis,
    byClass: Object.fromEntries(Object.entries(agg.byClass).map(([s, m]) => [s, [...m.values()]])),
    release: agg.release,
    daily: agg.daily,
    flows: agg.flows,
    decisionsByPressure: agg.decisions,
    flipped: agg.flipped,
    capacityAdded: agg.capacityAdded,
    driftRange:
      plan.driftRange === undefined
        ? undefined
        : {
            ed: plan.driftRange.ed,
            scenarios: plan.driftRange.scenarios,
            ...(plan.driftRange.measured === undefined ? {} : { measured: plan.driftRange.measured }),
            strengths: (() => {
              let k = 0;
              return plan.driftRange.strengths.map((s) => {
                if (s.matched === "model") return { ...s, baselineOccupancy: observed(agg.kpis[plan.baseline]?.["ga_occupancy_pct"]), release: agg.release };
                const range = agg.range[k++] ?? { baselineOccupancy: [], release: {} };
                return { ...s, ...range };
              });
            })(),
          },
    decisionCells: agg.decisionCells,
    segments: agg.segments,
    occupancy: agg.occupancy(),
    events: agg.events,
    conservationProblems: agg.problems,
    startedAt: run.startedAt,
    finishedAt: new Date(),
  };
}

/** Replications a search for a matched intercept runs (the experiment's first ones). */
export const MATCH_REPLICATIONS = 10;

/**
 * The plan with every drift strength's intercept matched: strengths the model file gives an
 * intercept for keep it; the others are found by a secant search on the baseline's G&A occupancy,
 * against the model as given, on the experiment's first replications.
 */
export async function matchDriftRange(plan: ExperimentPlan, options: RunOptions = {}): Promise<ExperimentPlan> {
  const range = plan.driftRange;
  if (range === undefined || range.strengths.every((s) => s.matched !== "to match")) return plan;
  const reps = plan.settings.replications;
  const n = Math.min(MATCH_REPLICATIONS, typeof reps === "number" ? reps : (reps.minReplications ?? 10));
  const baselineOnly = (admission?: ExperimentPlan["admission"]): ExperimentPlan => ({
    ...plan,
    scenarios: [plan.baseline],
    variants: [plan.variants[0]!],
    comparedWith: { [plan.baseline]: plan.baseline },
    settings: { ...plan.settings, replications: n },
    driftRange: undefined,
    admission,
  });
  const occupancyOf = async (p: ExperimentPlan): Promise<number> => {
    const result = await runExperiment(p, { workers: options.workers, workerFile: options.workerFile, signal: options.signal });
    if (result.state === "partial") throw new Error("interrupted while matching the drift range");
    const values = observed(result.kpis[plan.baseline]?.["ga_occupancy_pct"]);
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  };
  const model = range.strengths.find((s) => s.matched === "model");
  const spec = plan.variants[0]!.spec.nodes[range.ed] as unknown as { admission: { b0: number; b2PerOccupancyPoint: number; referenceOccupancyPct: number } };
  options.onStage?.(`matching the baseline's G&A occupancy at each drift strength (${n} replications a step)`);
  const target = await occupancyOf(baselineOnly());
  const strengths = [];
  for (const s of range.strengths) {
    if (s.matched !== "to match") {
      strengths.push(s);
      continue;
    }
    const first = interceptGuess(model?.b0 ?? spec.admission.b0, spec.admission.b2PerOccupancyPoint, s.b2, target, spec.admission.referenceOccupancyPct);
    const found = await matchIntercept((b0) => occupancyOf(baselineOnly({ ed: range.ed, b2: s.b2, b0 })), target, first, MATCH_TOLERANCE_POINTS / 2);
    options.onStage?.(`drift strength ${s.b2}: intercept ${found.b0.toFixed(4)} gives ${found.occupancy.toFixed(2)}% against ${target.toFixed(2)}% (${found.steps} steps)`);
    strengths.push({ ...s, b0: found.b0, matched: "search" as const });
  }
  return { ...plan, driftRange: { ...range, strengths } };
}

/** The observed values of a KPI (G&A occupancy is observed in every replication of a model with beds). */
function observed(values: readonly (number | null)[] | undefined): number[] {
  return (values ?? []).filter((v): v is number => v !== null);
}

/** Whether every headline KPI's 95% CI is within `precision` of its mean (the default target of --reps auto). */
function kpisPrecise(kpis: ExperimentData["kpis"], precision: number): boolean {
  const headline = Object.values(kpis).flatMap((k) => HEADLINE_KPIS.filter((name) => name in k).map((name) => k[name]!));
  const measured = headline.length > 0 ? headline : Object.values(kpis).flatMap((k) => Object.values(k));
  return measured.every((v) => precise(v, precision));
}

/** The resource whose release ratio --reps auto targets: acute beds where the model has them. */
const RATIO_RESOURCES = ["acute_bed_days", "community_bed_days", "homecare_hours", "ed_cubicle_hours", "ambulance_hours"];

/**
 * Whether every demand scenario's headline release ratio (the first resource, acute beds first,
 * that has an expected release in every replication) has a 95% CI half-width within `halfWidth`.
 * A run with no such ratio has nothing to target: it stops as if reached.
 */
export function ratiosPrecise(release: ExperimentData["release"], halfWidth: number): boolean {
  for (const byResource of Object.values(release)) {
    const resource = RATIO_RESOURCES.find((r) => (byResource[r]?.expected.length ?? 0) > 0 && byResource[r]!.expected.every((x) => x > 0));
    if (resource === undefined) continue;
    const m = byResource[resource]!;
    const ratios = m.spare.map((s, i) => s / m.expected[i]!);
    if (ratios.length < 2) return false;
    const ci = confidenceInterval(ratios);
    if (!(ci.halfWidth !== null && ci.halfWidth <= halfWidth)) return false;
  }
  return true;
}

/** Which census state each scenario's replications start from, in words (run_metadata.csv, stress.md). */
export function censusStates(plan: ExperimentPlan): string {
  const census = plan.census!;
  const described = plan.scenarios.map((name) => {
    const states = census.states[name]!;
    const whose = states[0]![0]?.scenario ?? null;
    const one = states.length === 1;
    const count = (owner: string): string => (one ? `one state${owner} for every replication` : `${states.length} states${owner} (replication r from state r mod ${states.length})`);
    return { name, whose, shared: count(whose === null ? "" : ` of ${whose}`), own: whose === name ? count(" of its own") : null };
  });
  if (described.every((d) => d.shared === described[0]!.shared)) return `${described.length > 1 ? "every scenario from " : ""}${described[0]!.shared}`;
  if (described.every((d) => d.own !== null && d.own === described[0]!.own)) return `each scenario from ${described[0]!.own}`;
  return described.map((d) => `${d.name}: ${d.own ?? d.shared}`).join("; ");
}
