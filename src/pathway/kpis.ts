/**
 * The KPI catalogue: every KPI a replication reports, with its unit, what it means and how it is
 * computed, in the order the outputs list them. The summaries, the CSV files' unit columns, the
 * glossary, the report and the docs all read it; nothing else names a KPI's unit.
 *
 * System KPIs are reported for the first node of each kind (the first ambulance service, ED,
 * acute unit, community unit and home-care pool); unit KPIs for every unit, named by its id
 * (hyphens as underscores), e.g. `acute_occupancy_pct`. Times are measured over the results
 * period (after warm-up); patients are counted when their measured step ends within it.
 *
 * A KPI that is a mean, share or quantile of observations (response times, handovers, ED stays,
 * admissions, a unit's waits, arrivals and stays) is null in a replication that observed none:
 * "no C1 call" is not "a 0-minute C1 response". Counts, sums and time-weighted measures are
 * always numbers.
 */
import type { Tally } from "../engine/tally.js";
import type { Unit } from "../engine/unit.js";
import type { CompiledNode, CompiledUnit } from "../model/compiled.js";
import { SystemMeasure, UnitMeasure, type ClassTallies } from "./classes.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK, MINUTES_PER_HOUR } from "../time.js";
import type { KpiValue } from "../types.js";
import type { DailySeries, DailySources } from "./daily.js";
import type { ClassKpiValue } from "../types.js";
import type { ElectiveCounts } from "./electives.js";

/** What a system KPI is computed from, at the end of a replication. */
export interface KpiSources extends DailySources {
  readonly now: number;
  /** Length of the results period, days. */
  readonly days: number;
  readonly daily: DailySeries;
  /** Whether any arrivals have opening hours, and how many arrivals were diverted out of the model (results period). */
  readonly doors: boolean;
  readonly divertedOut: number;
  /** Elective booked lists' counts (units with an `electives` list). */
  readonly electives: { countsAt(nodeIndex: number): ElectiveCounts };
}

export type KpiService = "ambulance" | "ed" | "acute" | "community" | "homecare" | "door";

export interface KpiDefinition {
  /** Name in every output file. */
  readonly name: string;
  readonly unit: string;
  /** What it means, in a planner's words (with the NHS definition where there is one). */
  readonly description: string;
  /** The service it needs: reported only by models that have it. */
  readonly service: KpiService;
  readonly value: (s: KpiSources) => KpiValue;
}

export interface UnitKpiDefinition {
  /** Name after the unit's id: `<unit>_<suffix>`. */
  readonly suffix: string;
  readonly unit: string;
  readonly description: string;
  /** Whether a unit reports it (default: every unit). */
  readonly when?: (u: Unit, node: CompiledUnit) => boolean;
  readonly value: (u: Unit, stays: Tally, s: KpiSources, node: CompiledUnit) => KpiValue;
}

/** A tally's mean, or null with no observations. */
const mean = (t: Tally): KpiValue => (t.count > 0 ? t.mean : null);
/** A tally's 90th centile, or null with no observations. */
const p90 = (t: Tally): KpiValue => (t.count > 0 ? t.quantile(0.9) : null);
/** 100 × part / whole, or null when the whole is 0 (nothing observed). */
const pctOf = (part: number, whole: number): KpiValue => (whole > 0 ? (100 * part) / whole : null);

