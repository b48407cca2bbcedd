/**
 * glossary.csv: what every name in an output folder means, in one table a spreadsheet opens —
 * columns `file, column, kind, name, unit, description`, one row per
 * - output file (kind `file`),
 * - column of every CSV file in the folder (kind `column`; read from the files' own headers, so
 *   the glossary always matches what was written),
 * - KPI (kind `kpi`, from the KPI catalogue, src/pathway/kpis.ts),
 * - daily metric (kind `daily_metric`, from the catalogue's daily series),
 * - release-accounting resource and measure (kinds `resource`, `release_measure`),
 * - warning that can be raised (kind `warning`, src/experiment/warnings.ts).
 * report.html and results.xlsx read it for labels, units and their data dictionary.
 *
 * Adding an output: describe its file in FILES and any column the shared COLUMNS do not describe
 * (or describe differently) in FILE_COLUMNS; a release measure in RELEASE_MEASURES. The test
 * test/glossary-describes-every-output.test.ts fails for a column, KPI or measure left undescribed.
 */
import { MEASURE_GLOSSARY } from "../experiment/release-measures.js";
import { open, readdir } from "node:fs/promises";
import { join } from "node:path";
import Papa from "papaparse";
import type { TrustWarningCode } from "../types.js";
import { RESOURCES } from "../pathway/ledger.js";
import { classKpiDefinition, dailyMetricDefinition, kpiDefinition } from "../pathway/kpis.js";
import { GROUP_MEASURES } from "../pathway/groups.js";
import { RESOURCE_UNITS } from "../experiment/summaries.js";
import { WARNING_MEANINGS } from "../experiment/warnings.js";
import { toCsv, type CsvValue } from "./csv.js";
import { writeFileAtomic } from "./atomic.js";

export const GLOSSARY_FILE = "glossary.csv";
export const GLOSSARY_COLUMNS = ["file", "column", "kind", "name", "unit", "description"] as const;

