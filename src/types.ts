/**
 * Every public type of pathflow's library, in one file (as esbuild keeps its whole public surface
 * in one hand-written types file): what goes in, what comes out, and the rows of every output file. Each
 * field says its unit and default where it has one. The modules that implement these import them
 * from here; src/index.ts exports them.
 *
 * The model file's own types (ModelSpec and the node and segment specs) are inferred from its
 * schema (model/schema.ts), whose descriptions document every field, and are exported with them.
 *
 * A long file on purpose: one place to read the whole surface.
 */
import type { Tally } from "./engine/tally.js";
import type { RateTables } from "./model/compiled.js";
import type { ModelSpec } from "./model/schema.js";

// ---------------------------------------------------------------------------------------------
// Errors are data: where a problem is, what kind, and what to say
// ---------------------------------------------------------------------------------------------

/** Where in the input a problem is: keys and array indices, e.g. `["nodes", "acute", "servers"]`. */
export type IssuePath = ReadonlyArray<string | number>;

export type IssueCode =
  | "invalid_type"
  | "invalid_value"
  | "out_of_range"
  | "unknown_key"
  | "missing"
  | "unknown_reference"
  | "does_not_sum"
  | "file"
  | "invalid_flag";

export interface Issue {
  readonly code: IssueCode;
  readonly path: IssuePath;
  readonly message: string;
}

// ---------------------------------------------------------------------------------------------
// A model file, loaded and validated
// ---------------------------------------------------------------------------------------------

/** A model read from a file and validated, with the tables it refers to. */
export interface LoadedModel {
  /** The file as given by the caller (used in messages). */
  file: string;
  /** Absolute directory of the file: relative paths inside the model (ratesCsv) resolve from here. */
  dir: string;
  /** Absolute folders besides `dir` that files named in the model may be read from (--data-dir). Default none. */
  dataDirs?: readonly string[];
  /** The parsed JSON as written, before defaults (what scenarios change). */
  raw: unknown;
  /** The validated model with zod defaults applied. */
  model: ModelSpec;
  /**
   * Each `ratesCsv` path, as written in the model, → its 168 arrival rates per hour, index 0 =
   * Monday 00:00–01:00 … 167 = Sunday 23:00–24:00.
   */
  tables: Record<string, number[]>;
}

/** How a model file is loaded. */
export interface LoadOptions {
  /**
   * Folders besides the model's own that files named in the model (ratesCsv) may be read from.
   * Default none: only the model's folder and below.
   */
  readonly dataDirs?: readonly string[];
}

/** The result of validating a model held in memory: `model` is present exactly when `issues` is empty. */
export interface ValidationResult {
  model?: ModelSpec;
  tables: Record<string, number[]>;
  issues: Issue[];
}

// ---------------------------------------------------------------------------------------------
// Planning an experiment: what to run, resolved and validated once
// ---------------------------------------------------------------------------------------------

/** A change applied on top of a scenario (a sweep cell's grid values). */
export interface Override {
  /** A change path as in a scenario, e.g. `nodes.acute.servers`. */
  readonly path: string;
  readonly set: unknown;
  /** Instead of `set`: multiply the numbers at the path by this (a scenario change's `scale`). */
  readonly scale?: number | undefined;
}

/** `--reps auto`: add replications until the headline measures are precise enough. */
export interface AutoReplications {
  /**
   * Target 95% CI half-width: relative to the mean for the headline KPIs (e.g. 0.05), or in ratio
   * units for the release ratio (target "release-ratio": e.g. 0.05 = ±0.05).
   */
  readonly precision: number;
  /** What must reach the precision: the headline KPIs (default) or every demand scenario's headline release ratio. */
  readonly target?: "kpis" | "release-ratio";
  /** Stop adding replications here whatever the precision. */
  readonly maxReplications: number;
  /** Starting replications before precision is judged. Default 10. */
  readonly minReplications?: number;
}

/** How long and how often: the run settings, in one place (the model's, unless overridden). */
export interface RunSettings {
  readonly seed: number;
  /** Results period, days. */
  readonly days: number;
  /** Warm-up, days. */
  readonly warmupDays: number;
  readonly replications: number | AutoReplications;
}

/** A scenario resolved and validated: what a worker compiles and runs. */
export interface Variant {
  /** The scenario's name (a sweep cell's variants keep their scenario's name). */
  readonly scenario: string;
  readonly spec: ModelSpec;
  readonly tables: RateTables;
}

/** Where a model's calendar starts (its `run.startMonth` and `run.startDayOfWeek`, or `run.startDate`). */
export interface ModelCalendar {
  /** The date (YYYY-MM-DD) on which the results period starts, in a dated run (run.startDate or --start-date); then the month and weekday are that date's. */
  readonly startDate?: string | undefined;
  /** Hour of the day at which the warm-up (model time 0) and each results day start (run.startHour); default 0. */
  readonly startHour?: number | undefined;
  /** "Jan" … "Dec". */
  readonly startMonth: string;
  /** "Mon" … "Sun". */
  readonly startDayOfWeek: string;
}