/** The system KPIs, in output order. */
export const KPIS: readonly KpiDefinition[] = [
  { name: "amb_c1_mean_min", unit: "minutes", service: "ambulance", description: "Mean C1 (life-threatening) response time: call answered to arrival at scene (standard 7 minutes).", value: (s) => mean(s.ambulance!.responseByCat[0]!) },
  { name: "amb_c1_p90_min", unit: "minutes", service: "ambulance", description: "90th centile C1 response time (standard 15 minutes).", value: (s) => p90(s.ambulance!.responseByCat[0]!) },
  { name: "amb_c2_mean_min", unit: "minutes", service: "ambulance", description: "Mean C2 (emergency) response time (standard 18 minutes; interim 30).", value: (s) => mean(s.ambulance!.responseByCat[1]!) },
  { name: "amb_c2_p90_min", unit: "minutes", service: "ambulance", description: "90th centile C2 response time (standard 40 minutes).", value: (s) => p90(s.ambulance!.responseByCat[1]!) },
  { name: "amb_c3_p90_min", unit: "minutes", service: "ambulance", description: "90th centile C3 (urgent) response time (standard 120 minutes).", value: (s) => p90(s.ambulance!.responseByCat[2]!) },
  { name: "amb_c4_p90_min", unit: "minutes", service: "ambulance", description: "90th centile C4 (less urgent) response time (standard 180 minutes).", value: (s) => p90(s.ambulance!.responseByCat[3]!) },
  {
    name: "amb_calls_abandoned_pct",
    unit: "%",
    service: "ambulance",
    description: "Share of 999 calls waiting for a vehicle (hear & treat excluded) whose wait ended in the results period that ended with the caller giving up (making their own way to the ED or leaving) rather than a vehicle arriving. Models with ambulance abandonment only give up; without it, 0.",
    value: (s) => pctOf(s.ambulance!.fleet.reneges.value, s.ambulance!.fleet.reneges.value + s.ambulance!.fleet.starts.value),
  },
  { name: "handover_mean_min", unit: "minutes", service: "ambulance", description: "Mean handover time: ambulance arrival at the ED to clinical handover complete.", value: (s) => mean(s.ambulance!.handover) },
  { name: "handover_over_60_pct", unit: "%", service: "ambulance", description: "Share of handovers taking longer than 60 minutes.", value: (s) => (s.ambulance!.handover.count > 0 ? 100 * s.ambulance!.handover.fractionAbove(60) : null) },
  { name: "handover_hours_lost_over_15", unit: "hours", service: "ambulance", description: "Crew hours lost to handovers beyond 15 minutes (the sum of each handover's time over 15 minutes).", value: (s) => s.ambulance!.handover.sumExcessAbove(15) / MINUTES_PER_HOUR },
  { name: "handover_hours_lost_over_60", unit: "hours", service: "ambulance", description: "Crew hours lost to handovers beyond 60 minutes.", value: (s) => s.ambulance!.handover.sumExcessAbove(60) / MINUTES_PER_HOUR },
  { name: "ambulance_utilisation_pct", unit: "%", service: "ambulance", description: "Time-weighted share of vehicles on shift that are busy (on a call, at the ED or clearing).", value: (s) => 100 * s.ambulance!.fleet.occupancy(s.now) },
  { name: "ed_attendances_per_day", unit: "per day", service: "ed", description: "Type-1 ED attendances per day.", value: (s) => s.ed!.attendances.value / s.days },
  { name: "ed_4h_pct", unit: "%", service: "ed", description: "4-hour performance: share of attendances admitted, transferred or discharged within 4 hours of arrival (standard 95%; interim 78%).", value: (s) => (s.ed!.stay.count > 0 ? 100 * (1 - s.ed!.stay.fractionAbove(4)) : null) },
  { name: "ed_12h_pct", unit: "%", service: "ed", description: "Share of attendances spending more than 12 hours in the ED from arrival (target under 10%).", value: (s) => (s.ed!.stay.count > 0 ? 100 * s.ed!.stay.fractionAbove(12) : null) },
  { name: "ed_boarding_hours", unit: "hours", service: "ed", description: "Cubicle hours held by admitted patients waiting for a bed (boarding, exit block), over the results period.", value: (s) => s.ed!.cubicles.blockedLevel.integral(s.now) },
  { name: "ed_occupancy_pct", unit: "%", service: "ed", description: "Time-weighted share of ED cubicles occupied (boarders included).", value: (s) => 100 * s.ed!.cubicles.occupancy(s.now) },
  { name: "ga_occupancy_pct", unit: "%", service: "acute", description: "G&A bed occupancy: time-weighted occupied beds over available beds (planning maximum 92%).", value: (s) => 100 * s.acute!.occupancy(s.now) },
  {
    name: "ga_days_over_92_pct",
    unit: "%",
    service: "acute",
    description: "Share of results days on which mean G&A occupancy was above 92%.",
    value: (s) => {
      const occ = s.daily["ga_occupancy_pct"];
      return occ ? (100 * occ.filter((x) => x > 92).length) / occ.length : 0;
    },
  },
  { name: "nctr_mean_patients", unit: "people", service: "acute", description: "Mean number of patients in acute beds with no criteria to reside (medically fit, waiting for their discharge pathway).", value: (s) => s.acute!.blockedLevel.mean(s.now) },
  { name: "nctr_bed_days", unit: "bed-days", service: "acute", description: "Acute bed-days used by patients with no criteria to reside (delayed discharges), over the results period.", value: (s) => s.acute!.blockedLevel.integral(s.now) / HOURS_PER_DAY },
  {
    name: "nctr_pct_of_beds",
    unit: "%",
    service: "acute",
    description: "Mean share of available acute beds held by patients with no criteria to reside.",
    value: (s) => (s.acute!.capacityLevel.mean(s.now) > 0 ? (100 * s.acute!.blockedLevel.mean(s.now)) / s.acute!.capacityLevel.mean(s.now) : 0),
  },
  { name: "admissions_per_day", unit: "per day", service: "acute", description: "Emergency admissions to the acute unit per day.", value: (s) => s.wards.admissions.value / s.days },
  {
    name: "admissions_low_acuity_pct",
    unit: "%",
    service: "acute",
    description: "Share of acute admissions in the lower two fifths of acuity bands (bands 1–2 of 5): raw case mix, not case-mix adjusted.",
    value: (s) => pctOf(s.wards.admissionsLowAcuity.value, s.wards.admissions.value),
  },
  { name: "community_occupancy_pct", unit: "%", service: "community", description: "Community bed occupancy: time-weighted occupied beds over available beds.", value: (s) => 100 * s.community!.occupancy(s.now) },
  { name: "community_queue_mean_patients", unit: "people", service: "community", description: "Mean number of patients waiting for a community bed (most of them in acute beds).", value: (s) => s.community!.queueLevel.mean(s.now) },
  { name: "homecare_waiting_mean_people", unit: "people", service: "homecare", description: "Mean number of people on the home-care waiting list (in hospital or at home).", value: (s) => s.homecare!.queueLevel.mean(s.now) },
  { name: "homecare_unmet_hours", unit: "hours", service: "homecare", description: "Care hours asked for but not delivered while people waited for a package, over the results period.", value: (s) => s.homecare!.queuedAmountLevel.integral(s.now) / HOURS_PER_WEEK },
  { name: "homecare_utilisation_pct", unit: "%", service: "homecare", description: "Share of delivered home-care hours per week in use by packages.", value: (s) => 100 * s.homecare!.utilisation(s.now) },
  { name: "diverted_per_day", unit: "per day", service: "door", description: "Arrivals per day turned away at a closed door (outside their arrivals' opening hours) and sent out of the model (diverted elsewhere). Reported by models with opening hours.", value: (s) => s.divertedOut / s.days },
];

