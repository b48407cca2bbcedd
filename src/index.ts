/**
 * pathflow's library API: what the command line does, for a researcher's own TypeScript. The few
 * entry points a user calls, in the order data flows, and every public type (types.ts). Nothing
 * is meant to be reached by path.
 *
 *   import { loadModel, planExperiment, runExperiment, releaseTable, narrative } from "pathflow";
 *   const model = await loadModel("models/ics-default.json");            // read and validate once
 *   const plan = planExperiment(model, { scenarios: ["frailty-service"], replications: 20 });
 *   const result = await runExperiment(plan, { signal: AbortSignal.timeout(600_000),
 *     onProgress: (done, total) => console.error(`${done}/${total}`) });
 *   console.table(releaseTable(result));
 *
 * Stages: model file → validated model (loadModel) → plan: scenarios resolved and validated once
 * (planExperiment, planSweep) → replications on a worker pool (runExperiment, runSweep) →
 * summaries (kpiSummary, releaseTable, narrative …) → files (writeOutputs).
 */

// Every public type.
export type * from "./types.js";

// Errors are data: one error carrying every issue, each with a path and a message.
export { PathflowInputError, formatIssue, formatPath } from "./errors.js";

// Model files: loading and validation, scenarios, the JSON Schema editors use.
export { loadModel, validateModelObject } from "./model/load.js";
export { resolveScenario, validateScenarios, describeScenario } from "./model/scenario.js";
export { handOverWarnings } from "./model/hand-over.js";
export { modelJsonSchema } from "./model/json-schema.js";
export type {
  ModelInput,
  ModelSpec,
  NodeSpec,
  UnitNodeSpec,
  EdNodeSpec,
  AmbulanceNodeSpec,
  HomecareNodeSpec,
  PlacementNodeSpec,
  SegmentSpec,
  ArrivalsSpec,
  OutcomeSpec,
  ScenarioSpec,
  ChangeSpec,
} from "./model/schema.js";

// Experiments and sweeps: scenarios under common random numbers, replications on worker threads.
export { planExperiment } from "./experiment/plan.js";
export { runExperiment } from "./experiment/experiment.js";
export { planSweep, runSweep, parseAxis } from "./experiment/sweep.js";
// Parameter uncertainty: N parameter sets (Latin hypercube) from the model's uncertainty section.
export { planUncertainty, runUncertainty, validateUncertainty } from "./experiment/uncertainty.js";
export type { UncertaintyPlan, UncertaintyResult, UncertainParameter, ParameterSet, InterceptMatching } from "./experiment/uncertainty.js";
export { uncertaintyTable, parameterTable, driverTable } from "./experiment/uncertainty-tables.js";
export type { UncertaintyRow, ParameterRow, DriverRow } from "./experiment/uncertainty-tables.js";
export { ReplicationError } from "./experiment/pool.js";

// Shards (docs/shards.md): slices of the work for job arrays, and merging them as one run.
export { parseShard, shardTasks, shardOf, SHARD_INDEX_VARIABLES } from "./experiment/shard.js";
export type { ShardSlice } from "./experiment/shard.js";
export { gatherShards, manifestDifferences } from "./experiment/merge.js";
export { replayExperiment } from "./experiment/experiment.js";
export { readShard, readManifest, manifestPlans, SHARD_FORMAT, SHARD_FORMAT_VERSION } from "./io/shard-format.js";
export type { ShardManifest, ShardContents, ShardRecord, ShardExperiment } from "./io/shard-format.js";

// One replication of a compiled model, for those who drive replications themselves.
export { compileModel } from "./model/compile.js";
export type { CompiledModel } from "./model/compiled.js";
export { runReplication } from "./pathway/run.js";
export { RESOURCES } from "./pathway/ledger.js";

// Summaries: the rows the CSV files hold, the planner's paragraphs, the KPI catalogue.
export { kpiSummary, kpiByClass, kpiDifferences, releaseTable, timeseries, flows, admittedShareByPressure, warmupCheck } from "./experiment/summaries.js";
export { admissionDecisions, segmentTable } from "./experiment/group-tables.js";
export { narrative } from "./experiment/narrative.js";
export { KPIS, UNIT_KPIS, DAILY_METRICS, UNIT_CLASS_KPIS, SYSTEM_CLASS_KPIS, kpiDefinition, classKpiDefinition } from "./pathway/kpis.js";
export { confidenceInterval, pairedDifference, summarise, mser5, replicationsForPrecision } from "./experiment/statistics.js";

// Writing the output files.
export { writeOutputs } from "./io/outputs.js";
export { writeSweepOutputs } from "./io/sweep-outputs.js";
export { writeUncertaintyOutputs } from "./io/uncertainty-outputs.js";

// Drift measured locally: an estimate-drift estimate.json as ExperimentRequest.measuredDrift.
export { readDriftEstimate } from "./experiment/drift-from.js";

// Queueing theory the simulator is validated against.
export { erlangB, erlangC, mmc, offeredLoadForOccupancy } from "./analytic/queueing.js";
export { pDelayFromOccupancy, erlangLossPDelay } from "./analytic/p-delay.js";
export { erlangA, cobhamWaits, tandemChain } from "./analytic/networks.js";

export { VERSION } from "./version.js";
