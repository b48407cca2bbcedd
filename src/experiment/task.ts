/**
 * One unit of work for the pool: replication r of every scenario of one experiment (a run, or a
 * sweep cell), in the same thread, so the per-patient ledgers of the baseline and each scenario
 * can be matched without any data crossing threads. The result is compact: KPIs, daily series,
 * flows and release measures — never an event list.
 */
import { compileModel } from "../model/compile.js";
import { type CompiledModel } from "../model/compiled.js";
import { runReplication, type ReplicationResult } from "../pathway/run.js";
import type { PatientLedger } from "../pathway/ledger.js";
import { EventLog } from "../io/events.js";
import { releaseAccounting, type ReleaseMeasures } from "./release.js";
import type { Variant } from "./plan.js";
import type { ReplicationTaskResult } from "../types.js";
export type { ScenarioReplication, ReplicationTaskResult } from "../types.js";

/** An experiment as the workers see it: which variants to run and how (shipped once per worker). */
export interface WorkerExperiment {
  /** Scenario names, baseline first. */
  readonly scenarios: readonly string[];
  /** Index into the shipped variants of each scenario's variant. */
  readonly variants: readonly number[];
  readonly baseline: string;
  /** What each scenario is compared with. */
  readonly comparedWith: Readonly<Record<string, string>>;
  readonly seed: number;
  readonly days: number;
  readonly warmupDays: number;
  /** Directory for per-replication event files (patient-level log); none when absent. */
  readonly eventsDir?: string | undefined;
}

/** What every worker receives once, when it starts. */
export interface WorkerData {
  readonly variants: readonly Variant[];
  readonly experiments: readonly WorkerExperiment[];
}

export interface ReplicationTask {
  /** Index into WorkerData.experiments. */
  readonly experiment: number;
  readonly replication: number;
}

/** A worker's compiled variants, compiled the first time a task needs each. */
export class CompiledVariants {
  private readonly compiled = new Map<number, CompiledModel>();
  constructor(private readonly variants: readonly Variant[]) {}

  get(index: number): CompiledModel {
    let c = this.compiled.get(index);
    if (c === undefined) {
      const v = this.variants[index];
      if (v === undefined) throw new Error(`no variant ${index} was shipped to this worker`);
      c = compileModel(v.spec, v.tables);
      this.compiled.set(index, c);
    }
    return c;
  }
}

/** Runs one replication of every scenario of the task's experiment. */
export async function runTask(task: ReplicationTask, data: WorkerData, compiled: CompiledVariants): Promise<ReplicationTaskResult> {
  const ex = data.experiments[task.experiment];
  if (ex === undefined) throw new Error(`no experiment ${task.experiment} was shipped to this worker`);
  const events = ex.eventsDir === undefined ? null : EventLog.open(ex.eventsDir, task.replication);
  const needLedger = ex.scenarios.length > 1;
  // Ledgers are the memory of a task: keep only those another scenario is still compared with,
  // and account each scenario's release as soon as its reference has run.
  const referenceOf = (scenario: string): string => ex.comparedWith[scenario] ?? ex.baseline;
  const references = new Set(ex.scenarios.map(referenceOf));
  const ledgers = new Map<string, PatientLedger>();
  const release: { scenario: string; comparedWith: string; measures: ReleaseMeasures[] }[] = [];
  const results: ReplicationResult[] = [];
  try {
    for (const [i, scenario] of ex.scenarios.entries()) {
      const model = compiled.get(ex.variants[i]!);
      let result: ReplicationResult;
      try {
        result = runReplication(model, {
          replication: task.replication,
          seed: ex.seed,
          days: ex.days,
          warmupDays: ex.warmupDays,
          ledger: needLedger,
          onEvent: events?.sink(scenario),
        });
      } catch (error) {
        // Name the scenario: the pool adds the replication and the seed.
        if (error instanceof Error) error.message = `scenario "${scenario}": ${error.message}`;
        throw error;
      }
      const ledger = result.ledger;
      delete result.ledger;
      results.push(result);
      if (ledger === undefined) continue;
      const comparedWith = referenceOf(scenario);
      const reference = ledgers.get(comparedWith);
      if (comparedWith !== scenario && reference !== undefined) release.push({ scenario, comparedWith, measures: releaseAccounting(reference, ledger) });
      if (references.has(scenario)) ledgers.set(scenario, ledger);
    }
    events?.close();
  } catch (error) {
    events?.discard();
    throw error;
  }
  return {
    replication: task.replication,
    seed: ex.seed,
    scenarios: results.map((r, i) => ({
      scenario: ex.scenarios[i]!,
      kpis: r.kpis,
      byClass: r.byClass,
      daily: r.daily,
      admissionsBySourceBand: r.admissionsBySourceBand,
      decisionsByPressure: r.admissionDecisionsByPressure,
      decisionCells: r.decisionCells,
      segments: r.segments,
      occupancy: r.occupancy,
      events: r.events,
      conservation: r.conservation,
    })),
    release,
  };
}