const hasPatience = (_u: Unit, node: CompiledUnit): boolean => node.patience !== null;
const hasElectives = (_u: Unit, node: CompiledUnit): boolean => node.electives !== null;

/** KPIs every unit reports, named `<unit>_<suffix>`, in output order. */
export const UNIT_KPIS: readonly UnitKpiDefinition[] = [
  { suffix: "occupancy_pct", unit: "%", description: "Time-weighted share of the unit's servers (beds) occupied, blocked occupants included. Units with unlimited servers do not report it.", when: (u) => u.capacity < Infinity, value: (u, _t, s) => 100 * u.occupancy(s.now) },
  { suffix: "busy_mean", unit: "people", description: "Mean number of occupied servers (patients in service or blocked there).", value: (u, _t, s) => u.busyLevel.mean(s.now) },
  { suffix: "queue_mean", unit: "people", description: "Mean number of patients waiting for the unit (in its line or held upstream).", value: (u, _t, s) => u.queueLevel.mean(s.now) },
  {
    suffix: "wait_mean_hours",
    unit: "hours",
    description:
      "Mean wait for a server of patients who took one, from asking for it (arriving, or being ready to leave the unit before, so time held there is included) to taking it. kpi_by_class.csv gives it as <unit>_wait_for_server_mean_hours beside the wait in this unit's own line, <unit>_wait_in_line_mean_hours.",
    value: (u) => mean(u.waits),
  },
  { suffix: "wait_pct", unit: "%", description: "Share of patients who waited at all for a server.", value: (u) => (u.waits.count > 0 ? 100 * u.waits.fractionAbove(0) : null) },
  { suffix: "reneged_pct", unit: "%", description: "Share of patients whose wait for the unit ended in the results period who left the line before a server (patience ran out). Units with patience only.", when: hasPatience, value: (u) => pctOf(u.reneges.value, u.reneges.value + u.starts.value) },
  { suffix: "reneged_wait_mean_hours", unit: "hours", description: "Mean wait of those who left the line before a server, from asking to leaving. Units with patience only (the wait of those served is wait_mean_hours).", when: hasPatience, value: (u) => mean(u.renegeWaits) },
  { suffix: "refused_pct", unit: "%", description: "Share of arrivals turned away because the waiting room was full.", value: (u) => pctOf(u.refusals.value, u.arrivals.value) },
  { suffix: "blocked_mean", unit: "people", description: "Mean number of occupants held at the unit after their stay because the next place could not take them (a count of patients; the time each spent blocked is <unit>_blocked_time_mean_hours in kpi_by_class.csv).", value: (u, _t, s) => u.blockedLevel.mean(s.now) },
  { suffix: "arrivals_per_day", unit: "per day", description: "Arrivals at the unit per day.", value: (u, _t, s) => u.arrivals.value / s.days },
  { suffix: "departures_per_day", unit: "per day", description: "Departures from the unit per day.", value: (u, _t, s) => u.departures.value / s.days },
  { suffix: "stay_mean_hours", unit: "hours", description: "Mean time from taking a server to leaving it (blocked time included).", value: (_u, t) => mean(t) },
  {
    suffix: "electives_admitted_per_day",
    unit: "per day",
    description: "Elective (planned) admissions per day from the unit's booked list: bookings that found a bed free beyond the reserve at their admission hour. Units with an elective list only; electives are not in admissions_per_day (emergency admissions).",
    when: hasElectives,
    value: (_u, _t, s, node) => s.electives.countsAt(node.index).admitted / s.days,
  },
  { suffix: "electives_cancelled_per_day", unit: "per day", description: "Elective bookings cancelled on the day per day because no bed was free beyond the reserve (a booking rebooked and cancelled again counts each time). Units with an elective list only.", when: hasElectives, value: (_u, _t, s, node) => s.electives.countsAt(node.index).cancelled / s.days },
  {
    suffix: "electives_cancelled_pct",
    unit: "%",
    description: "Share of elective bookings asking for a bed that were cancelled on the day (cancellations over cancellations and admissions). Units with an elective list only.",
    when: hasElectives,
    value: (_u, _t, s, node) => {
      const c = s.electives.countsAt(node.index);
      return pctOf(c.cancelled, c.cancelled + c.admitted);
    },
  },
  { suffix: "electives_lost_per_day", unit: "per day", description: "Elective bookings per day cancelled for the last time (no rebooking left, or none allowed): planned care not delivered. Units with an elective list only.", when: hasElectives, value: (_u, _t, s, node) => s.electives.countsAt(node.index).lost / s.days },
  { suffix: "elective_bed_days", unit: "bed-days", description: "Bed-days used by elective patients at the unit over the results period (blocked time waiting for their next place included). Units with an elective list only.", when: hasElectives, value: (_u, _t, s, node) => s.wards.electiveBedDays(node.index, s.now) },
];

