/**
 * An experiment: replications of several scenarios of one model under common random numbers, on a
 * worker pool, aggregated in replication order as results arrive (memory stays flat as
 * replications grow: each replication leaves a handful of numbers per KPI and P² estimators per
 * daily cell, never its event list).
 */
import { Tally } from "../engine/stats.js";
import { loadModel, type LoadedModel } from "../model/load.js";
import { RESOURCES } from "../pathway/ledger.js";
import { resolveScenario } from "../model/scenario.js";
import { runPool, defaultWorkers } from "./pool.js";
import { SWEEP_SCENARIO, overridesFor, withOverrides, type Override, type ReplicationTask, type ReplicationTaskResult } from "./task.js";
import type { ReleaseMeasures } from "./release.js";
import { replicationsForPrecision } from "./statistics.js";

export interface AutoReplications {
  /** Target CI half-width relative to the mean (e.g. 0.05). */
  readonly precision: number;
  /** Stop adding replications here whatever the precision. */
  readonly maxReplications: number;
  /** Starting replications before precision is judged. Default 10. */
  readonly minReplications?: number;
}

export interface ExperimentOptions {
  readonly modelFile: string;
  /** Scenarios to run; default every scenario in the model. The baseline is always run. */
  readonly scenarios?: readonly string[] | undefined;
  /** Default "baseline". */
  readonly baseline?: string | undefined;
  /** A number, or automatic (Hoad, Robinson & Davies 2010). Default the model's. */
  readonly replications?: number | AutoReplications | undefined;
  readonly seed?: number | undefined;
  readonly days?: number | undefined;
  readonly warmupDays?: number | undefined;
  /** Worker threads; default available cores. */
  readonly workers?: number | undefined;
  /** Changes applied to every scenario, the baseline included (a sweep cell's context). */
  readonly overrides?: readonly Override[] | undefined;
  /** Changes applied to every scenario but the baseline (a sweep cell's intervention). */
  readonly scenarioOverrides?: readonly Override[] | undefined;
  /** Directory for per-replication event files (patient-level log); off when absent. */
  readonly eventsDir?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Progress: replications completed so far, and the current target. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Each replication's result, in replication order (e.g. to stream kpi_replications.csv). */
  readonly onReplication?: ((result: ReplicationTaskResult) => void | Promise<void>) | undefined;
}

export type ReleaseMeasureName = "expected" | "spare" | "drift" | "otherwise";

/** Per-day statistics across replications for one metric. */
export interface DailyAccumulator {
  readonly sum: Float64Array;
  readonly tallies: Tally[];
}

export interface ExperimentResult {
  readonly loaded: LoadedModel;
  readonly modelFile: string;
  readonly scenarios: readonly string[];
  readonly baseline: string;
  /** What each scenario is compared with (its compareWith, or the baseline). */
  readonly comparedWith: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly days: number;
  readonly warmupDays: number;
  readonly workers: number;
  readonly replicationsRequested: number;
  readonly replicationsCompleted: number;
  /** True when the run stopped early (interrupted): outputs cover the completed replications. */
  readonly partial: boolean;
  /** scenario → KPI → one value per replication, in replication order. */
  readonly kpis: Record<string, Record<string, number[]>>;
  /** scenario → resource → measure → values per replication. */
  readonly release: Record<string, Record<string, Record<ReleaseMeasureName, number[]>>>;
  /** scenario → metric → per-day accumulators. */
  readonly daily: Record<string, Record<string, DailyAccumulator>>;
  /** scenario → "route|band" → admissions per day per replication. */
  readonly flows: Record<string, Record<string, number[]>>;
  /** scenario → pressure band → decisions and admissions summed over replications. */
  readonly decisionsByPressure: Record<string, Record<string, { decisions: number; admitted: number }>>;
  /** scenario → unit → mean occupancy distribution over replications (unlimited units). */
  readonly occupancy: Record<string, Record<string, number[]>>;
  /** Events simulated, all scenarios and replications. */
  readonly events: number;
  /** Conservation problems found (should be none). */
  readonly conservationProblems: readonly string[];
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

const HEADLINE_KPIS = ["ga_occupancy_pct", "ed_4h_pct", "admissions_per_day", "amb_c2_mean_min", "nctr_mean_patients"];

class Aggregator {
  readonly kpis: ExperimentResult["kpis"] = {};
  readonly release: ExperimentResult["release"] = {};
  readonly daily: ExperimentResult["daily"] = {};
  readonly flows: ExperimentResult["flows"] = {};
  readonly decisions: ExperimentResult["decisionsByPressure"] = {};
  readonly occupancySum: Record<string, Record<string, number[]>> = {};
  readonly problems: string[] = [];
  events = 0;
  count = 0;

  constructor(private readonly scenarios: readonly string[]) {
    for (const s of scenarios) {
      this.kpis[s] = {};
      this.daily[s] = {};
      this.flows[s] = {};
      this.decisions[s] = {};
      this.occupancySum[s] = {};
    }
  }

