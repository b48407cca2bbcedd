/**
 * One unit of work for the pool: replication r of every scenario of one experiment (a run, or a
 * sweep cell), in the same thread, so the per-patient ledgers of the baseline and each scenario
 * can be matched without any data crossing threads. The result is compact: KPIs, daily series,
 * flows and release measures — never an event list.
 */
import { compileModel, type RunTiming } from "../model/compile.js";
import { type CompiledModel } from "../model/compiled.js";
import { runReplication, type ReplicationResult } from "../pathway/run.js";
import type { BehaviourBook, CensusRow, ReplicationOptions } from "../types.js";
import type { PatientLedger } from "../pathway/ledger.js";
import { EventLog } from "../io/events.js";
import { EpisodeLog } from "../io/episodes.js";
import { releaseAccounting, totalUse, type Mechanism, type ReleaseMeasures } from "./release.js";
import { withAdmission } from "./drift-range.js";
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
  /** Where to write per-replication episode parts (--episodes), and the date-time of model time 0 (ms); none when absent. */
  readonly episodes?: { readonly dir: string; readonly timeZeroMs: number } | undefined;
  /** The drift strengths besides the model's own, with their matched intercepts (none: no drift range). */
  readonly driftRange?: readonly { readonly b2: number; readonly b0: number; readonly ed: string; readonly scenarios: readonly string[] }[] | undefined;
  /** Run every scenario at this admission rule instead (a search for a matched intercept). */
  readonly admission?: { readonly b2: number; readonly b0: number; readonly ed: string } | undefined;
  /** The census states each scenario's replications start from, and the ids census patients take (none: empty starts). */
  readonly census?: { readonly states: Readonly<Record<string, readonly (readonly CensusRow[])[]>>; readonly idSpace: number } | undefined;
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

/** Compiled variants a worker keeps (a compiled ICS is several MB; compiling one takes a fraction of a replication). */
const COMPILED_LIMIT = 12;

/**
 * A worker's compiled variants, compiled the first time a task needs each (the most recently used
 * kept). A dated model (run.startDate) is compiled for each run timing it is run with: its time 0
 * lies the warm-up before the start date.
 */
export class CompiledVariants {
  private readonly compiled = new Map<string, CompiledModel>();
  constructor(private readonly variants: readonly Variant[]) {}

  get(index: number, timing: RunTiming): CompiledModel {
    const v = this.variants[index];
    if (v === undefined) throw new Error(`no variant ${index} was shipped to this worker`);
    const key = v.spec.run.startDate === undefined ? String(index) : `${index}/${timing.warmupDays}/${timing.days}`;
    let c = this.compiled.get(key);
    if (c === undefined) {
      c = compileModel(v.spec, v.tables, timing);
    } else {
      this.compiled.delete(key);
    }
    // Most recently used last; the least recently used goes beyond the limit, so a sweep or an
    // uncertainty run of many cells (each its own variants, run one after another) keeps memory flat.
    this.compiled.set(key, c);
    if (this.compiled.size > COMPILED_LIMIT) this.compiled.delete(this.compiled.keys().next().value!);
    return c;
  }
}

/** A reference run (a baseline, or a scenario another is compared with): its ledger and behaviour book. */
interface Reference {
  readonly ledger: PatientLedger;
  readonly book: BehaviourBook;
  readonly model: CompiledModel;
}

/**
 * The mechanisms of absorption switched on in either of two models: drift (b2 ≠ 0), longer stays
 * (a unit stretches stays), elective backfill (a unit has an elective list that books anyone).
 */
export function mechanismsOn(a: CompiledModel, b: CompiledModel): Mechanism[] {
  const drift = [a, b].some((m) => m.nodes.some((n) => n.kind === "ed" && n.b2 !== 0));
  const stretch = [a, b].some((m) => m.nodes.some((n) => n.kind === "unit" && n.losStretch !== null));
  const electives = [a, b].some((m) => m.nodes.some((n) => n.kind === "unit" && n.electives !== null && n.electives.bookingsByWeekday.some((x) => x > 0)));
  return [...(drift ? (["drift"] as const) : []), ...(stretch ? (["longer_stays"] as const) : []), ...(electives ? (["electives"] as const) : [])];
}

/**
 * Release accounting of `model` against a reference: the scenario's own run (done), then one
 * counterfactual run for every non-empty subset of the mechanisms switched on, holding those at
 * the reference's behaviour.
 */
function account(reference: Reference, model: CompiledModel, ledger: PatientLedger, options: ReplicationOptions): { measures: ReleaseMeasures[]; flipped: { admittedInstead: number[]; notAdmittedInstead: number[]; direct: number[] } } {
  const mechanisms = mechanismsOn(reference.model, model);
  const heldUse: Float64Array[] = [totalUse(ledger)];
  let allHeld = ledger;
  const full = (1 << mechanisms.length) - 1;
  for (let mask = 1; mask <= full; mask++) {
    const held = runReplication(model, {
      ...options,
      onEvent: undefined,
      ledger: true,
      recordBehaviour: false,
      hold: reference.book,
      holdDecisions: (mask & (1 << mechanisms.indexOf("drift"))) !== 0 && mechanisms.includes("drift"),
      holdStretch: (mask & (1 << mechanisms.indexOf("longer_stays"))) !== 0 && mechanisms.includes("longer_stays"),
      holdElectives: (mask & (1 << mechanisms.indexOf("electives"))) !== 0 && mechanisms.includes("electives"),
    }).ledger!;
    heldUse[mask] = totalUse(held);
    if (mask === full) allHeld = held;
  }
  const { measures, flipped } = releaseAccounting(reference.ledger, ledger, mechanisms, heldUse, allHeld, model.bands);
  return { measures, flipped: { admittedInstead: Array.from(flipped.admittedInstead), notAdmittedInstead: Array.from(flipped.notAdmittedInstead), direct: Array.from(flipped.direct) } };
}