/** The definition whose `_<suffix>` ends `name` (the longest, so `reneged_wait_mean_hours` is not read as `wait_mean_hours`). */
function longestSuffix<T extends { readonly suffix: string }>(list: readonly T[], name: string): T | undefined {
  let best: T | undefined;
  for (const k of list) {
    if (name.endsWith(`_${k.suffix}`) && name.length > k.suffix.length + 1 && (best === undefined || k.suffix.length > best.suffix.length)) best = k;
  }
  return best;
}

/** A unit's id as it appears in KPI and series names. */
export function kpiId(nodeId: string): string {
  return nodeId.replace(/-/g, "_");
}

/** Every KPI of one replication, in catalogue order, for the services it has. */
export function measureKpis(s: KpiSources, nodes: readonly CompiledNode[], units: readonly (Unit | null)[]): Record<string, KpiValue> {
  const has: Record<KpiService, boolean> = {
    ambulance: s.ambulance !== null,
    ed: s.ed !== null,
    acute: s.acute !== null,
    community: s.community !== null,
    homecare: s.homecare !== null,
    door: s.doors,
  };
  const kpis: Record<string, KpiValue> = {};
  for (const k of KPIS) if (has[k.service]) kpis[k.name] = k.value(s);
  for (const node of nodes) {
    if (node.kind !== "unit") continue;
    const u = units[node.index]!;
    const stays = s.wards.stays[node.index]!;
    const id = kpiId(node.id);
    for (const k of UNIT_KPIS) if (k.when === undefined || k.when(u, node)) kpis[`${id}_${k.suffix}`] = k.value(u, stays, s, node);
  }
  return kpis;
}

