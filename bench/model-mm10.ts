/**
 * model-mm10: the M/M/10 queue of kernel-mm10 (λ = 9/h, μ = 1/h) through the model-file path —
 * models/mmc.json loaded, validated and compiled (untimed, in setup), then one replication of
 * runReplication per timed iteration — to show what the model layer costs over the kernel.
 *
 * 216 arrivals a day for 4,630 days is 1,000,080 customers expected (1,000,000 ÷ 216 = 4,629.6 days,
 * rounded to whole days), after 10 days of warm-up. The line gives the customers that arrived in
 * the results period, the simulated mean wait and Erlang C's (Wq = 0.6687 h), so every run checks
 * itself.
 */
import { fileURLToPath } from "node:url";
import { mmc } from "../src/analytic/queueing.js";
import { compileModel } from "../src/model/compile.js";
import { type CompiledModel } from "../src/model/compiled.js";
import { loadModel } from "../src/model/load.js";
import { runReplication } from "../src/pathway/run.js";
import type { BenchCase } from "./case.js";

export const MM10_CUSTOMERS = 1_000_000;
const ARRIVALS_PER_DAY = 216;
/** Whole days for about MM10_CUSTOMERS arrivals. */
export const MM10_DAYS = Math.round(MM10_CUSTOMERS / ARRIVALS_PER_DAY);
export const MM10_WARMUP_DAYS = 10;
const theory = mmc(9, 1, 10);

/** models/mmc.json, found from this file (bench/ or dist/bench/), whatever the working directory. */
function modelFile(): string {
  const fromDist = new URL("../../models/mmc.json", import.meta.url);
  const fromSource = new URL("../models/mmc.json", import.meta.url);
  return fileURLToPath(import.meta.url.includes("/dist/bench/") ? fromDist : fromSource);
}

/** models/mmc.json as it stands (the baseline), compiled, with the file's seed. */
export interface Mm10Model {
  readonly compiled: CompiledModel;
  readonly seed: number;
}

/** Loads and compiles models/mmc.json. */
export async function compileMm10(): Promise<Mm10Model> {
  const loaded = await loadModel(modelFile());
  return { compiled: compileModel(loaded.model, loaded.tables), seed: loaded.model.run.seed };
}

export interface Mm10Run {
  readonly events: number;
  /** Customers who arrived in the results period. */
  readonly customers: number;
  readonly meanWaitHours: number;
}

/** One replication of the compiled M/M/10 model: `days` after MM10_WARMUP_DAYS of warm-up. */
export function runMm10(model: Mm10Model, replication: number, days = MM10_DAYS): Mm10Run {
  const r = runReplication(model.compiled, { replication, seed: model.seed, days, warmupDays: MM10_WARMUP_DAYS });
  const perDay = r.kpis["servers_arrivals_per_day"];
  const wait = r.kpis["servers_wait_mean_hours"];
  if (perDay === undefined || wait === undefined || perDay === null || wait === null) {
    throw new Error(`model-mm10: the replication reported no servers_arrivals_per_day or servers_wait_mean_hours (KPIs: ${Object.keys(r.kpis).join(", ")})`);
  }
  return { events: r.events, customers: Math.round(perDay * days), meanWaitHours: wait };
}

export const ERLANG_C_WAIT_HOURS = Number(theory.meanWait.toFixed(4));

let compiled: Mm10Model | undefined;
let replication = 0;

export const cases: readonly BenchCase[] = [
  {
    name: "model-mm10",
    async setup() {
      compiled = await compileMm10();
    },
    teardown() {
      compiled = undefined;
    },
    run() {
      const r = runMm10(compiled!, replication++);
      return {
        events: r.events,
        extra: {
          customers: r.customers,
          meanWaitHours: Number(r.meanWaitHours.toFixed(4)),
          erlangCWaitHours: ERLANG_C_WAIT_HOURS,
        },
      };
    },
  },
];
