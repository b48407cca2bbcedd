/**
 * What release accounting costs, on the default ICS: one replication of the baseline and the
 * frailty service per timed call, 180 days after 180 days' warm-up (shorter than the model's own
 * run so that the three cases take minutes, not an hour; the ratios do not depend on the length).
 *
 * - release-plain: the two runs alone, no ledger (what a run without release accounting does);
 * - release-attribution: experiment/task.ts as a run uses it — ledgers, the behaviour book and
 *   the counterfactual run that holds drift (one mechanism switched on in the default);
 * - release-drift-range: the same plus the drift range (b2 = 0 and 2× b2, intercepts from the
 *   model file): the baseline and the scenario at each, and the counterfactual where drift is on.
 *
 * bench/RESULTS.md records each case's time per call against release-plain's (wall and CPU time:
 * everything runs in this thread, so CPU time is the work whatever else the machine is doing).
 */
import { loadModel } from "../src/model/load.js";
import { planExperiment } from "../src/experiment/plan.js";
import { workerExperiment } from "../src/experiment/experiment.js";
import { CompiledVariants, runTask, type WorkerData } from "../src/experiment/task.js";
import { compileModel } from "../src/model/compile.js";
import type { CompiledModel } from "../src/model/compiled.js";
import { runReplication } from "../src/pathway/run.js";
import type { BenchCase } from "./case.js";
import { icsModelFile } from "./ics.js";

const SETTINGS = { days: 180, warmupDays: 180 };

function releaseCase(name: string, mode: "plain" | "attribution" | "drift-range"): BenchCase {
  let data: WorkerData | undefined;
  let compiled: CompiledVariants | undefined;
  let models: CompiledModel[] = [];
  let seed = 0;
  let replication = 0;
  return {
    name,
    once: true,
    async setup() {
      const plan = planExperiment(await loadModel(icsModelFile()), { scenarios: ["frailty-service"], replications: 1, ...SETTINGS, driftRange: mode === "drift-range" ? undefined : false });
      data = { variants: plan.variants, experiments: [workerExperiment(plan, 0, undefined)] };
      compiled = new CompiledVariants(plan.variants);
      models = plan.variants.map((v) => compileModel(v.spec, v.tables));
      seed = plan.settings.seed;
    },
    teardown() {
      data = undefined;
      compiled = undefined;
      models = [];
    },
    async run() {
      let events = 0;
      // CPU time as well as wall time: on a shared machine the CPU time of this one thread is the steadier figure.
      const cpu = process.cpuUsage();
      // Three replications, so that one slow call does not decide the figure.
      for (let k = 0; k < 3; k++, replication++) {
        if (mode === "plain") {
          for (const model of models) events += runReplication(model, { replication, seed, ...SETTINGS }).events;
        } else {
          const r = await runTask({ experiment: 0, replication }, data!, compiled!);
          events += r.scenarios.reduce((sum, s) => sum + s.events, 0);
        }
      }
      const used = process.cpuUsage(cpu);
      return { events, extra: { replications: 3, ...SETTINGS, cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(3)) } };
    },
  };
}

export const cases: readonly BenchCase[] = [releaseCase("release-plain", "plain"), releaseCase("release-attribution", "attribution"), releaseCase("release-drift-range", "drift-range")];