// ---------------------------------------------------------------------------------------------
// KPIs by class (kpi_by_class.csv): per segment, per acuity band and for everyone
// ---------------------------------------------------------------------------------------------

/** A KPI of kpi_by_class.csv: a mean over the patients of one class (empty when the class had none). */
export interface ClassKpiDefinition {
  /** `<unit>_<suffix>` for unit KPIs; the name itself for system ones. */
  readonly suffix: string;
  readonly unit: string;
  readonly description: string;
  /** Reported for units with patience only. */
  readonly patienceOnly?: boolean;
  /** From the class's sums (`sum(m)`) and the results days; null when the class had no patients to average over. */
  readonly value: (sum: (m: number) => number, days: number) => number | null;
}

const ratio = (a: number, b: number, scale = 1): number | null => (b > 0 ? (scale * a) / b : null);

/** Unit KPIs by class, named `<unit>_<suffix>`. */
export const UNIT_CLASS_KPIS: readonly ClassKpiDefinition[] = [
  { suffix: "arrivals_per_day", unit: "per day", description: "Arrivals at the unit per day.", value: (sum, days) => sum(UnitMeasure.ARRIVALS) / days },
  { suffix: "wait_for_server_mean_hours", unit: "hours", description: "Mean wait for a server of patients who took one, from asking for it — arriving, or being ready to leave the unit before — to taking it: time held (blocked) upstream is included. The same definition as <unit>_wait_mean_hours in kpi_summary.csv.", value: (sum) => ratio(sum(UnitMeasure.WAIT_SUM), sum(UnitMeasure.SERVED)) },
  { suffix: "wait_in_line_mean_hours", unit: "hours", description: "Mean wait of patients who took a server, from joining this unit's own waiting line (holding nothing upstream) to taking it: time held upstream is excluded (the usual queueing definition, and Ciw's waiting time). 0 for a patient who kept its place upstream until a server was free here.", value: (sum) => ratio(sum(UnitMeasure.LINE_WAIT_SUM), sum(UnitMeasure.SERVED)) },
  { suffix: "waited_pct", unit: "%", description: "Share of patients who took a server who waited at all for it.", value: (sum) => ratio(sum(UnitMeasure.WAITED), sum(UnitMeasure.SERVED), 100) },
  { suffix: "refused_pct", unit: "%", description: "Share of arrivals turned away because the waiting room was full.", value: (sum) => ratio(sum(UnitMeasure.REFUSED), sum(UnitMeasure.ARRIVALS), 100) },
  { suffix: "reneged_pct", unit: "%", patienceOnly: true, description: "Share of patients whose wait ended who left the line before a server (patience ran out).", value: (sum) => ratio(sum(UnitMeasure.RENEGED), sum(UnitMeasure.RENEGED) + sum(UnitMeasure.SERVED), 100) },
  { suffix: "reneged_wait_mean_hours", unit: "hours", patienceOnly: true, description: "Mean wait of those who left the line before a server, from asking to leaving.", value: (sum) => ratio(sum(UnitMeasure.RENEGE_WAIT_SUM), sum(UnitMeasure.RENEGED)) },
  { suffix: "blocked_time_mean_hours", unit: "hours", description: "Mean time a patient leaving the unit spent held there after its stay, waiting for the next place to take it (blocking after service; a delayed discharge in a ward), zeros included.", value: (sum) => ratio(sum(UnitMeasure.BLOCKED_SUM), sum(UnitMeasure.DEPARTED)) },
  { suffix: "stay_mean_hours", unit: "hours", description: "Mean time from taking a server to leaving it (blocked time included).", value: (sum) => ratio(sum(UnitMeasure.STAY_SUM), sum(UnitMeasure.DEPARTED)) },
];