/** What the output writers need to know about the model (never the file itself). */
export interface ModelFacts {
  /** The model file as the user named it. */
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly acuityBands: readonly string[];
  readonly nodes: readonly { readonly id: string; readonly type: string; readonly description: string }[];
  /** Resources the model has services for (release accounting). */
  readonly resources: readonly ResourceName[];
  readonly hasEd: boolean;
  /** Each scenario of the run: its description and its changes, one line each. */
  readonly scenarios: Readonly<Record<string, { readonly description: string; readonly changes: readonly string[] }>>;
  /** The model's parameters as written, path → value (scenarios excluded). */
  readonly parameters: readonly { readonly path: string; readonly value: string }[];
  /** Where the model's calendar starts (run.startMonth, run.startDayOfWeek): dates the daily series. */
  readonly calendar: ModelCalendar;
}

/** What to run. */
export interface ExperimentRequest {
  /** Scenarios to run; default every scenario in the model. The baseline is always run. */
  readonly scenarios?: readonly string[] | undefined;
  /** Default "baseline". */
  readonly baseline?: string | undefined;
  /** A number, or automatic; default the model's run.replications. */
  readonly replications?: number | AutoReplications | undefined;
  readonly seed?: number | undefined;
  readonly days?: number | undefined;
  readonly warmupDays?: number | undefined;
  /** The date (YYYY-MM-DD) on which the results period starts; overrides the model's run.startDate. */
  readonly startDate?: string | undefined;
  /** Changes applied to every scenario, the baseline included (a sweep cell's context). */
  readonly overrides?: readonly Override[] | undefined;
  /** Changes applied to every scenario but the baseline (a sweep cell's intervention). */
  readonly scenarioOverrides?: readonly Override[] | undefined;
  /**
   * Drift strengths (b2 per occupancy point) to report the release across; false: none. Default
   * the model's admission.driftRange, else 0, the model's b2 and twice it.
   */
  readonly driftRange?: readonly number[] | false | undefined;
  /**
   * Drift strength measured locally (run --drift-from): the drift range becomes its strengths and
   * the summary says where they came from. Overrides `driftRange`.
   */
  readonly measuredDrift?: MeasuredDrift | undefined;
}

/** A local estimate of drift strength (an estimate.json of `pathflow estimate-drift`), as the run uses it. */
export interface MeasuredDrift {
  /** The estimate file's name (without its folder). */
  readonly file: string;
  /** b2 per pressure point as estimated, and its 95% interval, as written in the file. */
  readonly b2: number;
  readonly low: number;
  readonly high: number;
  /** How the interval was found. */
  readonly ciMethod: "profile likelihood" | "Wald" | "unstated";
  /** ED attendances the estimate rests on. */
  readonly attendances: number;
  /** The pressure the estimate was measured against. */
  readonly pressureSignal: "ward" | "ed" | "mix";
  /** The drift strengths reported: low end, estimate, high end (rounded to 1e-5, ends above 0 taken as 0, repeats dropped). */
  readonly strengths: readonly number[];
  /** The strength the estimate itself became (rounded, at most 0): one of `strengths`. */
  readonly estimateStrength: number;
  /** Whether an end above 0 was taken as 0. */
  readonly clipped: boolean;
}

/** One drift strength of the drift range, with the intercept that matches its baseline to the model as given. */
export interface DriftStrength {
  /** b2, per occupancy point. */
  readonly b2: number;
  /** The admission intercept b0 used (NaN until matched). */
  readonly b0: number;
  /** Where b0 came from: the model as given (this is its b2), the model file's driftRange, or a search. */
  readonly matched: "model" | "model file" | "search" | "to match";
}

/** The drift range of an experiment (none when the model has no admission rule). */
export interface DriftRangePlan {
  /** The ED node whose admission rule the strengths change. */
  readonly ed: string;
  /** The scenarios reported across the range: those that change demand against the baseline (a ratio needs patients avoided). */
  readonly scenarios: readonly string[];
  readonly strengths: readonly DriftStrength[];
  /** Where the strengths came from when measured locally (run --drift-from). */
  readonly measured?: MeasuredDrift | undefined;
}

