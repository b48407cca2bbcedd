/**
 * How much work an experiment or sweep is, estimated before anything starts from the model's
 * rates (each compiled source knows its mean arrivals per day): arrivals, events and memory. The
 * command line says it, and refuses a run beyond sane limits unless the user confirms (--yes):
 * a huge `days`, replications or grid, or `ratePerDay: 1e7`, would otherwise run for hours or
 * grow to gigabytes before failing.
 *
 * The estimates are rough by design — within a small factor for the shipped models — and err
 * high: thinned arrivals (a scenario's demandMultiplier below 1) are counted as generated.
 */
import { availableParallelism, totalmem } from "node:os";
import { compileModel } from "../model/compile.js";
import type { ExperimentPlan, Variant } from "../types.js";

/** Events per arrival: 2.0 for M/M/10, 2.9 for the default ICS, 3.1 for the small test system. */
export const EVENTS_PER_ARRIVAL = 3;
/** Memory per arrival of the results period held by a replication (the release ledger, patient state), bytes. */
const BYTES_PER_RESULT_ARRIVAL = 64;
/** Memory per day and scenario of a replication's daily series, bytes. */
const BYTES_PER_DAY = 4096;
/** A worker thread before it runs anything (code, the compiled model, buffers), bytes. */
const BYTES_PER_WORKER = 64 * 1024 * 1024;
/** The main thread (libraries, summaries, the report), bytes. */
const BYTES_MAIN = 256 * 1024 * 1024;
/** Events a run starts without --yes: about an hour on two workers at a couple of million events a second each. */
export const MAX_EVENTS = 1e10;
/** The share of the machine's memory a run may be estimated to need without --yes. */
export const MAX_MEMORY_SHARE = 0.5;

export interface WorkEstimate {
  /** Arrivals generated over every replication, scenario and day (warm-up included). */
  readonly arrivals: number;
  /** Simulation events. */
  readonly events: number;
  /** Worker threads that would run: the request capped at the replications and the cores. */
  readonly workers: number;
  /** Peak memory of the whole process, bytes. */
  readonly peakBytes: number;
  /** Why the run is beyond what starts without confirmation; empty when it is not. */
  readonly beyond: readonly string[];
}

/** The worker threads a pool would start: the request (default the cores) capped at the cores and at `tasks`. */
export function workersFor(requested: number | undefined, tasks: number): number {
  const cores = Math.max(1, availableParallelism());
  return Math.max(1, Math.min(requested ?? cores, cores, Math.max(1, tasks)));
}

/** Mean arrivals per day of a variant, over all its sources. */
function arrivalsPerDay(variant: Variant, memo: Map<Variant, number>): number {
  let perDay = memo.get(variant);
  if (perDay === undefined) {
    perDay = compileModel(variant.spec, variant.tables, { warmupDays: 0, days: 1 }).sources.reduce((sum, source) => sum + source.meanRatePerDay, 0);
    memo.set(variant, perDay);
  }
  return perDay;
}

/**
 * The work of running `plans` (one for a run, one per cell for a sweep) with `requestedWorkers`;
 * `share` of it for a shard (or a resumed run's remaining replications).
 */
export function estimateWork(plans: readonly ExperimentPlan[], requestedWorkers?: number, share = 1): WorkEstimate {
  const memo = new Map<Variant, number>();
  let arrivals = 0;
  let taskBytes = 0;
  let tasks = 0;
  for (const plan of plans) {
    const { days, warmupDays, replications } = plan.settings;
    const reps = typeof replications === "number" ? replications : replications.maxReplications;
    tasks = Math.max(tasks, Math.ceil(reps * share));
    let perDay = 0;
    for (const variant of plan.variants) perDay += arrivalsPerDay(variant, memo);
    arrivals += perDay * (days + warmupDays) * reps * share;
    // One task holds one replication of every scenario of its plan: the results period's arrivals and daily series.
    taskBytes = Math.max(taskBytes, perDay * days * BYTES_PER_RESULT_ARRIVAL + plan.variants.length * (days + warmupDays) * BYTES_PER_DAY);
  }
  const workers = workersFor(requestedWorkers, tasks);
  const events = arrivals * EVENTS_PER_ARRIVAL;
  const peakBytes = BYTES_MAIN + workers * (BYTES_PER_WORKER + taskBytes);
  const beyond: string[] = [];
  if (!(events <= MAX_EVENTS)) beyond.push(`about ${count(events)} events, more than the ${count(MAX_EVENTS)} a run starts with unasked`);
  const memory = totalmem();
  if (!(peakBytes <= MAX_MEMORY_SHARE * memory)) beyond.push(`about ${gigabytes(peakBytes)} of memory, more than half of this machine's ${gigabytes(memory)}`);
  return { arrivals, events, workers, peakBytes, beyond };
}

/** One line for stderr: what the run is estimated to be. */
export function describeEstimate(estimate: WorkEstimate): string {
  return `estimated work: about ${count(estimate.arrivals)} arrivals and ${count(estimate.events)} events on ${estimate.workers} worker${estimate.workers === 1 ? "" : "s"}, peak memory about ${gigabytes(estimate.peakBytes)}`;
}

function count(n: number): string {
  if (!Number.isFinite(n)) return "infinitely many";
  for (const [unit, name] of [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"], [1e3, "thousand"]] as const) {
    if (n >= unit) return `${round(n / unit)} ${name}`;
  }
  return String(Math.round(n));
}

function gigabytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "unbounded";
  return bytes >= 1024 ** 3 ? `${round(bytes / 1024 ** 3)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

/** 2.4, 24, 240, 2,400: one decimal below 10, whole numbers with separators above. */
function round(x: number): string {
  return x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US");
}