/** System KPIs by class. */
export const SYSTEM_CLASS_KPIS: readonly ClassKpiDefinition[] = [
  { suffix: "exits_per_day", unit: "per day", description: "Patients leaving the model per day (those diverted out at a closed door not counted).", value: (sum, days) => sum(SystemMeasure.EXITS) / days },
  { suffix: "time_in_system_mean_hours", unit: "hours", description: "Mean time from entering the model to leaving it, of patients leaving in the results period.", value: (sum) => ratio(sum(SystemMeasure.TIME_SUM), sum(SystemMeasure.EXITS)) },
  { suffix: "blocked_time_mean_hours", unit: "hours", description: "Mean total time a patient leaving the model spent blocked — held in a place after its time there (a crew waiting at handover, a boarder in an ED cubicle, a delayed discharge) — all places together, zeros included.", value: (sum) => ratio(sum(SystemMeasure.BLOCKED_SUM), sum(SystemMeasure.EXITS)) },
];


/** Every class KPI of one replication (classes with no patients to average over are left out). */
export function measureClassKpis(classes: ClassTallies, nodes: readonly CompiledNode[], segments: readonly string[], bands: readonly string[], days: number): ClassKpiValue[] {
  const out: ClassKpiValue[] = [];
  const names: [ClassKpiValue["classType"], string][] = [["all", "all"], ...segments.map((s) => ["segment", s] as [ClassKpiValue["classType"], string]), ...bands.map((b) => ["acuity", b] as [ClassKpiValue["classType"], string])];
  const classIndex = [segments.length + bands.length, ...segments.map((_, i) => i), ...bands.map((_, i) => segments.length + i)];
  const emit = (kpi: string, def: ClassKpiDefinition, a: Float64Array): void => {
    names.forEach(([classType, className], j) => {
      const value = def.value((m) => classes.sum(a, m, classIndex[j]!), days);
      if (value !== null && Number.isFinite(value)) out.push({ kpi, classType, className, value });
    });
  };
  for (const def of SYSTEM_CLASS_KPIS) emit(def.suffix, def, classes.system);
  for (const node of nodes) {
    if (node.kind !== "unit") continue;
    for (const def of UNIT_CLASS_KPIS) if (!def.patienceOnly || node.patience !== null) emit(`${kpiId(node.id)}_${def.suffix}`, def, classes.units[node.index]!);
  }
  return out;
}

