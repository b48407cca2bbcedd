/**
 * pathflow's library API: everything the command line does, for a researcher's own TypeScript.
 * Explicit named exports; nothing is meant to be reached by path.
 *
 *   import { loadModel, runExperiment, releaseTable, narrative } from "pathflow";
 *   const result = await runExperiment({ modelFile: "models/ics-default.json", replications: 20,
 *     signal: AbortSignal.timeout(600_000), onProgress: (done, total) => console.error(done, total) });
 *   console.table(releaseTable(result));
 *
 * The stages, in the order data flows: model file → validated model (load, scenarios) → compiled
 * model → replications (runReplication, or runExperiment on a worker pool) → summaries → files.
 */

// Errors are data: one error carrying every issue, each with a path and a message.
export { PathflowInputError, formatIssue, formatPath, throwIfIssues } from "./errors.js";
export type { Issue, IssueCode, IssuePath } from "./errors.js";

// Model files: schema, loading and validation, scenarios, JSON Schema, compiling.
export { Model, EXIT, DAYS, MONTHS } from "./model/schema.js";
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
export { loadModel, validateModelObject } from "./model/load.js";
export type { LoadedModel, ValidationResult } from "./model/load.js";
export { applyScenario, resolveScenario, validateScenarios, describeScenario } from "./model/scenario.js";
export { modelJsonSchema } from "./model/json-schema.js";
export { compileModel } from "./model/compile.js";
export type { CompiledModel } from "./model/compile.js";

// One replication of a compiled model.
export { runReplication } from "./pathway/run.js";
export { RESOURCES } from "./pathway/ledger.js";
export type { ReplicationOptions, ReplicationResult, Conservation } from "./pathway/run.js";
export type { PatientLedger, ResourceName } from "./pathway/ledger.js";
export type { DailySeries } from "./pathway/daily.js";

// Experiments: replications on worker threads, scenarios under common random numbers.
export { planExperiment } from "./experiment/plan.js";
export type { ExperimentPlan, ExperimentRequest, AutoReplications, Override, RunSettings, ModelFacts, Variant } from "./experiment/plan.js";
export { runExperiment } from "./experiment/experiment.js";
export type { RunOptions, ExperimentResult, ReleaseMeasureName } from "./experiment/experiment.js";
export { planSweep, runSweep, parseAxis } from "./experiment/sweep.js";
export type { SweepAxis, SweepPlan, SweepRequest, SweepResult } from "./experiment/sweep.js";
export { ReplicationError } from "./experiment/pool.js";
export { releaseAccounting } from "./experiment/release.js";
export type { ReleaseMeasures } from "./experiment/release.js";

// The summaries the CSV files hold, as rows.
export { kpiSummary, kpiDifferences, releaseTable, timeseries, flows, admittedShareByPressure, unitOf } from "./experiment/summaries.js";
export type { KpiSummaryRow, KpiDifferenceRow, ReleaseRow, TimeseriesRow, FlowRow } from "./experiment/summaries.js";
export { narrative } from "./experiment/narrative.js";
export { confidenceInterval, pairedDifference, summarise, studentTQuantile, mser5 } from "./experiment/statistics.js";

// Writing the output files.
export { writeOutputs, ReplicationsFile } from "./io/outputs.js";
export { writeSweepOutputs } from "./io/sweep-outputs.js";
export { CsvWriter, toCsv, formatNumber } from "./io/csv.js";

// Queueing theory used to validate the simulator.
export { erlangB, erlangC, mmc, offeredLoadForOccupancy } from "./analytic/queueing.js";

// The kernel and random streams, for building models in code.
export { Simulation } from "./engine/simulation.js";
export type { EventHandler, EventHandle } from "./engine/simulation.js";
export { Network } from "./engine/network.js";
export type { CapacityCalendar } from "./engine/network.js";
export { Unit, STARTED, QUEUED, BLOCKED, REFUSED } from "./engine/unit.js";
export type { UnitOptions, HeldAcceptance, ArrivalOutcome } from "./engine/unit.js";
export { HoursPool } from "./engine/hours-pool.js";
export type { HoursPoolOptions, PoolAllocation } from "./engine/hours-pool.js";
export { NO_HOLD } from "./engine/wait-line.js";
export type { Discipline } from "./engine/wait-line.js";
export { TimeWeighted, Tally, Counter } from "./engine/stats.js";
export { createStream, GENERATOR_NAME, STREAM_ALLOCATION } from "./random/streams.js";
export type { RandomStream } from "./random/streams.js";
export { createSampler, describeDistribution } from "./random/families.js";
export { checkDistribution } from "./model/distribution-check.js";
export type { DistributionSpec } from "./random/distribution-spec.js";
export type { Sampler } from "./random/samplers.js";
export { PiecewiseRateArrivals, constantRate } from "./random/arrivals.js";
export type { ArrivalProcess, ArrivalProfile } from "./random/arrivals.js";
export { VERSION } from "./version.js";
