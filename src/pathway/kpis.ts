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
import type { CompiledNode } from "../model/compiled.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK, MINUTES_PER_HOUR } from "../time.js";
import type { KpiValue } from "../types.js";
import type { DailySeries, DailySources } from "./daily.js";

/** What a system KPI is computed from, at the end of a replication. */
export interface KpiSources extends DailySources {
  readonly now: number;
  /** Length of the results period, days. */
  readonly days: number;
  readonly daily: DailySeries;
}

export type KpiService = "ambulance" | "ed" | "acute" | "community" | "homecare";

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
  readonly when?: (u: Unit) => boolean;
  readonly value: (u: Unit, stays: Tally, s: KpiSources) => KpiValue;
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
];

/** KPIs every unit reports, named `<unit>_<suffix>`, in output order. */
export const UNIT_KPIS: readonly UnitKpiDefinition[] = [
  { suffix: "occupancy_pct", unit: "%", description: "Time-weighted share of the unit's servers (beds) occupied, blocked occupants included. Units with unlimited servers do not report it.", when: (u) => u.capacity < Infinity, value: (u, _t, s) => 100 * u.occupancy(s.now) },
  { suffix: "busy_mean", unit: "people", description: "Mean number of occupied servers (patients in service or blocked there).", value: (u, _t, s) => u.busyLevel.mean(s.now) },
  { suffix: "queue_mean", unit: "people", description: "Mean number of patients waiting for the unit (in its line or held upstream).", value: (u, _t, s) => u.queueLevel.mean(s.now) },
  { suffix: "wait_mean_hours", unit: "hours", description: "Mean wait for a server, from asking for it to taking it.", value: (u) => mean(u.waits) },
  { suffix: "wait_pct", unit: "%", description: "Share of patients who waited at all for a server.", value: (u) => (u.waits.count > 0 ? 100 * u.waits.fractionAbove(0) : null) },
  { suffix: "refused_pct", unit: "%", description: "Share of arrivals turned away because the waiting room was full.", value: (u) => pctOf(u.refusals.value, u.arrivals.value) },
  { suffix: "blocked_mean", unit: "people", description: "Mean number of occupants held at the unit after their stay because the next place could not take them.", value: (u, _t, s) => u.blockedLevel.mean(s.now) },
  { suffix: "arrivals_per_day", unit: "per day", description: "Arrivals at the unit per day.", value: (u, _t, s) => u.arrivals.value / s.days },
  { suffix: "departures_per_day", unit: "per day", description: "Departures from the unit per day.", value: (u, _t, s) => u.departures.value / s.days },
  { suffix: "stay_mean_hours", unit: "hours", description: "Mean time from taking a server to leaving it (blocked time included).", value: (_u, t) => mean(t) },
];

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
  };
  const kpis: Record<string, KpiValue> = {};
  for (const k of KPIS) if (has[k.service]) kpis[k.name] = k.value(s);
  for (const node of nodes) {
    if (node.kind !== "unit") continue;
    const u = units[node.index]!;
    const stays = s.wards.stays[node.index]!;
    const id = kpiId(node.id);
    for (const k of UNIT_KPIS) if (k.when === undefined || k.when(u)) kpis[`${id}_${k.suffix}`] = k.value(u, stays, s);
  }
  return kpis;
}

/** The catalogue entry of a KPI by its name in the outputs (a unit KPI by its suffix); undefined if none. */
export function kpiDefinition(name: string): { readonly name: string; readonly unit: string; readonly description: string } | undefined {
  const system = KPIS.find((k) => k.name === name);
  if (system !== undefined) return system;
  const unit = UNIT_KPIS.find((k) => name.endsWith(`_${k.suffix}`) && name.length > k.suffix.length + 1);
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
];

/** A daily metric's catalogue entry (generic units' by suffix). */
export function dailyMetricDefinition(name: string): DailyMetricDefinition | undefined {
  return DAILY_METRICS.find((m) => m.name === name) ?? DAILY_METRICS.find((m) => m.name.startsWith("<unit>") && name.endsWith(m.name.slice("<unit>".length)));
}