/** A validated experiment, ready to run: scenarios resolved once, settings fixed. */
export interface ExperimentPlan {
  readonly model: ModelFacts;
  /** Scenarios in run order, the baseline first. */
  readonly scenarios: readonly string[];
  readonly baseline: string;
  /** What each scenario is compared with (its compareWith, or the baseline). */
  readonly comparedWith: Readonly<Record<string, string>>;
  /** One variant per scenario, in the order of `scenarios`. */
  readonly variants: readonly Variant[];
  readonly settings: RunSettings;
  /** The drift range the release is reported across (absent: none). */
  readonly driftRange?: DriftRangePlan | undefined;
  /** Every scenario run at this admission rule instead (a search for a matched intercept). */
  readonly admission?: { readonly ed: string; readonly b2: number; readonly b0: number } | undefined;
  /** The census the replications start from (run --census), validated; absent: an empty start. */
  readonly census?: CensusPlan | undefined;
}

/**
 * A census read for a run (run --census): for each scenario of the run, its states — one per
 * replication the file gives (replication r of the run starts from state r mod their number), or
 * one for every replication.
 */
export interface CensusPlan {
  readonly file: string;
  /** Each scenario's states, each a list of rows (with their patients' ids). */
  readonly states: Readonly<Record<string, readonly (readonly CensusRow[])[]>>;
  /** Ids 0 … idSpace − 1 belong to census patients in every state: arrivals' ids start here. */
  readonly idSpace: number;
  /** Rows read (every state). */
  readonly patients: number;
}

// ---------------------------------------------------------------------------------------------
// Running an experiment
// ---------------------------------------------------------------------------------------------

/** The worker pool of an experiment or sweep. */
export interface PoolOptions {
  /** Worker threads; default the machine's available parallelism. */
  readonly workers?: number | undefined;
  /**
   * The worker module (default the built experiment/worker.js). Tests pass a module wrapping the
   * real worker, to inject faults without a hook in the product.
   */
  readonly workerFile?: string | URL | undefined;
}

/** How to run a planned experiment (what to run is in the plan). */
export interface RunOptions extends PoolOptions {
  /** Directory for per-replication event files (the patient-level log); off when absent. */
  readonly eventsDir?: string | undefined;
  /** Directory for per-replication episode files (--episodes: the ED decisions); off when absent. */
  readonly episodesDir?: string | undefined;
  /** Aborting stops the run: the replications already complete are kept and the result is partial. */
  readonly signal?: AbortSignal | undefined;
  /** Progress: replications completed so far, and the current target. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Each replication's result, in replication order (e.g. to stream kpi_replications.csv). */
  readonly onReplication?: ((result: ReplicationTaskResult) => void | Promise<void>) | undefined;
  /** A stage of the run in words (e.g. matching the drift range's intercepts), for progress. */
  readonly onStage?: ((text: string) => void) | undefined;
  /**
   * Each replication's result as soon as it finishes, in whatever order replications finish (to
   * put it on disk at once: a run killed then loses only the replications still running).
   */
  readonly onFinished?: ((result: ReplicationTaskResult) => void | Promise<void>) | undefined;
  /**
   * Replications already run (read back from an interrupted run's folder, `run --resume`), by
   * replication number, each loaded when its turn comes: used as they are, in their place in
   * replication order, and not run again.
   */
  readonly completed?: ReadonlyMap<number, () => Promise<ReplicationTaskResult>> | undefined;
}

/** The release-accounting measures of one resource, per replication (units: the resource's). */
export type ReleaseMeasureName = "expected" | "spare" | "drift" | "longerStays" | "electives" | "unmet" | "added" | "blocking" | "unexplained";

/** Per-day statistics across replications for one metric. */
export interface DailyAccumulator {
  /** Per results day: the sum over replications (the mean is sum ÷ replications completed). */
  readonly sum: Float64Array;
  /** Per results day: a P² tally of the replications' values (for p10 and p90). */
  readonly tallies: Tally[];
}

/** How many replications ran, and for `--reps auto` whether the target precision was reached. */
export interface ReplicationCount {
  /** Asked for (for `--reps auto`, the last target). */
  readonly requested: number;
  /** Run to the end: replications 0 … completed − 1. */
  readonly completed: number;
  /** For `--reps auto`: the target, and whether it stopped at the cap without reaching it. */
  readonly precision?: { readonly target: number; readonly maxReplications: number; readonly reached: boolean; readonly what?: "kpis" | "release-ratio" };
}

