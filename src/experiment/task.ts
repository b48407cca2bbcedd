/**
 * One unit of work for the pool: replication r of every scenario in a comparison, run in the same
 * thread so the per-patient ledgers of the baseline and each scenario can be matched without any
 * data crossing threads. The result is compact: KPIs, daily series, flows and release measures —
 * never an event list.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { compileModel, type CompiledModel } from "../model/compile.js";
import { loadModel, type LoadedModel } from "../model/load.js";
import { runReplication, type Conservation, type ReplicationResult } from "../pathway/run.js";
import type { PatientLedger } from "../pathway/ledger.js";
import { resolveScenario } from "../model/scenario.js";
import { releaseAccounting, type ReleaseMeasures } from "./release.js";

/** A change applied on top of a scenario (a sweep cell's grid values). */
export interface Override {
  readonly path: string;
  readonly set: unknown;
}

export interface ReplicationTask {
  /** Model file path (workers load and compile it once and cache it). */
  readonly modelFile: string;
  /** Scenarios to run, baseline first. */
  readonly scenarios: readonly string[];
  /** Which of them is the run's baseline (run first; changes in overrides spare it). */
  readonly baseline: string;
  /** What each scenario is compared with, when not the baseline (a scenario's compareWith). */
  readonly comparisons?: Readonly<Record<string, string>> | undefined;
  readonly replication: number;
  readonly seed: number;
  readonly days?: number | undefined;
  readonly warmupDays?: number | undefined;
  /** Extra changes applied to every scenario, the baseline included (a sweep's context). */
  readonly overrides?: readonly Override[] | undefined;
  /** Extra changes applied to every scenario but the baseline (a sweep's intervention). */
  readonly scenarioOverrides?: readonly Override[] | undefined;
  /** When set, patient-level events are written to this file (CSV rows, no header). */
  readonly eventsFile?: string | undefined;
}

export interface ScenarioReplication {
  readonly scenario: string;
  readonly kpis: Record<string, number>;
  readonly daily: Record<string, Float64Array>;
  readonly admissionsBySourceBand: Record<string, number>;
  readonly decisionsByPressure: ReplicationResult["admissionDecisionsByPressure"];
  readonly occupancy: Record<string, number[]>;
  readonly events: number;
  readonly conservation: Conservation;
}

export interface ReplicationTaskResult {
  readonly replication: number;
  readonly seed: number;
  readonly scenarios: readonly ScenarioReplication[];
  /** Release measures of each scenario against what it is compared with. */
  readonly release: readonly { readonly scenario: string; readonly comparedWith: string; readonly measures: readonly ReleaseMeasures[] }[];
}

/** Per-thread cache: loaded model files and compiled scenarios. */
export class TaskCache {
  private readonly loaded = new Map<string, Promise<LoadedModel>>();
  private readonly compiled = new Map<string, CompiledModel>();

  async model(file: string): Promise<LoadedModel> {
    let m = this.loaded.get(file);
    if (m === undefined) {
      m = loadModel(file);
      this.loaded.set(file, m);
    }
    return m;
  }

  async compiledScenario(file: string, scenario: string, overrides: readonly Override[] = []): Promise<CompiledModel> {
    const key = JSON.stringify([file, scenario, overrides]);
    let c = this.compiled.get(key);
    if (c === undefined) {
      const loaded = await this.model(file);
      const resolved = resolveScenario(withOverrides(loaded, scenario, overrides), overrides.length > 0 ? SWEEP_SCENARIO : scenario);
      c = compileModel(resolved.model, resolved.tables);
      this.compiled.set(key, c);
    }
    return c;
  }
}

/** The name under which a sweep cell's changes are applied. */
export const SWEEP_SCENARIO = "sweep-cell";

/** A copy of the loaded model with a synthetic scenario = `scenario`'s changes + the overrides. */
export function withOverrides(loaded: LoadedModel, scenario: string, overrides: readonly Override[]): LoadedModel {
  if (overrides.length === 0) return loaded;
  const raw = structuredClone(loaded.raw) as { scenarios?: Record<string, { changes?: unknown[] }> };
  const base = raw.scenarios?.[scenario];
  const changes = [...(base?.changes ?? []), ...overrides.map((o) => ({ path: o.path, set: o.set, why: "sweep" }))];
  raw.scenarios = { ...(raw.scenarios ?? {}), [SWEEP_SCENARIO]: { changes } };
  return { ...loaded, raw };
}

function csvText(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The changes a task applies on top of one of its scenarios. */
export function overridesFor(task: Pick<ReplicationTask, "baseline" | "overrides" | "scenarioOverrides">, scenario: string): Override[] {
  return [...(task.overrides ?? []), ...(scenario === task.baseline ? [] : (task.scenarioOverrides ?? []))];
}

/** Runs one replication of every scenario of the task. */
export async function runTask(task: ReplicationTask, cache: TaskCache): Promise<ReplicationTaskResult> {
  let events: WriteStream | null = null;
  if (task.eventsFile !== undefined) events = createWriteStream(task.eventsFile);
  const needLedger = task.scenarios.length > 1;
  // Ledgers are the memory of a task: keep only those another scenario is still compared with,
  // and account each scenario's release as soon as its reference has run.
  const referenceOf = (scenario: string): string => task.comparisons?.[scenario] ?? task.baseline;
  const references = new Set(task.scenarios.map(referenceOf));
  const ledgers = new Map<string, PatientLedger>();
  const release: { scenario: string; comparedWith: string; measures: ReleaseMeasures[] }[] = [];
  const results: ReplicationResult[] = [];
  for (const scenario of task.scenarios) {
    const compiled = await cache.compiledScenario(task.modelFile, scenario, overridesFor(task, scenario));
    const sink = events;
    const scenarioCell = csvText(scenario);
    const onEvent =
      sink === null
        ? undefined
        : (t: number, id: number, event: string, node: string) => {
            sink.write(`${scenarioCell},${task.replication},${t.toFixed(4)},${id},${event},${csvText(node)}\n`);
          };
    let result: ReplicationResult;
    try {
      result = runReplication(compiled, {
        replication: task.replication,
        seed: task.seed,
        ledger: needLedger,
        onEvent,
        ...(task.days !== undefined ? { days: task.days } : {}),
        ...(task.warmupDays !== undefined ? { warmupDays: task.warmupDays } : {}),
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
  if (events !== null) {
    const stream = events;
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return {
    replication: task.replication,
    seed: task.seed,
    scenarios: results.map((r, i) => ({
      scenario: task.scenarios[i]!,
      kpis: r.kpis,
      daily: r.daily,
      admissionsBySourceBand: r.admissionsBySourceBand,
      decisionsByPressure: r.admissionDecisionsByPressure,
      occupancy: r.occupancy,
      events: r.events,
      conservation: r.conservation,
    })),
    release,
  };
}
