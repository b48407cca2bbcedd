/**
 * Results by patient group (segments.csv): per (segment, route) of arrival, over the results
 * period — arrivals, ED attendances, ambulance conveyances, acute admissions, acute and community
 * bed-days and delivered home-care hours. A patient belongs to the group of the arrivals entry
 * that generated it for its whole journey (a deterioration re-entry stays in its group).
 *
 * Counts are typed arrays sized at the start of the replication: no allocation per event. Use of
 * beds and care is accumulated without any per-patient state: a use opened at time a and closed
 * at b adds w·(clamp(b) − clamp(a)) (clamp to the results period), booked as −w·clamp(a) when it
 * opens and +w·clamp(b) when it closes; use still open at the end is closed at the end of the
 * period. So the bed-days of all groups add up to the unit's own occupied bed-days.
 */
import type { CompiledModel } from "../model/compiled.js";
import type { Simulation } from "../engine/simulation.js";
import type { Patients } from "./patients.js";
import { HOURS_PER_DAY, HOURS_PER_WEEK } from "../time.js";
import type { ResourceName, SegmentCounts } from "../types.js";

/**
 * What segments.csv reports per group, in output order, with its unit (all per day of the results
 * period) and the service a model needs for it (null: every model).
 */
export const GROUP_MEASURES: readonly { readonly name: string; readonly unit: string; readonly service: ResourceName | null; readonly description: string }[] = [
  { name: "arrivals", unit: "people per day", service: null, description: "Patients arriving by this route (those the intervention avoided are not counted)." },
  { name: "ed_attendances", unit: "people per day", service: "ed_cubicle_hours", description: "ED attendances: arrivals at any ED (walk-in, conveyed, referred or re-entering), counted as ed_attendances_per_day counts them." },
  { name: "conveyances", unit: "people per day", service: "ambulance_hours", description: "Patients conveyed by ambulance to the ED (the crew arrives at the hospital)." },
  { name: "admissions", unit: "people per day", service: "acute_bed_days", description: "Emergency admissions to acute units (a patient taking an acute bed), as admissions_per_day counts them." },
  { name: "acute_bed_days", unit: "bed-days per day", service: "acute_bed_days", description: "Acute bed-days used (blocked time of patients with no criteria to reside included) per day: the group's mean number of occupied acute beds." },
  { name: "community_bed_days", unit: "bed-days per day", service: "community_bed_days", description: "Community bed-days used (blocked time included) per day: the group's mean number of occupied community beds." },
  { name: "homecare_hours", unit: "care hours per day", service: "homecare_hours", description: "Home-care hours delivered to the group's packages per day (package hours per week ÷ 7)." },
];

/** Indices into GROUP_MEASURES. */
export const G_ARRIVALS = 0;
export const G_ED = 1;
export const G_CONVEY = 2;
export const G_ADMIT = 3;
export const G_ACUTE = 4;
export const G_COMM = 5;
export const G_HC = 6;
const NG = GROUP_MEASURES.length;

export class GroupCounters {
  /** Segment id and route of each group, in the order of their first source. */
  readonly groups: { readonly segment: string; readonly route: string }[] = [];
  private readonly groupOfSource: Int32Array;
  /** Per group × measure: counts, or booked use (weight × hours, see the file comment). */
  private readonly totals: Float64Array;
  /** Per group × measure: total weight of use still open. */
  private readonly open: Float64Array;

  constructor(
    model: CompiledModel,
    private readonly sim: Simulation,
    private readonly P: Patients,
    private readonly tWarm: number,
    private readonly tEnd: number,
  ) {
    const groupOf = (segment: string, route: string): number => {
      const g = this.groups.findIndex((x) => x.segment === segment && x.route === route);
      return g >= 0 ? g : this.groups.push({ segment, route }) - 1;
    };
    // Elective patients' source numbers follow the arrivals' (pathway/electives.ts): one per unit with a list, route "elective".
    const lists = model.nodes.flatMap((n) => (n.kind === "unit" && n.electives !== null ? [n.electives.segment] : []));
    this.groupOfSource = Int32Array.from([...model.sources.map((src) => groupOf(model.segments[src.segment]!.id, src.route)), ...lists.map((s) => groupOf(model.segments[s]!.id, "elective"))]);
    this.totals = new Float64Array(this.groups.length * NG);
    this.open = new Float64Array(this.groups.length * NG);
  }

  /** Counts one event of measure `m` for patient p (the caller decides whether it is in the results period). */
  count(p: number, m: number): void {
    const i = this.groupOfSource[this.P.source[p]!]! * NG + m;
    this.totals[i] = this.totals[i]! + 1;
  }

  /** Patient p starts using measure m's resource now, at `weight` (1 for a bed, package hours per week for care). */
  openUse(p: number, m: number, weight: number): void {
    const i = this.groupOfSource[this.P.source[p]!]! * NG + m;
    this.totals[i] = this.totals[i]! - weight * this.clamp(this.sim.now);
    this.open[i] = this.open[i]! + weight;
  }

  /** Patient p stops using it (at the weight it was opened with). */
  closeUse(p: number, m: number, weight: number): void {
    const i = this.groupOfSource[this.P.source[p]!]! * NG + m;
    this.totals[i] = this.totals[i]! + weight * this.clamp(this.sim.now);
    this.open[i] = this.open[i]! - weight;
  }

  private clamp(t: number): number {
    return t < this.tWarm ? this.tWarm : t > this.tEnd ? this.tEnd : t;
  }

  /** Per group and measure, per day of the results period (`days` long); use still open is closed at the end. */
  finish(days: number): SegmentCounts {
    const perDay: number[] = [];
    for (let g = 0; g < this.groups.length; g++) {
      for (let m = 0; m < NG; m++) {
        const i = g * NG + m;
        const booked = this.totals[i]! + this.open[i]! * this.tEnd;
        // Bed use is booked in bed-hours, care in (hours per week) × hours.
        const amount = m === G_ACUTE || m === G_COMM ? booked / HOURS_PER_DAY : m === G_HC ? booked / HOURS_PER_WEEK : booked;
        perDay.push(days > 0 ? amount / days : 0);
      }
    }
    return { groups: this.groups.map((g) => ({ ...g })), measures: GROUP_MEASURES.map((m) => m.name), perDay };
  }
}