/** What every experiment result holds, complete or partial. */
export interface ExperimentData {
  readonly model: ModelFacts;
  /** Scenarios in run order, the baseline first. */
  readonly scenarios: readonly string[];
  readonly baseline: string;
  /** What each scenario is compared with (its compareWith, or the baseline). */
  readonly comparedWith: Readonly<Record<string, string>>;
  /** Seed, results period and warm-up (days), replications asked for. */
  readonly settings: RunSettings;
  /** The census the replications started from (run --census): its file and number of patients; absent for an empty start. */
  readonly census?: { readonly file: string; readonly patients: number; readonly states: string } | undefined;
  /** Worker threads used. */
  readonly workers: number;
  readonly replications: ReplicationCount;
  /**
   * scenario → KPI → one value per replication, in replication order; null where that replication
   * observed nothing the KPI is a mean, share or quantile of (e.g. a unit nobody visited).
   */
  readonly kpis: Record<string, Record<string, KpiValue[]>>;
  /** scenario → KPIs by class (kpi_by_class.csv), in first-reported order. */
  readonly byClass: Record<string, readonly ClassKpiValues[]>;
  /** scenario → resource → measure → values per replication. */
  readonly release: Record<string, Record<string, Record<ReleaseMeasureName, number[]>>>;
  /** scenario → metric → per-day accumulators. */
  readonly daily: Record<string, Record<string, DailyAccumulator>>;
  /** scenario → "route|band" → admissions per day per replication. */
  readonly flows: Record<string, Record<string, number[]>>;
  /** scenario → admission decisions it flipped per acuity band (index) → per replication. */
  readonly flipped: Record<string, { admittedInstead: number[][]; notAdmittedInstead: number[][] }>;
  /** scenario → resource → capacity it adds over the results period, per replication (limited resources only). */
  readonly capacityAdded: Record<string, Record<string, number[]>>;
  /** The drift range: each strength's matched intercept, baseline occupancy and release measures per replication. */
  readonly driftRange?: {
    readonly ed: string;
    readonly scenarios: readonly string[];
    readonly strengths: readonly (DriftStrength & { readonly baselineOccupancy: readonly number[]; readonly release: ExperimentData["release"] })[];
    /** Where the strengths came from when measured locally (run --drift-from). */
    readonly measured?: MeasuredDrift | undefined;
  } | undefined;
  /** scenario → pressure band → decisions and admissions summed over replications. */
  readonly decisionsByPressure: Record<string, Record<string, { decisions: number; admitted: number }>>;
  /** scenario → decisions and admissions by acuity band × pressure band, one per replication in replication order. */
  readonly decisionCells: Record<string, DecisionCounts[]>;
  /** scenario → results by patient group, one per replication in replication order. */
  readonly segments: Record<string, SegmentCounts[]>;
  /** scenario → unit → mean occupancy distribution over replications (unlimited units). */
  readonly occupancy: Record<string, Record<string, number[]>>;
  /** Events simulated, all scenarios and replications. */
  readonly events: number;
  /** Conservation problems found (should be none). */
  readonly conservationProblems: readonly string[];
  /** Wall-clock start and end of the run (run metadata only: never in a result that must be reproducible). */
  readonly startedAt: Date;
  readonly finishedAt: Date;
}

/**
 * What an experiment produced: every replication asked for (`complete`), or the replications that
 * completed before the run was interrupted (`partial`).
 */
export type ExperimentResult =
  | (ExperimentData & { readonly state: "complete" })
  | (ExperimentData & { readonly state: "partial"; readonly reason: "interrupted" })
  /** Merged from shards with replications missing (`pathflow merge --allow-partial`): the results are over the others. */
  | (ExperimentData & { readonly state: "partial"; readonly reason: "missing"; readonly missing: readonly number[] });

/** One scenario's replication, as a worker returns it (`RunOptions.onReplication`). */
/** One value of kpi_by_class.csv in one replication: a KPI of one class of patients. */
export interface ClassKpiValue {
  readonly kpi: string;
  /** "all" (everyone), "segment" or "acuity". */
  readonly classType: "all" | "segment" | "acuity";
  /** "all", a segment id or an acuity band name. */
  readonly className: string;
  readonly value: number;
}

/** One KPI of one class over the replications that had patients of that class. */
export interface ClassKpiValues {
  readonly kpi: string;
  readonly classType: ClassKpiValue["classType"];
  readonly className: string;
  readonly values: number[];
}

export interface ScenarioReplication {
  readonly scenario: string;
  readonly kpis: Record<string, KpiValue>;
  readonly byClass: readonly ClassKpiValue[];
  readonly daily: Record<string, Float64Array>;
  readonly admissionsBySourceBand: Record<string, number>;
  readonly decisionsByPressure: ReplicationResult["admissionDecisionsByPressure"];
  readonly decisionCells: DecisionCounts;
  readonly segments: SegmentCounts;
  readonly occupancy: Record<string, number[]>;
  readonly events: number;
  readonly conservation: Conservation;
}