  add(r: ReplicationTaskResult): void {
    const n = this.count++;
    for (const sc of r.scenarios) {
      this.events += sc.events;
      const kpis = this.kpis[sc.scenario]!;
      for (const [k, v] of Object.entries(sc.kpis)) (kpis[k] ??= []).push(v); // every replication of a model reports the same KPIs
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

  occupancy(): ExperimentResult["occupancy"] {
    const out: ExperimentResult["occupancy"] = {};
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

/** Whether the 95% t-interval (the one kpi_summary.csv reports) is within `precision` of the mean. */
function precise(values: readonly number[], precision: number): boolean {
  return values.length >= 2 && replicationsForPrecision(values, precision, 0.95).achieved;
}

/** Validates the request: the model, the scenarios and the baseline. Throws PathflowInputError. */
export async function prepareExperiment(
  options: ExperimentOptions,
): Promise<{ loaded: LoadedModel; scenarios: string[]; baseline: string; comparedWith: Record<string, string> }> {
  const loaded = await loadModel(options.modelFile);
  const all = Object.keys(loaded.model.scenarios);
  const baseline = options.baseline ?? "baseline";
  const requested = options.scenarios && options.scenarios.length > 0 ? [...options.scenarios] : all;
  const scenarios = [baseline, ...requested.filter((s) => s !== baseline)];
  // A scenario compared with another (compareWith) brings that one into the run; when the
  // user names a --baseline, every scenario is compared with it.
  const comparedWith: Record<string, string> = {};
  for (const s of [...scenarios]) {
    const other = options.baseline === undefined ? loaded.model.scenarios[s]?.compareWith : undefined;
    comparedWith[s] = other ?? baseline;
    if (other !== undefined && !scenarios.includes(other)) scenarios.splice(1, 0, other);
  }
  for (const s of scenarios) comparedWith[s] ??= baseline;
  // Resolve each scenario now so bad input fails before any work starts.
  for (const s of scenarios) {
    const overrides = overridesFor({ baseline, overrides: options.overrides, scenarioOverrides: options.scenarioOverrides }, s);
    if (overrides.length > 0) resolveScenario(withOverrides(loaded, s, overrides), SWEEP_SCENARIO);
    else resolveScenario(loaded, s);
  }
  return { loaded, scenarios, baseline, comparedWith };
}

/** Runs an experiment. Bad input throws PathflowInputError before anything runs. */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const startedAt = new Date();
  const { loaded, scenarios, baseline, comparedWith } = await prepareExperiment(options);
  const model = loaded.model;
  const seed = options.seed ?? model.run.seed;
  const workers = options.workers ?? defaultWorkers();
  const reps = options.replications ?? model.run.replications;
  const auto = typeof reps === "object" ? reps : null;
  let target = auto === null ? (reps as number) : Math.min(auto.maxReplications, auto.minReplications ?? 10);
  const agg = new Aggregator(scenarios);
  const makeTask = (replication: number): ReplicationTask => ({
    modelFile: options.modelFile,
    scenarios,
    baseline,
    comparisons: comparedWith,
    replication,
    seed,
    days: options.days,
    warmupDays: options.warmupDays,
    overrides: options.overrides,
    scenarioOverrides: options.scenarioOverrides,
    eventsFile: options.eventsDir === undefined ? undefined : `${options.eventsDir}/events-${replication}.part`,
  });
  let completed = 0;
  let interrupted = false;
  for (;;) {
    const tasks = Array.from({ length: target - completed }, (_, i) => makeTask(completed + i));
    const delivered = await runPool(tasks, {
      workers,
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
    if (auto === null || completed >= auto.maxReplications) break;
    const headline = Object.values(agg.kpis).flatMap((k) => HEADLINE_KPIS.filter((name) => name in k).map((name) => k[name]!));
    const measured = headline.length > 0 ? headline : Object.values(agg.kpis).flatMap((k) => Object.values(k));
    if (measured.every((v) => precise(v, auto.precision))) break;
    target = Math.min(auto.maxReplications, completed + Math.max(workers, Math.ceil(completed / 2)));
  }
  return {
    loaded,
    modelFile: options.modelFile,
    scenarios,
    baseline,
    comparedWith,
    seed,
    days: options.days ?? model.run.days,
    warmupDays: options.warmupDays ?? model.run.warmupDays,
    workers,
    replicationsRequested: auto === null ? (reps as number) : target,
    replicationsCompleted: completed,
    partial: interrupted,
    kpis: agg.kpis,
    release: agg.release,
    daily: agg.daily,
    flows: agg.flows,
    decisionsByPressure: agg.decisions,
    occupancy: agg.occupancy(),
    events: agg.events,
    conservationProblems: agg.problems,
    startedAt,
    finishedAt: new Date(),
  };
}

export { RESOURCES };