/** Runs one replication of every scenario of the task's experiment, with its release accounting and drift range. */
export async function runTask(task: ReplicationTask, data: WorkerData, compiled: CompiledVariants): Promise<ReplicationTaskResult> {
  const ex = data.experiments[task.experiment];
  if (ex === undefined) throw new Error(`no experiment ${task.experiment} was shipped to this worker`);
  const events = ex.eventsDir === undefined ? null : EventLog.open(ex.eventsDir, task.replication);
  let episodes: EpisodeLog | null = null;
  const needLedger = ex.scenarios.length > 1;
  // Ledgers are the memory of a task: keep only those another scenario is still compared with,
  // and account each scenario's release as soon as its reference has run.
  const referenceOf = (scenario: string): string => ex.comparedWith[scenario] ?? ex.baseline;
  const references = new Set(ex.scenarios.map(referenceOf));
  const kept = new Map<string, Reference>();
  const release: ReplicationTaskResult["release"][number][] = [];
  const results: ReplicationResult[] = [];
  const base: ReplicationOptions = { replication: task.replication, seed: ex.seed, days: ex.days, warmupDays: ex.warmupDays };
  const from = (scenario: string): ReplicationOptions => withCensusState(ex, scenario, base);
  try {
    if (ex.episodes !== undefined) episodes = EpisodeLog.open(ex.episodes.dir, task.replication, ex.episodes.timeZeroMs);
    for (const [i, scenario] of ex.scenarios.entries()) {
      const variant = compiled.get(ex.variants[i]!, ex);
      const model = ex.admission === undefined ? variant : withAdmission(variant, ex.admission.ed, ex.admission.b2, ex.admission.b0);
      const isReference = needLedger && references.has(scenario);
      const result = named(scenario, () => runReplication(model, { ...from(scenario), ledger: needLedger, recordBehaviour: isReference, onEvent: events?.sink(scenario), onDecision: episodes?.sink(scenario) }));
      const { ledger, book } = result;
      delete result.ledger;
      delete result.book;
      results.push(result);
      if (ledger === undefined) continue;
      const comparedWith = referenceOf(scenario);
      const reference = kept.get(comparedWith);
      if (comparedWith !== scenario && reference !== undefined) {
        const accounted = named(scenario, () => account(reference, model, ledger, from(scenario)));
        release.push({ scenario, comparedWith, ...accounted, capacity: capacityAdded(results[ex.scenarios.indexOf(comparedWith)]!, result) });
      }
      if (isReference && book !== undefined) kept.set(scenario, { ledger, book, model });
    }
    events?.close();
    episodes?.close();
  } catch (error) {
    events?.discard();
    episodes?.discard();
    throw error;
  }
  kept.clear(); // the drift range needs references of its own
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
    driftRange: ex.driftRange === undefined ? [] : ex.driftRange.map((strength) => driftStrength(ex, strength, compiled, from)),
  };
}

/** Capacity the scenario adds over its reference per resource (results period, resource units); null where unlimited. */
function capacityAdded(reference: ReplicationResult, scenario: ReplicationResult): (number | null)[] {
  return scenario.capacity.map((c, r) => {
    const b = reference.capacity[r]!;
    return c < 0 || b < 0 ? null : c - b;
  });
}

/**
 * One drift strength of the drift range: the baseline and every scenario compared with it, at
 * strength b2 with the matched intercept, with their release accounting.
 */
function driftStrength(ex: WorkerExperiment, strength: { readonly b2: number; readonly b0: number; readonly ed: string; readonly scenarios: readonly string[] }, compiled: CompiledVariants, from: (scenario: string) => ReplicationOptions): ReplicationTaskResult["driftRange"][number] {
  const at = (i: number): CompiledModel => withAdmission(compiled.get(ex.variants[i]!, ex), strength.ed, strength.b2, strength.b0);
  const baselineModel = at(0);
  const run = named(ex.baseline, () => runReplication(baselineModel, { ...from(ex.baseline), ledger: true, recordBehaviour: true }));
  const reference: Reference = { ledger: run.ledger!, book: run.book!, model: baselineModel };
  const release: { scenario: string; measures: ReleaseMeasures[] }[] = [];
  for (const [i, scenario] of ex.scenarios.entries()) {
    if (!strength.scenarios.includes(scenario)) continue;
    const model = at(i);
    const ledger = named(scenario, () => runReplication(model, { ...from(scenario), ledger: true }).ledger!);
    release.push({ scenario, measures: named(scenario, () => account(reference, model, ledger, from(scenario))).measures });
  }
  return { b2: strength.b2, b0: strength.b0, baselineOccupancy: run.kpis["ga_occupancy_pct"] ?? null, release };
}

/**
 * The options of a scenario's runs in this replication: from its census state when the run has a
 * census (replication r from state r mod the number of states), every state's patients taking ids
 * below the census's id space so that arrivals have the same ids in every scenario.
 */
function withCensusState(ex: WorkerExperiment, scenario: string, base: ReplicationOptions): ReplicationOptions {
  if (ex.census === undefined) return base;
  const states = ex.census.states[scenario];
  if (states === undefined || states.length === 0) throw new Error(`the census has no state for scenario ${scenario}`);
  return { ...base, census: states[base.replication % states.length], censusIdSpace: ex.census.idSpace };
}

/** Runs `f`, naming the scenario in any error (the pool adds the replication and the seed). */
function named<T>(scenario: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith("scenario ")) error.message = `scenario "${scenario}": ${error.message}`;
    throw error;
  }
}