/** One row of glossary.csv. */
export interface GlossaryRow {
  /** The file the row is about ("" for a name used in several files, e.g. a KPI). */
  readonly file: string;
  /** The column described, or the column whose values the name appears in (e.g. "kpi"). */
  readonly column: string;
  readonly kind: "file" | "column" | "kpi" | "daily_metric" | "resource" | "release_measure" | "group_measure" | "warning";
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** What each output file holds. */
export const FILES: Readonly<Record<string, string>> = {
  "run_metadata.csv": "What was run: model, scenarios, seed, generator, replications, run length, versions, timings, whether the run is partial, and the command.",
  "kpi_replications.csv": "Every KPI of every scenario in every replication.",
  "kpi_summary.csv": "Each KPI per scenario over replications: mean, standard deviation, 95% confidence interval, 10th, 50th and 90th centiles.",
  "kpi_by_class.csv":
    "Per-patient KPIs by class, in long format: for each unit and for the whole system, by segment, by acuity band and for everyone (class_type all) — arrivals, the wait for a server (from asking) and the wait in the unit's own line (from joining it), reneging, blocked time, stays, time in system; mean and 95% confidence interval over the replications that had patients of the class.",
  "kpi_difference.csv": "Each KPI's paired difference, scenario minus the scenario it is compared with, replication by replication under common random numbers, with its 95% confidence interval.",
  "release.csv": "Release accounting per scenario and resource: the capacity the avoided demand should free (or the capacity added), how much came free as spare capacity, and what absorbed the rest — drift, longer stays, previously unmet demand, added demand, changed blocking — each measured by counterfactual, plus the unexplained remainder; and the changes in flow beside it.",
  "drift_range.csv": "The release across the drift range: per scenario, resource and drift strength (b2), the admission intercept that re-matches the baseline's G&A occupancy to the model as given, the occupancy reached, and the expected release, spare capacity, drift and release ratio with its 95% CI.",
  "decisions_flipped.csv": "ED admission decisions each scenario flipped, by acuity band, per year: patients who decided in both runs and were admitted in the scenario only (admitted_instead) or in the compared run only (not_admitted_instead).",
  "summary.md": "The planner's summary: one paragraph per scenario in plain words, the drift range first, 95% CIs labelled; also printed at the end of the run.",
  "timeseries_daily.csv": "Daily series per scenario: the mean over replications and the 10th and 90th centiles across replications, each results day.",
  "flows.csv": "Admissions per day by the route patients came in by and their acuity band: the raw case mix of admissions. It moves with demand and case mix whether drift is on or off (drift flips mostly mid-acuity patients near the threshold), so it is not a drift measure: for drift read admission_decisions.csv.",
  "admission_decisions.csv": "Drift made visible: the admitted share of ED admission decisions by bed pressure (<90, 90-95, 95-100, 100-105, >=105%) for each acuity band and all together, and per pressure band the share directly standardised to the baseline's acuity mix of decisions (case mix held equal), with 95% confidence intervals over replications. With drift the share falls as pressure rises within an acuity band and in the standardised view.",
  "segments.csv": "Results by patient group: per scenario, population segment and route of arrival (and all routes of the segment), arrivals, ED attendances, conveyances, admissions, acute and community bed-days and home-care hours, each per day of the results period with its 95% confidence interval; and for each scenario the difference from its baseline (paired by replication) and the relative change in %.",
  "events.csv": "With --events only: the patient-level event log, one row per event.",
  "episodes.csv": "With --episodes only: the ED attendances of the run, one row per ED admission decision in the results period, per scenario and replication, in the format pathflow estimate-drift reads (docs/estimate-drift.md), so a run's own episodes can be fed to the estimator (pick one scenario with --where scenario=NAME).",
  "warnings.csv": "Why an answer should be read with care (a saturated baseline, a scenario changing both demand and capacity, --reps auto stopping short of its target); header only when there is none.",
  "glossary.csv": "This table: what every file, column, KPI, daily metric, release measure and warning means, with its unit.",
  "sweep.csv": "A sweep: one row per grid cell and KPI, KPI difference or release measure, with its mean and 95% confidence interval.",
  "sweep_metadata.csv": "A sweep: the model, the baseline and scenarios, each swept parameter and its values, cells run, and the command.",
  "uncertainty.csv":
    "With --uncertainty only: every KPI and release measure per scenario across plausible parameter values — the 10th, 50th and 90th percentiles over the drawn parameter sets of each set's mean over replications — beside the stochastic 95% confidence interval of the central run (the model's own values). The first spread is what is not known about the parameters; the second is the simulation's own noise.",
  "uncertainty_parameters.csv": "With --uncertainty only: the drawn parameter sets (Latin hypercube), one row per set and parameter, with the uniform each value is the quantile of; and, where drift strength is drawn, the admission intercept matched to it.",
  "uncertainty_drivers.csv":
    "With --uncertainty only: which uncertain parameter drives the spread of each KPI and release measure — per measure and parameter, Spearman's rank correlation and the partial rank correlation coefficient (PRCC: the rank correlation with the other parameters' effects taken out), the sign saying the direction, parameters ranked by |PRCC|.",
  "stress.md": "The STRESS-DES report: what a reader needs to judge and repeat the simulation.",
  "report.html": "The results as charts and tables for a planner or a board; opens offline in any browser.",
  "results.xlsx": "With --xlsx only: every CSV file as a sheet, a README sheet and a data dictionary.",
};

type Meaning = readonly [unit: string, description: string];

/** Columns that mean the same in every file they appear in. */
export const COLUMNS: Readonly<Record<string, Meaning>> = {
  key: ["", "What the row states"],
  value: ["", "Its value"],
  scenario: ["", "Scenario name, as in the model file (baseline: the model as written)"],
  baseline: ["", "The scenario this one is compared with"],
  replication: ["", "Replication number from 0; a replication draws the same random numbers in every scenario"],
  kpi: ["", "Key performance indicator (see the rows of kind kpi)"],
  unit: ["", "Unit of the values in the row"],
  mean: ["", "Mean over replications, in the row's unit"],
  sd: ["", "Standard deviation over replications, in the row's unit"],
  ci_low: ["", "Lower end of the 95% confidence interval (Student-t over replications), in the row's unit"],
  ci_high: ["", "Upper end of the 95% confidence interval, in the row's unit"],
  p10: ["", "10th centile over replications, in the row's unit"],
  p50: ["", "Median over replications, in the row's unit"],
  p90: ["", "90th centile over replications, in the row's unit"],
  n_reps: ["replications", "Replications the row is computed from (for a KPI, only those that observed it)"],
  mean_diff: ["", "Mean paired difference, scenario minus baseline, replication by replication (common random numbers), in the row's unit"],
  resource: ["", "Capacity resource accounted (see the rows of kind resource), or for measure flow_change the KPI whose change is reported"],
  measure: ["", "Release-accounting measure (see the rows of kind release_measure)"],
  code: ["", "What kind of warning (see the rows of kind warning)"],
  message: ["", "The warning in words: what is wrong and what to do about it"],
  cell: ["", "Sweep cell number from 1 (one experiment per combination of swept values)"],
};

/** Columns particular to one file (or meaning something else there). */
export const FILE_COLUMNS: Readonly<Record<string, Readonly<Record<string, Meaning>>>> = {
  "kpi_replications.csv": { value: ["", "The KPI's value in that replication, in the KPI's unit; empty when the replication observed nothing the KPI is a mean, share or centile of (no C1 calls, a unit nobody visited)"] },
  "timeseries_daily.csv": {
    day: ["day", "Day of the results period (1 = the first day after the warm-up)"],
    date: ["", "Calendar date of the day (YYYY-MM-DD). The model has no year: the date has the model's month, day and weekday in a nominal year (the first from 2001 that fits; see the README)"],
    metric: ["", "Daily metric (see the rows of kind daily_metric)"],
    mean: ["", "Mean over replications of the day's value, in the row's unit"],
    p10: ["", "10th centile of the day's value across replications"],
    p90: ["", "90th centile of the day's value across replications"],
  },
  "flows.csv": {
    source: ["", "Route the patient came in by, as named in the model file: 999, walk-in, referral, transfer or other (text: a spreadsheet opening the CSV may show 999 as a number)"],
    acuity_band: ["", "Acuity band of the patient, as named in the model file (least acute first)"],
    admissions_per_day: ["per day", "Admissions per day over the results period, mean over replications"],
    ci_low: ["per day", "Lower end of the 95% confidence interval of admissions per day"],
    ci_high: ["per day", "Upper end of the 95% confidence interval of admissions per day"],
  },
  "admission_decisions.csv": {
    pressure_band_pct: ["%", "Bed pressure (the admitting unit's occupancy, boarders included by default) when the ED decided: <90, 90-95, 95-100, 100-105 or >=105 (lower bound included), the bands of the estimate command's drift diagnostics"],
    acuity_band: ["", "Acuity band of the patient at the decision, as named in the model file (least acute first), or all (every band together)"],
    view: ["", "observed: the share of decisions that admitted; standardised (acuity band all only): the admitted share directly standardised to the baseline's case mix, Σ over acuity bands of (the baseline's share of ED decisions in the band, all pressure bands and replications together) × (the band's admitted share at this pressure), empty when a band of that mix had no decisions at this pressure"],
    decisions: ["decisions", "ED admission decisions in the cell (for standardised rows: in the pressure band), every ED, all replications together"],
    admitted_pct: ["%", "Admitted share: admissions over decisions, totals over all replications (empty for a cell without decisions)"],
    ci_low: ["%", "Lower end of the 95% confidence interval of the admitted share, replications as the independent unit (linearised ratio estimator, Student-t)"],
    ci_high: ["%", "Upper end of the 95% confidence interval of the admitted share"],
  },
  "segments.csv": {
    segment: ["", "Population segment, as named in the model file"],
    route: ["", "Route the patients came in by, as named in the model file (999, walk-in, referral, transfer or other), or all: the segment's routes together (do not add it to the route rows)"],
    measure: ["", "What is counted (see the rows of kind group_measure); a patient counts in the group it arrived in for its whole journey"],
    value_type: ["", "level: the scenario's value, mean over replications; difference: scenario minus baseline, paired replication by replication (common random numbers); relative_difference_pct: the scenario's total over replications over the baseline's, minus 1, in % (unit %)"],
    mean: ["", "The value, in the row's unit: a mean over replications (level, difference) or a ratio of totals (relative_difference_pct)"],
  },
  "drift_range.csv": {
    resource: ["", "Capacity resource accounted (see the rows of kind resource)"],
    drift_strength: ["b2 per occupancy point", "Drift strength b2: the change in the log-odds of admission per point of pressure (0 = no drift)"],
    matched_intercept: ["log-odds", "The admission intercept (b0) used at this strength, chosen so the baseline's G&A occupancy matches the model as given"],
    intercept_source: ["", "Where the intercept came from: model (the model's own b2 and b0), model file (admission.driftRange.b0) or search (found by this run)"],
    baseline_occupancy_pct: ["%", "The baseline's G&A occupancy at this strength, mean over replications"],
    occupancy_vs_model_points: ["points", "That occupancy minus the model-as-given baseline's, paired by replication (the match: within 0.2 points)"],
    expected: ["", "Expected release at this strength, mean over replications, in the row's unit"],
    spare: ["", "Realised as spare capacity at this strength, in the row's unit"],
    drift: ["", "Absorbed by drift at this strength (counterfactual, knock-on included), in the row's unit"],
    release_ratio: ["ratio", "Spare over expected, mean over replications; empty where the expected release is not material or the interval not informative"],
    ci_low: ["ratio", "Lower end of the release ratio's 95% confidence interval"],
    ci_high: ["ratio", "Upper end of the release ratio's 95% confidence interval"],
  },
  "decisions_flipped.csv": {
    acuity_band: ["", "Acuity band of the patients, as named in the model file (least acute first)"],
    flip: ["", "admitted_instead: admitted in the scenario, not in the run it is compared with; not_admitted_instead: the reverse"],
    per_year: ["decisions per year", "Flipped decisions per year of the results period, mean over replications"],
    ci_low: ["decisions per year", "Lower end of the 95% confidence interval"],
    ci_high: ["decisions per year", "Upper end of the 95% confidence interval"],
  },
  "events.csv": {
    time_hours: ["hours", "Simulation time of the event, from the start of the warm-up"],
    patient_id: ["", "The patient's id, stable across scenarios (the same person in every scenario); below 0 for a patient added by a demand multiplier above 1 (never a baseline patient)"],
    event: ["", "What happened: arrive, avoided, diverted, elective (an elective booking takes its bed), cancelled (an elective booking finds none), enter, start, ready, depart, renege, refused, admit, discharge, exit, hear-and-treat, see-and-treat, abandon, handover-cap, package-start, long-term, package-end …"],
    node: ["", "Where it happened: a node of the model, or segment/stream number for an arrival (e.g. adults/0)"],
  },
  "episodes.csv": {
    arrival: ["date-time", "Arrival at the ED, ISO 8601 to the second (no time zone), in the model's calendar: the dates of timeseries_daily.csv, the model's months and weekdays"],
    acuity: ["band", "Acuity band of the patient, 1 = least acute … N, as the model file lists them"],
    admitted: ["0/1", "1 if the ED decided to admit, 0 if not"],
    pressure_pct: ["%", "The pressure the decision responded to, at the decision (the model's pressureSignal: admitting-ward occupancy, ED crowding or a mix)"],
  },
  "kpi_by_class.csv": {
    kpi: ["", "KPI by class (see the rows of kind kpi with file kpi_by_class.csv): <unit>_<measure> for a unit, the measure alone for the whole system"],
    class_type: ["", "How patients are grouped: all (everyone), segment or acuity"],
    class: ["", "The class: all, a segment id or an acuity band name, as in the model file"],
    mean: ["", "Mean over the replications with patients of the class, in the row's unit"],
    n_reps: ["replications", "Replications with patients of the class (a replication without any is left out, not counted as 0)"],
  },
  "uncertainty.csv": {
    baseline: ["", "The scenario a release row is compared with (empty for a KPI level)"],
    kind: ["", "What the row holds: kpi (a scenario's KPI, as in kpi_summary.csv) or release (a release measure or flow change, as in release.csv)"],
    name: ["", "The KPI, or for release rows the resource (or, for flow_change, the flow KPI)"],
    measure: ["", "mean for a KPI; the release measure for release rows (release_ratio here wherever every replication avoided something material, whether or not its interval is informative)"],
    p10: ["", "10th percentile over parameter sets of the set's mean over replications, in the row's unit"],
    p50: ["", "Median over parameter sets of the set's mean over replications, in the row's unit"],
    p90: ["", "90th percentile over parameter sets of the set's mean over replications, in the row's unit"],
    n_sets: ["parameter sets", "Parameter sets in which the measure was observed (a KPI nobody was counted for, a ratio without material expected release, is left out)"],
    central_mean: ["", "Mean over replications in the central run (the model's own values, no parameter drawn), in the row's unit"],
    central_ci_low: ["", "Lower end of the central run's stochastic 95% confidence interval (Student-t over its replications)"],
    central_ci_high: ["", "Upper end of the central run's stochastic 95% confidence interval"],
    central_n_reps: ["replications", "Replications the central run's mean and interval are computed from"],
  },
  "uncertainty_parameters.csv": {
    set: ["", "Parameter set number from 1"],
    parameter: ["", "The uncertain parameter, as named in the model's uncertainty section (matched_intercept: the admission intercept b0 interpolated for the drawn drift strength)"],
    path: ["", "The change path the value is applied at"],
    apply: ["", "How the value is applied: set (replaces the parameter), scale (multiplies every number there), scaleAvoided (a demand multiplier m becomes 1 − value·(1 − m)), matched (the intercept that keeps the baseline at the model's operating point)"],
    uniform: ["probability", "The Latin hypercube uniform in [0, 1) the value is the quantile of: each of the N strata of [0, 1) holds exactly one set for each parameter (empty for matched_intercept)"],
    value: ["", "The drawn value, in the parameter's own unit (a factor for scale and scaleAvoided)"],
  },
  "uncertainty_drivers.csv": {
    baseline: ["", "The scenario a release row is compared with (empty for a KPI level)"],
    kind: ["", "kpi or release, as in uncertainty.csv"],
    name: ["", "The KPI, or the release resource (or flow KPI), as in uncertainty.csv"],
    measure: ["", "mean for a KPI; the release measure for release rows"],
    parameter: ["", "The uncertain parameter, as named in the model's uncertainty section"],
    spearman: ["correlation", "Spearman's rank correlation, over parameter sets, between the parameter's drawn value and the set's mean of the measure (−1 to 1; the sign is the direction)"],
    prcc: ["correlation", "Partial rank correlation coefficient: the rank correlation with every other uncertain parameter's effect taken out (−1 to 1); empty when there are too few sets (N must exceed the parameters + 1) or a parameter does not vary"],
    rank: ["", "1 = the parameter that drives this measure's spread most (largest |prcc|, or |spearman| where prcc is empty)"],
    n_sets: ["parameter sets", "Parameter sets the correlations are computed over (only measures observed in every set and varying between them are listed)"],
  },
  "warnings.csv": { scenario: ["", "The scenario the warning is about (empty: the whole run)"] },
  "glossary.csv": {
    file: ["", "The file the row is about (empty: a name used in several files)"],
    column: ["", "The column described, or the column whose values the name appears in"],
    kind: ["", "What the row describes: file, column, kpi, daily_metric, resource, release_measure, group_measure or warning"],
    name: ["", "The name described"],
    unit: ["", "Its unit"],
    description: ["", "What it means"],
  },
  "sweep.csv": {
    kind: ["", "What the row holds: kpi (a scenario's KPI), kpi_difference (against the baseline) or release (a release measure)"],
    name: ["", "The KPI's name, or the release resource (or flow KPI)"],
    measure: ["", "mean for a KPI, mean_diff for a KPI difference, the release measure for release rows"],
  },
};

/**
 * What each release-accounting measure counts, in release.csv's `measure` column (and sweep.csv's).
 * Units: the resource's (the row's `unit`), except where given.
 */
export const RELEASE_MEASURES = MEASURE_GLOSSARY;

/** What each accounted resource is. */
const RESOURCE_MEANINGS: Readonly<Record<string, string>> = {
  ambulance_hours: "Ambulance crew time: on the way, on scene, conveying, waiting to hand over and clearing",
  ed_cubicle_hours: "ED cubicle time, boarding included",
  acute_bed_days: "Acute (G&A) bed time, delayed discharges included",
  community_bed_days: "Community (rehab, intermediate care) bed time, delays included",
  homecare_hours: "Home-care hours delivered",
};

/** A column's meaning in a file: the file's own, else the shared one. */
export function columnMeaning(file: string, column: string): Meaning | undefined {
  return FILE_COLUMNS[file]?.[column] ?? COLUMNS[column];
}

/** The names an output folder's rows use, beyond its columns. */
export interface GlossaryNames {
  /** KPI names, in output order. */
  readonly kpis: readonly string[];
  /** KPI names of kpi_by_class.csv, in output order. */
  readonly classKpis?: readonly string[];
  /** Daily metric names. */
  readonly dailyMetrics: readonly string[];
  /** Release measures that appear (release.csv's or sweep.csv's measure column). */
  readonly releaseMeasures: readonly string[];
  /** Resources that appear. */
  readonly resources: readonly string[];
  /** segments.csv's measures that appear (default: all). */
  readonly groupMeasures?: readonly string[];
  /** Meanings of columns no table here knows (a sweep's swept parameters), by column name. */
  readonly extraColumns?: Readonly<Record<string, Meaning>>;
  /** A dated run's start date (YYYY-MM-DD): its dates are real dates, not a nominal year's. */
  readonly startDate?: string | undefined;
}

/** Columns that mean something else in a dated run (run.startDate, --start-date), by file and column. */
const DATED_COLUMNS: Readonly<Record<string, Readonly<Record<string, Meaning>>>> = {
  "timeseries_daily.csv": { date: ["", "Calendar date of the day (YYYY-MM-DD): a dated run, whose first results day is its start date (run.startDate or --start-date)"] },
  "episodes.csv": { arrival: ["date-time", "Arrival at the ED, ISO 8601 to the second (no time zone), on the real calendar of a dated run (from its start date)"] },
};

/**
 * The glossary rows for the files in `dir` (every file but hidden ones; each CSV's columns from its
 * own header) and the names given.
 */
export async function glossaryRows(dir: string, names: GlossaryNames): Promise<GlossaryRow[]> {
  const files = (await readdir(dir)).filter((f) => !f.startsWith("."));
  // Written after the glossary: itself, and the report every run and sweep writes.
  for (const f of [GLOSSARY_FILE, "report.html"]) if (!files.includes(f)) files.push(f);
  const known = Object.keys(FILES);
  files.sort((a, b) => order(known, a) - order(known, b) || (a < b ? -1 : a > b ? 1 : 0));
  const rows: GlossaryRow[] = [];
  for (const file of files) rows.push({ file, column: "", kind: "file", name: file, unit: "", description: FILES[file] ?? "" });
  for (const file of files.filter((f) => f.endsWith(".csv"))) {
    const columns = file === GLOSSARY_FILE ? [...GLOSSARY_COLUMNS] : await headerOf(join(dir, file));
    for (const column of columns) {
      const dated = names.startDate === undefined ? undefined : DATED_COLUMNS[file]?.[column];
      const [unit, description] = dated ?? columnMeaning(file, column) ?? names.extraColumns?.[column] ?? ["", ""];
      rows.push({ file, column, kind: "column", name: column, unit, description });
    }
  }
  for (const kpi of names.kpis) {
    const d = kpiDefinition(kpi);
    rows.push({ file: "", column: "kpi", kind: "kpi", name: kpi, unit: d?.unit ?? "", description: d?.description ?? "" });
  }
  for (const kpi of names.classKpis ?? []) {
    const d = classKpiDefinition(kpi);
    rows.push({ file: "kpi_by_class.csv", column: "kpi", kind: "kpi", name: kpi, unit: d?.unit ?? "", description: d?.description ?? "" });
  }
  for (const metric of names.dailyMetrics) {
    const d = dailyMetricDefinition(metric);
    const id = d?.name.startsWith("<unit>") ? `${metric.slice(0, metric.length - d.name.length + "<unit>".length)}: ` : "";
    rows.push({ file: "timeseries_daily.csv", column: "metric", kind: "daily_metric", name: metric, unit: d?.unit ?? "", description: d === undefined ? "" : `${id}${d.description}` });
  }
  for (const resource of RESOURCES.filter((r) => names.resources.includes(r))) {
    rows.push({ file: "", column: "resource", kind: "resource", name: resource, unit: RESOURCE_UNITS[resource], description: RESOURCE_MEANINGS[resource] ?? "" });
  }
  for (const measure of names.releaseMeasures) {
    const m = RELEASE_MEASURES.find((x) => x.name === measure);
    rows.push({ file: "", column: "measure", kind: "release_measure", name: measure, unit: m?.unit ?? "", description: m?.description ?? "" });
  }
  if (files.includes("segments.csv")) {
    for (const m of GROUP_MEASURES.filter((x) => names.groupMeasures === undefined || names.groupMeasures.includes(x.name))) rows.push({ file: "segments.csv", column: "measure", kind: "group_measure", name: m.name, unit: m.unit, description: m.description });
  }
  for (const [code, description] of Object.entries(WARNING_MEANINGS) as [TrustWarningCode, string][]) {
    rows.push({ file: "warnings.csv", column: "code", kind: "warning", name: code, unit: "", description });
  }
  return rows;
}

/** Writes `dir/glossary.csv` (atomically) for the files now in `dir` and the names given. */
export async function writeGlossary(dir: string, names: GlossaryNames, options: { bom?: boolean } = {}): Promise<void> {
  const rows = await glossaryRows(dir, names);
  const cells: CsvValue[][] = rows.map((r) => [r.file, r.column, r.kind, r.name, r.unit, r.description]);
  await writeFileAtomic(join(dir, GLOSSARY_FILE), toCsv(GLOSSARY_COLUMNS, cells, { bom: options.bom ?? false }));
}

function order(known: readonly string[], file: string): number {
  const i = known.indexOf(file);
  return i < 0 ? known.length : i;
}

/** A CSV file's header row (its first line; a byte-order mark dropped). */
async function headerOf(path: string): Promise<string[]> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString("utf8").replace(/^\uFEFF/, "");
    const firstLine = text.split("\n", 1)[0] ?? "";
    return (Papa.parse<string[]>(firstLine).data[0] ?? []).filter((c) => c !== "");
  } finally {
    await handle.close();
  }
}