/** Replication r of every scenario of an experiment, as a worker returns it. */
export interface ReplicationTaskResult {
  readonly replication: number;
  readonly seed: number;
  readonly scenarios: readonly ScenarioReplication[];
  /** Release measures of each scenario against what it is compared with. */
  readonly release: readonly {
    readonly scenario: string;
    readonly comparedWith: string;
    readonly measures: readonly ReleaseMeasures[];
    /** Admission decisions the scenario flipped, by acuity band: admitted instead, not admitted instead. */
    readonly flipped: { readonly admittedInstead: readonly number[]; readonly notAdmittedInstead: readonly number[]; readonly direct: readonly number[] };
    /** Capacity the scenario adds per resource (RESOURCES order) over the results period; null where unlimited. */
    readonly capacity: readonly (number | null)[];
  }[];
  /** The drift range: per strength besides the model's, the matched baseline's G&A occupancy and each scenario's release measures. */
  readonly driftRange: readonly {
    readonly b2: number;
    readonly b0: number;
    readonly baselineOccupancy: number | null;
    readonly release: readonly { readonly scenario: string; readonly measures: readonly ReleaseMeasures[] }[];
  }[];
}

// ---------------------------------------------------------------------------------------------
// Sweeps: a grid of parameter values, one experiment per cell
// ---------------------------------------------------------------------------------------------

export interface SweepAxis {
  /** A change path, e.g. `nodes.acute.servers`. */
  readonly path: string;
  readonly values: readonly unknown[];
  /** true: applied to baseline and scenario; false: to the scenario only. */
  readonly both: boolean;
}

export interface SweepRequest extends Omit<ExperimentRequest, "overrides" | "scenarioOverrides"> {
  readonly axes: readonly SweepAxis[];
}

export interface SweepCell {
  /** 1-based, in grid order. */
  readonly index: number;
  /** One value per axis. */
  readonly values: readonly unknown[];
  readonly plan: ExperimentPlan;
}

export interface SweepPlan {
  readonly axes: readonly SweepAxis[];
  readonly cells: readonly SweepCell[];
  readonly baseline: string;
  /** The compared scenarios (SWEEP_SCENARIO when none was named). */
  readonly scenarios: readonly string[];
}

export interface SweepResult {
  readonly plan: SweepPlan;
  /** The cells that ran, in grid order (all of them unless interrupted). */
  readonly results: readonly { readonly cell: SweepCell; readonly result: ExperimentResult }[];
  readonly state: "complete" | "partial";
}

// ---------------------------------------------------------------------------------------------
// One replication of a compiled model
// ---------------------------------------------------------------------------------------------

/** ED decisions and admissions by acuity band × pressure band of one replication (see ReplicationResult.decisionCells). */
export interface DecisionCounts {
  /** Acuity bands. */
  readonly bands: number;
  readonly counts: readonly number[];
}

/** Results by patient group of one replication: `perDay[g × measures.length + m]` for group g and measure m. */
export interface SegmentCounts {
  /** Segment id and arrival route of each group. */
  readonly groups: readonly { readonly segment: string; readonly route: string }[];
  /** Measure names (GROUP_MEASURES of pathway/groups.ts), each per day of the results period. */
  readonly measures: readonly string[];
  readonly perDay: readonly number[];
}

/** Resources whose use is accounted per patient (release accounting), each in its own unit. */
export type ResourceName = "ambulance_hours" | "ed_cubicle_hours" | "acute_bed_days" | "community_bed_days" | "homecare_hours";

/** Called for each patient-level event when tracing (the --events log): time in hours, the patient's stable id, what happened, where. */
export type EventSink = (timeHours: number, patientId: number, event: string, node: string) => void;

/**
 * Called for each ED admission decision of the results period (the --episodes file): the
 * patient's arrival at the ED (hours from the start of the warm-up), acuity band (1 = least
 * acute), whether admitted, and the pressure the decision responded to (%).
 */
export type DecisionSink = (arrivalHours: number, band: number, admitted: boolean, pressurePct: number) => void;

export interface ReplicationOptions {
  /** Master seed (the model's run.seed, unless overridden). */
  readonly seed: number;
  /** Replication number, from 0: with the seed, it keys every random stream. */
  readonly replication: number;
  /** Results period, days. */
  readonly days: number;
  /** Warm-up, days. */
  readonly warmupDays: number;
  /** Keep the per-patient ledger (for release accounting). Default false. */
  readonly ledger?: boolean;
  /** Record the behaviour book (a reference run for counterfactuals). Default false. */
  readonly recordBehaviour?: boolean;
  /** A reference run's behaviour book, and which mechanisms to hold at it (a counterfactual run). */
  readonly hold?: BehaviourBook | undefined;
  readonly holdDecisions?: boolean;
  readonly holdStretch?: boolean;
  /** Hold elective bookings at the reference's fates: each admitted at the attempt the reference admitted it, the rest cancelled. */
  readonly holdElectives?: boolean;
  /** Called for each patient-level event when set (for --events). */
  readonly onEvent?: EventSink | undefined;
  /** Called for each ED decision of the results period when set (for --episodes). */
  readonly onDecision?: DecisionSink | undefined;
  /**
   * Start from this census instead of empty (a warm start, docs/census.md): its patients are in
   * place at time 0, each remaining duration drawn given the time already spent. Default none.
   */
  readonly census?: readonly CensusRow[] | undefined;
  /** Ids below this belong to census patients (default the census's length): arrivals' ids start here. */
  readonly censusIdSpace?: number | undefined;
}

