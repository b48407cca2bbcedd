/**
 * The default integrated care system model (models/ics-default.json), baseline.
 *
 * - ics-year: one replication per timed iteration with the model's own run settings — 120 days of
 *   warm-up, then 365 days of results (485 simulated days in all). Extra: the simulated days, the
 *   wall time of the last call, and the process's peak RSS so far (process.resourceUsage().maxRSS:
 *   a high-water mark of the whole bench process, so run the case alone for its own figure).
 * - ics-year-events-on: the same with a no-op `onEvent` callback, the hook the patient-level
 *   event log uses; beside ics-year it shows what event logging costs when off (nothing, if the
 *   two lines agree within noise) and the cost of the hook itself when on.
 * - ics-batch-scaling (once): 64 replications through runExperiment (the worker pool) with 1
 *   worker, then with 2. `events` is the events of one batch, `seconds` the 2-worker time; extra:
 *   seconds1, seconds2 and ratio = seconds1 ÷ seconds2. Pool start-up is included in both. Also
 *   coresUsed1 and coresUsed2, the process's CPU time (all threads) ÷ wall time of each batch: on a
 *   shared machine a 2-worker batch that gets less than 2 cores shows it here.
 */
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { runExperiment } from "../src/experiment/experiment.js";
import { planExperiment } from "../src/experiment/plan.js";
import { compileModel } from "../src/model/compile.js";
import { type CompiledModel } from "../src/model/compiled.js";
import { loadModel } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import type { BenchCase } from "./case.js";

/** models/ics-default.json, found from this file (bench/ or dist/bench/), whatever the working directory. */
export function icsModelFile(): string {
  const fromDist = new URL("../../models/ics-default.json", import.meta.url);
  const fromSource = new URL("../models/ics-default.json", import.meta.url);
  return fileURLToPath(import.meta.url.includes("/dist/bench/") ? fromDist : fromSource);
}

/** The process's peak resident set size so far, MiB (Linux reports maxRSS in KiB). */
export function peakRssMB(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

const noop = (): void => {};

function icsYear(name: string, eventsOn: boolean): BenchCase {
  let compiled: CompiledModel | undefined;
  let run: { seed: number; days: number; warmupDays: number } = { seed: 0, days: 0, warmupDays: 0 };
  let replication = 0;
  return {
    name,
    async setup() {
      const loaded = await loadModel(icsModelFile());
      // The model as loaded is the baseline (its scenario has no changes), with its run settings.
      compiled = compileModel(loaded.model, loaded.tables);
      run = loaded.model.run;
    },
    teardown() {
      compiled = undefined;
    },
    run() {
      const c = compiled!;
      const start = performance.now();
      const r = runReplication(c, { replication: replication++, seed: run.seed, days: run.days, warmupDays: run.warmupDays, onEvent: eventsOn ? noop : undefined });
      const wallSeconds = (performance.now() - start) / 1000;
      return {
        events: r.events,
        extra: {
          warmupDays: run.warmupDays,
          days: run.days,
          simulatedDays: run.warmupDays + run.days,
          wallSeconds: Number(wallSeconds.toFixed(4)),
          // The target is for one simulated year; the run also simulates the warm-up.
          secondsPerSimulatedYear: Number(((wallSeconds * 365) / (run.warmupDays + run.days)).toFixed(4)),
          peakRssMB: peakRssMB(),
        },
      };
    },
  };
}

const BATCH_REPLICATIONS = 64;

async function batch(workers: number, signal: AbortSignal): Promise<{ seconds: number; events: number; cores: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const plan = planExperiment(await loadModel(icsModelFile()), { scenarios: ["baseline"], replications: BATCH_REPLICATIONS });
  const r = await runExperiment(plan, { workers, signal });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cores = (used.user + used.system) / 1e6 / seconds;
  if (r.state === "partial" || r.replications.completed !== BATCH_REPLICATIONS) {
    throw new Error(`ics-batch-scaling: ${workers} worker(s) completed ${r.replications.completed} of ${BATCH_REPLICATIONS} replications`);
  }
  if (r.conservationProblems.length > 0) throw new Error(`ics-batch-scaling: ${r.conservationProblems[0]}`);
  return { seconds, events: r.events, cores };
}

export const cases: readonly BenchCase[] = [
  icsYear("ics-year", false),
  icsYear("ics-year-events-on", true),
  {
    name: "ics-batch-scaling",
    once: true,
    async run(signal) {
      const one = await batch(1, signal);
      const two = await batch(2, signal);
      if (one.events !== two.events) {
        throw new Error(`ics-batch-scaling: 1 worker simulated ${one.events} events, 2 workers ${two.events}: the batch should not depend on workers`);
      }
      return {
        events: two.events,
        seconds: two.seconds,
        extra: {
          replications: BATCH_REPLICATIONS,
          seconds1: Number(one.seconds.toFixed(3)),
          seconds2: Number(two.seconds.toFixed(3)),
          ratio: Number((one.seconds / two.seconds).toFixed(3)),
          coresUsed1: Number(one.cores.toFixed(2)),
          coresUsed2: Number(two.cores.toFixed(2)),
        },
      };
    },
  },
];
