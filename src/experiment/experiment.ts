/**
 * Running a planned experiment: replications of its scenarios under common random numbers on one
 * worker pool, aggregated in replication order as results arrive (memory stays flat as
 * replications grow: each replication leaves a handful of numbers per KPI and P² estimators per
 * daily cell, never its event list).
 */
import { Tally } from "../engine/tally.js";
import type { ReleaseMeasures } from "./release.js";
import { replicationsForPrecision } from "./statistics.js";
import { ReplicationPool } from "./pool.js";
import type { ExperimentPlan } from "./plan.js";
import type { ReplicationTaskResult, WorkerData, WorkerExperiment } from "./task.js";
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
    for (const { scenario, measures } of r.release) {
      const bySc = (this.release[scenario] ??= {});
      for (const m of measures) addMeasures((bySc[m.resource] ??= { expected: [], spare: [], drift: [], otherwise: [] }), m);
    }
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

function addMeasures(target: Record<ReleaseMeasureName, number[]>, m: ReleaseMeasures): void {
  target.expected.push(m.expected);
  target.spare.push(m.spare);
  target.drift.push(m.drift);
  target.otherwise.push(m.otherwise);
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
export function workerExperiment(plan: ExperimentPlan, firstVariant: number, eventsDir: string | undefined): WorkerExperiment {
  return {
    scenarios: plan.scenarios,
    variants: plan.variants.map((_, i) => firstVariant + i),
    baseline: plan.baseline,
    comparedWith: plan.comparedWith,
    seed: plan.settings.seed,
    days: plan.settings.days,
    warmupDays: plan.settings.warmupDays,
    eventsDir,
  };
}

/** Runs a planned experiment on a pool of its own. */
export async function runExperiment(plan: ExperimentPlan, options: RunOptions = {}): Promise<ExperimentResult> {
  const data: WorkerData = { variants: plan.variants, experiments: [workerExperiment(plan, 0, options.eventsDir)] };
  const reps = plan.settings.replications;
  const pool = new ReplicationPool(data, options, typeof reps === "number" ? reps : reps.maxReplications);
  try {
    return await runOnPool(plan, pool, 0, options);
  } finally {
    await pool.close();
  }
}

/** Runs experiment `index` of a pool's worker data (a run, or one cell of a sweep). */
export async function runOnPool(plan: ExperimentPlan, pool: ReplicationPool, index: number, options: RunOptions): Promise<ExperimentResult> {
  const startedAt = new Date();
  const reps = plan.settings.replications;
  const auto = typeof reps === "object" ? reps : null;
  let target = typeof reps === "number" ? reps : Math.min(reps.maxReplications, reps.minReplications ?? 10);
  const agg = new Aggregator(plan.scenarios);
  let completed = 0;
  let interrupted = false;
  let reached = false;
  for (;;) {
    const tasks = Array.from({ length: target - completed }, (_, i) => ({ experiment: index, replication: completed + i }));
    const delivered = await pool.run(tasks, {
      signal: options.signal,
      onResult: async (result) => {
        agg.add(result);
        if (options.onReplication) await options.onReplication(result);
        options.onProgress?.(agg.count, target);
      },
    });
    completed += delivered;
    if (delivered < tasks.length) {
      interrupted = true;
      break;
    }
    if (auto === null) break;
    const headline = Object.values(agg.kpis).flatMap((k) => HEADLINE_KPIS.filter((name) => name in k).map((name) => k[name]!));
    const measured = headline.length > 0 ? headline : Object.values(agg.kpis).flatMap((k) => Object.values(k));
    reached = measured.every((v) => precise(v, auto.precision));
    if (reached || completed >= auto.maxReplications) break;
    // The next batch depends on what has run, never on the worker count: outputs are the same for any.
    target = Math.min(auto.maxReplications, completed + Math.max(1, Math.ceil(completed / 2)));
  }
  const data: ExperimentData = {
    model: plan.model,
    scenarios: plan.scenarios,
    baseline: plan.baseline,
    comparedWith: plan.comparedWith,
    settings: plan.settings,
    workers: pool.workers,
    replications: {
      requested: target,
      completed,
      ...(auto === null ? {} : { precision: { target: auto.precision, maxReplications: auto.maxReplications, reached } }),
    },
    kpis: agg.kpis,
    byClass: Object.fromEntries(Object.entries(agg.byClass).map(([s, m]) => [s, [...m.values()]])),
    release: agg.release,
    daily: agg.daily,
    flows: agg.flows,
    decisionsByPressure: agg.decisions,
    decisionCells: agg.decisionCells,
    segments: agg.segments,
    occupancy: agg.occupancy(),
    events: agg.events,
    conservationProblems: agg.problems,
    startedAt,
    finishedAt: new Date(),
  };
  return interrupted ? { ...data, state: "partial", reason: "interrupted" } : { ...data, state: "complete" };
}