/** A patient's status in a census (docs/census.md). */
export type CensusStatus = "waiting" | "in-service" | "blocked" | "on-package";

/** One patient present in a census: one row of census.csv (docs/census.md), validated (io/census-csv.ts). */
export interface CensusRow {
  /** The scenario whose state this row belongs to; null: every scenario without rows of its own. */
  readonly scenario?: string | null;
  /** The replication whose state this row belongs to; null: every replication. */
  readonly replication?: number | null;
  /** The patient's identifier in the census file; null: none given. */
  readonly patient?: string | null;
  /** The patient's id in the run (the same person has the same id in every scenario's state); absent: the row's position. */
  readonly id?: number;
  /** Node id where the patient is (for a blocked patient: the node whose place it still holds). */
  readonly node: string;
  /** Segment id. */
  readonly segment: string;
  /** Acuity band, 1 (least acute) to the model's acuityBands. */
  readonly acuity: number;
  readonly status: CensusStatus;
  /** Hours already spent in this status (in line, in service, held, in this package phase). ≥ 0. */
  readonly hoursInStatus: number;
  /** Hours since the patient took its place at the node (≥ hoursInStatus). */
  readonly hoursAtNode: number;
  /** Node id the patient goes to next: required when blocked; for a unit's patient in service optional (drawn if absent); "exit" for out. */
  readonly next: string | null;
  /** Care hours a week of the package (on a package; optional for those waiting for one). */
  readonly packageHoursPerWeek: number | null;
  /** Package phase (on a package only). */
  readonly phase: "reablement" | "long-term" | null;
}

export interface Conservation {
  /** Patients generated by the arrival processes (including avoided ones) and elective bookings. */
  generated: number;
  avoided: number;
  /** Patients who left the system (including turned away, and elective bookings cancelled for the last time). */
  exited: number;
  /** Patients still in the system at the end. */
  inSystem: number;
  /**
   * Per node (units, ED, ambulance), over the results period: present at its start, arrivals,
   * departures, turned away, reneged and present at the end, so that presentAtStart + arrivals =
   * departures + refused + reneged + present.
   */
  nodes: Record<string, { presentAtStart: number; arrivals: number; departures: number; present: number; refused: number; reneged: number; maxBusy: number; capacityMax: number }>;
}

export interface ReplicationResult {
  replication: number;
  seed: number;
  /** KPI name → value (only KPIs the model has services for), in catalogue order (kpis.ts); see KpiValue. */
  kpis: Record<string, KpiValue>;
  /** KPIs by segment, acuity band and for everyone (kpi_by_class.csv); classes with no patients left out. */
  byClass: ClassKpiValue[];
  daily: DailySeries;
  /** Admissions (acute bed starts) per day by source route and acuity band: key "route|band". */
  admissionsBySourceBand: Record<string, number>;
  /** ED decisions and admissions by pressure band, for drift checks: key "<95" | "95-100" | ">100". */
  admissionDecisionsByPressure: Record<string, { decisions: number; admitted: number }>;
  /**
   * ED decisions and admissions (results period, every ED) per acuity band × pressure band
   * (<90, 90-95, 95-100, 100-105, >=105 %): `counts[(band × 5 + pressureBand) × 2]` decisions, `+ 1` admitted.
   */
  decisionCells: DecisionCounts;
  /** Results by patient group: per (segment, route), arrivals, attendances, … per day (segments.csv). */
  segments: SegmentCounts;
  events: number;
  conservation: Conservation;
  /**
   * For units with unlimited servers: the fraction of the results period with exactly k occupied,
   * k = 0, 1, … (the occupancy distribution from which p(delay) for n beds follows, as in Monks 2016).
   */
  occupancy: Record<string, number[]>;
  ledger?: PatientLedger;
  book?: BehaviourBook;
  /** Capacity offered over the results period per accounted resource (RESOURCES order), in its unit; -1 where unlimited or absent. */
  capacity: number[];
}