/** The catalogue entry of a kpi_by_class.csv KPI by its name; undefined if none. */
export function classKpiDefinition(name: string): { readonly name: string; readonly unit: string; readonly description: string } | undefined {
  const system = SYSTEM_CLASS_KPIS.find((k) => k.suffix === name);
  if (system !== undefined) return { name, unit: system.unit, description: system.description };
  const unit = longestSuffix(UNIT_CLASS_KPIS, name);
  if (unit === undefined) return undefined;
  return { name, unit: unit.unit, description: `${name.slice(0, name.length - unit.suffix.length - 1)}: ${unit.description}` };
}

/** The catalogue entry of a KPI by its name in the outputs (a unit KPI by its suffix); undefined if none. */
export function kpiDefinition(name: string): { readonly name: string; readonly unit: string; readonly description: string } | undefined {
  const system = KPIS.find((k) => k.name === name);
  if (system !== undefined) return system;
  const unit = longestSuffix(UNIT_KPIS, name);
  if (unit === undefined) return undefined;
  const id = name.slice(0, name.length - unit.suffix.length - 1);
  return { name, unit: unit.unit, description: `${id}: ${unit.description}` };
}

/** A KPI's unit, from the catalogue ("" for a name it does not know). */
export function kpiUnit(name: string): string {
  return kpiDefinition(name)?.unit ?? "";
}

export interface DailyMetricDefinition {
  /** Name in timeseries_daily.csv; `<unit>` stands for a generic unit's id. */
  readonly name: string;
  readonly unit: string;
  readonly description: string;
}

/** The daily series (timeseries_daily.csv), one value per results day. */
export const DAILY_METRICS: readonly DailyMetricDefinition[] = [
  { name: "ga_occupancy_pct", unit: "%", description: "G&A bed occupancy that day (time-weighted occupied beds over available beds)." },
  { name: "nctr_patients", unit: "people", description: "Mean patients in acute beds with no criteria to reside that day." },
  { name: "admissions", unit: "per day", description: "Emergency admissions to the acute unit that day." },
  { name: "community_occupancy_pct", unit: "%", description: "Community bed occupancy that day." },
  { name: "ed_boarding_hours", unit: "hours", description: "ED cubicle hours held by admitted patients waiting for a bed that day." },
  { name: "ed_attendances", unit: "per day", description: "ED attendances that day." },
  { name: "handover_hours_lost_over_15", unit: "hours", description: "Crew hours lost to handovers beyond 15 minutes, for handovers completed that day." },
  { name: "ambulance_queue_calls", unit: "people", description: "Mean 999 calls waiting for a vehicle that day." },
  { name: "homecare_waiting_people", unit: "people", description: "Mean people on the home-care waiting list that day." },
  { name: "<unit>_busy", unit: "people", description: "Mean occupied servers of a generic unit that day." },
  { name: "<unit>_queue", unit: "people", description: "Mean patients waiting for a generic unit that day." },
  { name: "<unit>_delivered_hours_per_week", unit: "hours per week", description: "Mean home-care hours per week that can be delivered that day, for a home-care service whose paid hours have dated periods (nodes.<unit>.paidHoursByDate)." },
  { name: "<unit>_capacity", unit: "servers", description: "Mean capacity (beds, cubicles, vehicles) that day of a unit whose capacity has dated periods (run.startDate; nodes.<unit>.servers.dated)." },
];

/** A daily metric's catalogue entry (generic units' by suffix). */
export function dailyMetricDefinition(name: string): DailyMetricDefinition | undefined {
  return DAILY_METRICS.find((m) => m.name === name) ?? DAILY_METRICS.find((m) => m.name.startsWith("<unit>") && name.endsWith(m.name.slice("<unit>".length)));
}