/** Per-patient record of one replication, in stable patient-id order of exit (for matching). */
export interface PatientLedger {
  /** Stable id: the same person has the same id in every scenario of a replication. */
  readonly id: Float64Array;
  /** Segment index (order of the model's segments). */
  readonly segment: Uint16Array;
  /** Acuity band index, 0 = least acute. */
  readonly band: Uint8Array;
  /** 1 if the intervention avoided this patient (never entered). */
  readonly avoided: Uint8Array;
  /** 1 if admitted from the ED (the decision drift acts on). */
  readonly admitted: Uint8Array;
  /** 1 if this patient reached an ED admission decision. */
  readonly decided: Uint8Array;
  /** 1 if this patient's demand went unmet: it gave up (a 999 wait abandoned, a wait for care at home given up), was turned away by a full unit, or was still waiting in a line when the period ended. */
  readonly unmet: Uint8Array;
  /** 1 if this patient waited in line for a home-care package. */
  readonly waitedForCare: Uint8Array;
  /**
   * Use of each resource in RESOURCES within the results period, in that resource's unit. Single
   * precision: a ledger holds every patient of a replication, and 7 significant digits of one
   * patient's hours are plenty (sums are taken in double precision).
   */
  readonly usage: readonly (Float32Array | Float64Array)[];
  /** The blocked part of `usage` (held after finishing there: boarding, delayed discharge, handover waits), per resource. */
  readonly blocked: readonly (Float32Array | Float64Array)[];
  readonly length: number;
}

/**
 * What each patient of a run did where a mechanism of absorption acts, by patient id: its
 * admission decision (0 none, 1 not admitted, 2 admitted) and, per unit that stretches stays,
 * its stay's stretch factor (NaN none). See pathway/book.ts.
 */
export interface BehaviourBook {
  readonly decisions: Uint8Array;
  readonly stretch: Float32Array | null;
  readonly stretchUnits: number;
  /**
   * Per node index (null: no elective list there): each elective booking's fate by booking number —
   * the attempt (1 = the first) at which it took a bed, -1 when it was cancelled for the last time,
   * 0 when the run never settled it.
   */
  readonly electives: readonly (Int16Array | null)[];
}

/** Daily series over the results period (one value per day), by metric name. */
export type DailySeries = Record<string, Float64Array>;

/** One resource's release accounting in one replication, in the resource's unit (see experiment/release.ts). */
export interface ReleaseMeasures {
  readonly resource: ResourceName;
  readonly expected: number;
  readonly spare: number;
  readonly drift: number;
  readonly longerStays: number;
  /** Use by elective bookings admitted in one run and cancelled in the other (elective backfill). */
  readonly electives: number;
  readonly unmet: number;
  readonly added: number;
  readonly blocking: number;
  readonly unexplained: number;
}

// ---------------------------------------------------------------------------------------------
// Summaries: the rows the CSV files hold
// ---------------------------------------------------------------------------------------------

/** One row of kpi_by_class.csv. */
export interface KpiByClassRow {
  readonly scenario: string;
  readonly kpi: string;
  readonly unit: string;
  /** "all", "segment" or "acuity". */
  readonly class_type: string;
  /** "all", a segment id or an acuity band name. */
  readonly class: string;
  readonly mean: number;
  readonly ci_low: number | null;
  readonly ci_high: number | null;
  /** Replications with patients of this class (the others are left out, not counted as 0). */
  readonly n_reps: number;
}

/**
 * A KPI of one replication: a number, or null when the replication observed nothing the KPI is a
 * mean, share or quantile of (no C1 calls, no handovers, a unit nobody visited) — written as an
 * empty cell, never as 0 and never NaN. Counts, sums and time-weighted measures are always numbers.
 */
export type KpiValue = number | null;

/**
 * A KPI over replications. Only the replications that observed it count: `n_reps` says how many;
 * with none, every statistic is null (an empty cell).
 */
export interface KpiSummaryRow {
  scenario: string;
  kpi: string;
  unit: string;
  mean: number | null;
  sd: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p10: number | null;
  p50: number | null;
  p90: number | null;
  n_reps: number;
}

/** A paired difference over the replications that observed the KPI in both runs (`n_reps`); null with none. */
export interface KpiDifferenceRow {
  scenario: string;
  baseline: string;
  kpi: string;
  unit: string;
  mean_diff: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

export interface ReleaseRow {
  scenario: string;
  baseline: string;
  resource: string;
  unit: string;
  measure: string;
  mean: number;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

export interface TimeseriesRow {
  scenario: string;
  day: number;
  /** The day's calendar date, YYYY-MM-DD, in a nominal year (see src/calendar.ts). */
  date: string;
  metric: string;
  /** The metric's unit, from the KPI catalogue's daily metrics. */
  unit: string;
  mean: number;
  p10: number;
  p90: number;
}

export interface FlowRow {
  scenario: string;
  source: string;
  acuity_band: string;
  admissions_per_day: number;
  ci_low: number | null;
  ci_high: number | null;
}

/** One row of admission_decisions.csv (see experiment/group-tables.ts). */
export interface AdmissionDecisionRow {
  scenario: string;
  /** "<90" | "90-95" | "95-100" | "100-105" | ">=105" (% of beds occupied at the decision). */
  pressure_band_pct: string;
  /** An acuity band's name, or "all". */
  acuity_band: string;
  /** "observed": the admitted share; "standardised": directly standardised to the baseline's acuity mix of decisions. */
  view: "observed" | "standardised";
  /** Decisions in the cell, all replications together. */
  decisions: number;
  /** Admitted share, %: admissions over decisions, totals over replications; null for an empty cell. */
  admitted_pct: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

/** One row of segments.csv (see experiment/group-tables.ts). */
export interface SegmentRow {
  scenario: string;
  /** What it is compared with ("" for a level). */
  baseline: string;
  segment: string;
  /** Route of arrival, or "all" (the segment's routes together). */
  route: string;
  measure: string;
  /** "level" | "difference" (scenario − baseline, paired by replication) | "relative_difference_pct". */
  value_type: "level" | "difference" | "relative_difference_pct";
  unit: string;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_reps: number;
}

/** MSER-5's verdict on the warm-up: on the baseline's mean daily G&A occupancy (or its first daily metric). */
export interface WarmupVerdict {
  readonly metric: string;
  /** Results days MSER-5 would discard (0: the warm-up was long enough). */
  readonly truncateDays: number;
  readonly observedDays: number;
}

// ---------------------------------------------------------------------------------------------
// Statistics across replications
// ---------------------------------------------------------------------------------------------

/**
 * Student t confidence interval for the mean of independent replications:
 * mean ± t(1 − (1 − level)/2, n − 1) · sd / √n.
 *
 * With n = 1 the spread is unknown: `sd`, `low`, `high` and `halfWidth` are null (never NaN),
 * `mean` is the single value. With identical values `halfWidth` is 0.
 */
export interface ConfidenceInterval {
  /** Mean of the values, in their unit. */
  readonly mean: number;
  /** Sample standard deviation (n − 1); null when n = 1. */
  readonly sd: number | null;
  /** Lower bound; null when n = 1. */
  readonly low: number | null;
  /** Upper bound; null when n = 1. */
  readonly high: number | null;
  /** t · sd / √n; null when n = 1. */
  readonly halfWidth: number | null;
  /** Number of replications. */
  readonly n: number;
}

/** Summary of one output across replications: mean, sd, 95% t-interval and type 7 quantiles. */
export interface Summary {
  readonly mean: number;
  /** null when n = 1. */
  readonly sd: number | null;
  /** 95% (or `level`) t-interval bounds; null when n = 1. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  /** 10th, 50th and 90th percentiles across replications (type 7). */
  readonly p10: number;
  readonly p50: number;
  readonly p90: number;
  readonly n: number;
}

/** Result of MSER-5 warm-up detection. */
export interface Mser5Result {
  /** d: number of leading batches of 5 to delete. */
  readonly truncateBatches: number;
  /** 5 · d: number of leading observations to delete. */
  readonly truncatePoints: number;
  /** MSER(d) for d = 0 … ⌊k/2⌋, where k is the number of complete batches. */
  readonly statistic: number[];
}

/** Result of the confidence-interval precision check. */
export interface PrecisionCheck {
  /** True when halfWidth / |mean| ≤ the target relative precision. */
  readonly achieved: boolean;
  /**
   * halfWidth / |mean|. null when it is undefined: fewer than 2 replications, or mean 0 with a
   * non-zero half-width. 0 when all values are equal.
   */
  readonly relativeHalfWidth: number | null;
}

// ---------------------------------------------------------------------------------------------
// Writing the output files
// ---------------------------------------------------------------------------------------------

export interface OutputOptions {
  /** Write a UTF-8 byte-order mark first (for some spreadsheet programs). */
  readonly bom?: boolean;
}

export interface RunInfo {
  readonly command: string;
  readonly wallSeconds: number;
  /**
   * Whether the per-replication event parts (events-<r>.part) are still to be joined into
   * events.csv by writeOutputs; false when there are none, or the caller has joined them as
   * replications completed (the command line does, with EventsFile).
   */
  readonly eventsWritten: boolean;
  /** Why the answers should be read with care (trustWarnings); written to warnings.csv. Default none. */
  readonly warnings?: readonly TrustWarning[];
  /** Markdown appended to summary.md (the uncertainty section of run --uncertainty); default none. */
  readonly summaryAppendix?: string | undefined;
  /** Rows added to run_metadata.csv after the run's own (how --uncertainty drew its sets); default none. */
  readonly extraMetadata?: readonly (readonly [string, string | number])[] | undefined;
}

/** What makes an answer untrustworthy (src/experiment/warnings.ts defines each). */
export type TrustWarningCode = "saturated_baseline" | "mixed_supply_and_demand" | "precision_not_reached" | "drift_range_unmatched" | "census_states_shared" | "census_own_states_accounting";

/** A reason to read a result with care: in the printed summary, warnings.csv and report.html. */
export interface TrustWarning {
  readonly code: TrustWarningCode;
  /** The scenario it concerns ("" for the whole run). */
  readonly scenario: string;
  /** What is wrong and what to do about it, in a planner's words. */
  readonly message: string;
}
